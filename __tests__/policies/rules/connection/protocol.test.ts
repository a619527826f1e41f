import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  S2S,
  connection,
  networkWithGateway,
  ref,
  siteToSite,
  tfDoc,
} from "../../../../test-utils/terraform";
import { s2s } from "../ipsec-construct-fixture";

const RULE = "Connection.Protocol";
const BASIC = { sku: "Basic", generation: "Generation1" };

describe("Connection.Protocol", () => {
  test("IKEv1 on a route-based Basic gateway is an error naming the SKU", () => {
    const found = findingsOf(siteToSite({ connection_protocol: "IKEv1" }, BASIC), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: S2S });
    expect(found[0].message).toContain("uses IKEv1, but gateway hub_gw is a route-based Basic gateway");
    expectWellFormed(found[0], RULE);
  });

  test("IKEv1 on a PolicyBased Basic gateway or a VpnGw gateway, and IKEv2: no finding", () => {
    const policyBased = { ...BASIC, extra: { vpn_type: "PolicyBased" } };
    expect(findingsOf(siteToSite({ connection_protocol: "IKEv1" }, policyBased), RULE)).toEqual([]);
    expect(findingsOf(siteToSite({ connection_protocol: "IKEv1" }), RULE)).toEqual([]);
    expect(findingsOf(siteToSite({ connection_protocol: "IKEv2" }, BASIC), RULE)).toEqual([]);
  });

  test("a value that is not an IKE version is an error", () => {
    const found = findingsOf(siteToSite({ connection_protocol: "IKEv3" }), RULE);
    expect(found.map((f) => f.message.split(" Fix:")[0])).toEqual([
      "Connection.Protocol: connection s2s has connection_protocol IKEv3, which is not an IKE version the provider accepts (IKEv2 or IKEv1).",
    ]);
  });

  test("IKEv1 on a VNet-to-VNet connection is a warning", () => {
    const d = tfDoc(
      networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27"),
      networkWithGateway("v2", "10.2.0.0/16", "10.2.255.0/27"),
      connection("c12", "v1_gw", {
        type: "Vnet2Vnet",
        peer: "v2_gw",
        extra: { connection_protocol: "IKEv1" },
      }),
    );
    const found = findingsOf(d, RULE);
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
    expect(found[0].message).toContain("is a VNet-to-VNet connection with connection_protocol IKEv1");
  });

  test("an unknown protocol or gateway SKU gives an unverifiable entry, no finding", () => {
    const p = siteToSite({ connection_protocol: ref("var.ike") });
    expect(findingsOf(p, RULE)).toEqual([]);
    expect(unverifiedOf(p, RULE)[0].what).toContain("var.ike");
    const sku = siteToSite({ connection_protocol: "IKEv1" }, { sku: ref("var.sku") as string });
    expect(findingsOf(sku, RULE)).toEqual([]);
    expect(unverifiedOf(sku, RULE)[0].what).toContain("var.sku");
  });

  test("constructs refuse IKEv1 on a route-based Basic gateway (same predicate); the escape hatch gets the rule's error", () => {
    const basic = { sku: "Basic" as const, activeActive: false, gatewaySubnetPrefix: "10.0.255.0/29" };
    expect(() => s2s({ connectionProtocol: "IKEv1" }, basic)).toThrow(
      "[net/ToBranch] `connectionProtocol`: 'IKEv1' is not supported on route-based gateway 'net/Hub' with sku 'Basic'",
    );
    const s = s2s({}, basic);
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.connection.resource.addOverride("connection_protocol", "IKEv1");
    expect(appFindings(s.app, RULE).map((f) => [f.severity, f.path])).toEqual([
      ["error", "net/ToBranch/Resource"],
    ]);
  });
});
