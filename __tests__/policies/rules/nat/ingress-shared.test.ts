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

function twoSites(spaceA: string[] | string, spaceB: string[] | string, a: Json = {}, b: Json = {}): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    localSite("branch_a", spaceA, { name: "branch_a", gateway_address: "203.0.113.10", ...a }),
    localSite("branch_b", spaceB, { name: "branch_b", gateway_address: "203.0.113.20", ...b }),
    natRule("branch_in", "hub_gw", "IngressSnat", "10.0.1.0/24", "100.0.2.0/24"),
    connection("to_a", "hub_gw", { type: "IPsec", site: "branch_a", ingress: ["branch_in"] }),
    connection("to_b", "hub_gw", { type: "IPsec", site: "branch_b", ingress: ["branch_in"] }),
  );
}

const bgp = (asn: number, peer: string): Json => ({ bgp_settings: { asn, bgp_peering_address: peer } });

describe("Nat.IngressShared", () => {
  test("one IngressSnat rule on connections to two networks with disjoint spaces is an error naming the sites", () => {
    const found = findingsOf(twoSites(["10.0.1.0/24"], ["172.16.0.0/16"]), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_nat_rule.branch_in",
    });
    expect(found[0].message).toContain(
      "different on-premises networks: site branch_a (10.0.1.0/24); site branch_b (172.16.0.0/16)",
    );
    expectWellFormed(found[0], RULE);
  });

  test("different BGP-only sites (BGP peer addresses aside) with different ASNs: a warning, Azure cannot tell", () => {
    const d = twoSites(
      ["192.168.255.1/32"],
      ["192.168.255.2/32"],
      bgp(65050, "192.168.255.1"),
      bgp(65060, "192.168.255.2"),
    );
    const found = findingsOf(d, RULE);
    expect(found.map((f) => f.severity)).toEqual(["warning"]);
    expect(found[0].message).toContain(
      "attached to connections to 2 different devices: site branch_a (no address space besides BGP); site branch_b (no address space besides BGP)",
    );
  });

  test("redundant BGP tunnels (one ASN, /32 spaces) share the rule: no finding", () => {
    const d = twoSites(
      ["192.168.255.1/32"],
      ["192.168.255.2/32"],
      bgp(65050, "192.168.255.1"),
      bgp(65050, "192.168.255.2"),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
  });

  test("sites of the same device share the rule: no finding; equal spaces on two devices: a warning, not an error", () => {
    expect(
      findingsOf(twoSites(["10.0.1.0/24"], ["172.16.0.0/16"], {}, { gateway_address: "203.0.113.10" }), RULE),
    ).toEqual([]);
    const equal = findingsOf(twoSites(["10.0.1.0/24"], ["10.0.1.0/24"]), RULE);
    expect(equal.map((f) => f.severity)).toEqual(["warning"]);
  });

  test("sites known by the same FQDN (case and a trailing dot aside) are one device: no finding", () => {
    const fqdn = (name: string): Json => ({ gateway_address: undefined, gateway_fqdn: name });
    const sameDevice = twoSites(
      ["10.0.1.0/24"],
      ["172.16.0.0/16"],
      fqdn("vpn.example.com"),
      fqdn("VPN.example.com."),
    );
    expect(findingsOf(sameDevice, RULE)).toEqual([]);
    const twoDevices = twoSites(
      ["10.0.1.0/24"],
      ["172.16.0.0/16"],
      fqdn("vpn.example.com"),
      fqdn("vpn2.example.com"),
    );
    expect(findingsOf(twoDevices, RULE).map((f) => f.severity)).toEqual(["error"]);
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
