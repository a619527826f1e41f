import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  STRONG_IPSEC_POLICY,
  connection,
  localSite,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { STRONG, s2s } from "../ipsec-construct-fixture";

const RULE = "Ipsec.PolicySku";

function on(sku: string, policy = true) {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27", { sku, generation: "Generation1" }),
    localSite("branch", ["192.168.0.0/16"], { name: "branch" }),
    connection("s2s", "hub_gw", {
      type: "IPsec",
      site: "branch",
      extra: policy ? { ipsec_policy: STRONG_IPSEC_POLICY } : {},
    }),
  );
}

describe("Ipsec.PolicySku", () => {
  test("a custom IPsec policy on a Basic gateway's connection is an error naming the gateway", () => {
    const found = findingsOf(on("Basic"), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_connection.s2s",
    });
    expect(found[0].message).toContain("gateway hub_gw has sku Basic");
    expectWellFormed(found[0], RULE);
  });

  test("a VpnGw SKU, or Basic without a custom policy: no finding", () => {
    expect(findingsOf(on("VpnGw1AZ"), RULE)).toEqual([]);
    expect(findingsOf(on("Basic", false), RULE)).toEqual([]);
  });

  test("an unknown SKU gives no finding but an unverifiable entry", () => {
    const d = on(ref("var.sku"));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.sku");
  });

  test("constructs: SiteToSiteConnection refuses a policy on Basic; the escape hatch on the gateway's SKU is caught", () => {
    expect(() => s2s({ ipsecPolicy: STRONG }, { sku: "Basic" })).toThrow(/Basic/);
    const s = s2s({ ipsecPolicy: STRONG });
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.gateway.resource.addOverride("sku", "Basic");
    const found = appFindings(s.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/ToBranch/Resource");
    expect(found[0].message).toContain("gateway vgw-hub has sku Basic");
  });
});
