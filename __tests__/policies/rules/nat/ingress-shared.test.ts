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

const RULE = "Nat.IngressShared";

function twoSites(spaceA: string[] | string, spaceB: string[] | string): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    localSite("branch_a", spaceA, { name: "branch_a" }),
    localSite("branch_b", spaceB, { name: "branch_b" }),
    natRule("branch_in", "hub_gw", "IngressSnat", "10.0.1.0/24", "100.0.2.0/24"),
    connection("to_a", "hub_gw", { type: "IPsec", site: "branch_a", ingress: ["branch_in"] }),
    connection("to_b", "hub_gw", { type: "IPsec", site: "branch_b", ingress: ["branch_in"] }),
  );
}

describe("Nat.IngressShared", () => {
  test("one IngressSnat rule on connections to two different on-premises networks is an error naming the sites", () => {
    const found = findingsOf(twoSites(["10.0.1.0/24"], ["10.0.1.0/24", "10.0.2.0/24"]), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_nat_rule.branch_in",
    });
    expect(found[0].message).toContain(
      "2 different on-premises networks: site branch_a (10.0.1.0/24); site branch_b (10.0.1.0/24,10.0.2.0/24)",
    );
    expectWellFormed(found[0], RULE);
  });

  test("redundant connections to sites with the same address space share the rule: no finding", () => {
    expect(findingsOf(twoSites(["10.0.1.0/24"], ["10.0.1.0/24"]), RULE)).toEqual([]);
  });

  test("an unknown site address space gives no finding but an unverifiable entry", () => {
    const d = twoSites(["10.0.1.0/24"], ref("var.branch_b_space"));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.branch_b_space");
  });

  test("constructs: one VpnNatRule on two SiteToSiteConnections to different networks is reported", () => {
    const { app, stack } = constructApp();
    const gateway = constructGateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    const rule = new VpnNatRule(stack, "BranchIn", {
      gateway,
      name: "branch-in",
      mode: "IngressSnat",
      internalMappings: [{ addressSpace: "10.0.1.0/24" }],
      externalMappings: [{ addressSpace: "100.0.2.0/24" }],
    });
    const sites = [
      ["A", "10.0.1.0/24"],
      ["B", "172.16.0.0/16"],
    ].map(
      ([id, space]) =>
        new LocalSite(stack, `Branch${id}`, {
          name: `branch-${id.toLowerCase()}`,
          resourceGroupName: RG,
          location: "westeurope",
          gatewayAddress: id === "A" ? "203.0.113.10" : "203.0.113.20",
          addressSpace: [space],
        }),
    );
    sites.forEach(
      (s, i) =>
        new SiteToSiteConnection(stack, `To${i}`, {
          gateway,
          site: s,
          sharedKey: SharedKey.fromVariable(stack, `psk${i}`),
          natRules: { ingress: [rule] },
        }),
    );
    const found = appFindings(app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/BranchIn/Resource");
    expect(found[0].message).toContain("site branch-b (172.16.0.0/16)");
  });
});
