import { LocalSite } from "../../../../constructs/local-site";
import { SharedKey } from "../../../../constructs/shared-key";
import { SiteToSiteConnection } from "../../../../constructs/site-to-site-connection";
import { VpnNatRule } from "../../../../constructs/vpn-nat-rule";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  Json,
  RG,
  connection,
  localSite,
  natRule,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { constructApp, constructGateway } from "../../../../test-utils/vpn";

const RULE = "Nat.DynamicOneConnection";

function shared(type: unknown): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    localSite("a", ["192.168.1.0/24"], { name: "a" }),
    localSite("b", ["192.168.2.0/24"], { name: "b", gateway_address: "203.0.113.20" }),
    natRule("out", "hub_gw", "EgressSnat", "10.0.0.0/16", "100.0.0.0/26", { type }),
    connection("to_a", "hub_gw", { type: "IPsec", site: "a", egress: ["out"] }),
    connection("to_b", "hub_gw", { type: "IPsec", site: "b", egress: ["out"] }),
  );
}

describe("Nat.DynamicOneConnection", () => {
  test("a Dynamic rule on two connections is an error naming them", () => {
    const found = findingsOf(shared("Dynamic"), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_nat_rule.out",
    });
    expect(found[0].message).toContain(
      "is Dynamic and attached to 2 connections (connection to_a, connection to_b)",
    );
    expectWellFormed(found[0], RULE);
  });

  test("a Static rule on two connections: no finding", () => {
    expect(findingsOf(shared("Static"), RULE)).toEqual([]);
  });

  test("an unknown type gives an unverifiable entry, no finding", () => {
    const d = shared(ref("var.nat_type"));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.nat_type");
  });

  test("constructs: one Dynamic VpnNatRule on two SiteToSiteConnections is reported", () => {
    const { app, stack } = constructApp();
    const gateway = constructGateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    const rule = new VpnNatRule(stack, "Out", {
      gateway,
      name: "out",
      mode: "EgressSnat",
      type: "Dynamic",
      internalMappings: [{ addressSpace: "10.0.0.0/16" }],
      externalMappings: [{ addressSpace: "100.0.0.0/26" }],
    });
    ["1", "2"].forEach((n) => {
      const site = new LocalSite(stack, `Site${n}`, {
        name: `site-${n}`,
        resourceGroupName: RG,
        location: "westeurope",
        gatewayAddress: `203.0.113.${n}`,
        addressSpace: [`192.168.${n}.0/24`],
      });
      new SiteToSiteConnection(stack, `To${n}`, {
        gateway,
        site,
        sharedKey: SharedKey.fromVariable(stack, `psk${n}`),
        natRules: { egress: [rule] },
      });
    });
    expect(appFindings(app, RULE).map((f) => f.path)).toEqual(["net/Out/Resource"]);
  });
});
