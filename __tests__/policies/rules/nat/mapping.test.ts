import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  Json,
  connection,
  localSite,
  natRule,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { natSetup } from "../nat-construct-fixture";

const RULE = "Nat.Mapping";

/** Hub 10.0.0.0/16 with a gateway, branch 10.0.1.0/24, one IPsec connection with the two rules. */
function setup(egressInternal: string, ingressInternal: string, hubSpace = "10.0.0.0/16"): Json {
  return tfDoc(
    networkWithGateway("hub", hubSpace, "10.0.255.0/27"),
    localSite("branch", ["10.0.1.0/24"], { name: "branch" }),
    natRule("egress", "hub_gw", "EgressSnat", egressInternal, "100.0.1.0/24"),
    natRule("ingress", "hub_gw", "IngressSnat", ingressInternal, "100.0.2.0/24"),
    connection("s2s", "hub_gw", { type: "IPsec", site: "branch", egress: ["egress"], ingress: ["ingress"] }),
  );
}

describe("Nat.Mapping", () => {
  test("internal mappings inside the network (egress) and the site (ingress): no finding", () => {
    const d = setup("10.0.1.0/24", "10.0.1.0/24");
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)).toEqual([]);
  });

  test("an EgressSnat internal mapping outside the gateway's network is a warning naming the network's spaces", () => {
    const found = findingsOf(setup("172.16.1.0/24", "10.0.1.0/24"), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "warning",
      path: "azurerm_virtual_network_gateway_nat_rule.egress",
    });
    expect(found[0].message).toContain(
      "NAT rule egress is EgressSnat with internal mapping 172.16.1.0/24, which is outside network hub (10.0.0.0/16)",
    );
    expectWellFormed(found[0], RULE);
  });

  test("an IngressSnat internal mapping outside the site of its connection is a warning naming the site", () => {
    const found = findingsOf(setup("10.0.1.0/24", "10.0.2.0/24"), RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("outside site branch (of connection s2s) (10.0.1.0/24)");
  });

  test("an IngressSnat rule attached to no connection is not checked", () => {
    const d = tfDoc(
      networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
      natRule("ingress", "hub_gw", "IngressSnat", "172.31.0.0/24", "100.0.2.0/24"),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
  });

  test("unknown network spaces give no finding but an unverifiable entry", () => {
    const d = setup("172.16.1.0/24", "10.0.1.0/24", ref("var.hub_space"));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.hub_space");
  });

  test("constructs: a swapped internal mapping on VpnNatRule is reported (the construct does not know the network)", () => {
    expect(appFindings(natSetup().app, RULE)).toEqual([]);
    const swapped = natSetup({ internalMappings: [{ addressSpace: "192.168.7.0/24" }] });
    const found = appFindings(swapped.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/VnetEgress/Resource");
    expect(found[0].message).toContain("outside network vnet-hubnet (10.0.0.0/16)");
  });
});
