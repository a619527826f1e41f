import { LocalSite } from "../../../../index";
import { AddressSpaceCidrFormat } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { hub, localSite, natRule, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = AddressSpaceCidrFormat;
const SITE = "azurerm_local_network_gateway.onprem";

describe("AddressSpace.CidrFormat", () => {
  test("fails: a site prefix with host bits set, or not a CIDR block", () => {
    const found = findings(localSite("onprem", ["192.168.0.1/16", "192.168.0.0", "10.0.0.0/8"]), RULE);
    expect(found).toHaveLength(2);
    expectFinding(
      found[0],
      RULE,
      SITE,
      "site lng-onprem has address_space '192.168.0.1/16' has host bits set",
      "192.168.0.0/16",
    );
    expectFinding(found[1], RULE, SITE, "'192.168.0.0' is not a valid CIDR block");
  });

  test("fails: a point-to-site client pool or a NAT mapping that is not a valid CIDR block", () => {
    const [p] = findings(
      hub({ extra: { vpn_client_configuration: { address_space: ["172.16.201.1/24"] } } }),
      RULE,
    );
    expectFinding(
      p,
      RULE,
      "azurerm_virtual_network_gateway.hub",
      "point-to-site client pool '172.16.201.1/24' has host bits set",
    );
    const [n, ...rest] = findings(
      tfDoc(hub(), natRule("egress", "hub", "EgressSnat", "10.0.0.0/33", "100.64.1.0/24")),
      RULE,
    );
    expect(rest).toEqual([]);
    expectFinding(
      n,
      RULE,
      "azurerm_virtual_network_gateway_nat_rule.egress",
      "gateway NAT rule egress has internal_mapping address_space '10.0.0.0/33'",
    );
  });

  test("passes: valid prefixes everywhere", () => {
    const doc = tfDoc(
      hub({ extra: { vpn_client_configuration: { address_space: ["172.16.201.0/24"] } } }),
      localSite("onprem", ["192.168.0.0/16"]),
      natRule("egress", "hub", "EgressSnat", "10.0.0.0/24", "100.64.1.0/24"),
    );
    expect(run(doc, RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: an address space from a variable (a NAT mapping from a variable is left to the NAT rules)", () => {
    const report = run(
      tfDoc(
        localSite("onprem", ref("var.prefixes")),
        hub(),
        natRule("e", "hub", "EgressSnat", ref("var.x"), "100.64.1.0/24"),
      ),
      RULE,
    );
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([
      expect.objectContaining({ ruleId: RULE.id, path: SITE, what: expect.stringContaining("var.prefixes") }),
    ]);
  });

  test("constructs: LocalSite refuses a malformed prefix; an override fails synth", () => {
    const { app, stack } = constructApp();
    const props = {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
    };
    expect(() => new LocalSite(stack, "bad", { ...props, addressSpace: ["192.168.0.1/16"] })).toThrow(
      /net\/bad.*host bits/,
    );
    const onprem = new LocalSite(stack, "onprem", { ...props, addressSpace: ["192.168.0.0/16"] });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    onprem.resource.addOverride("address_space", ["10.1.2.3/8"]);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/onprem/Resource", "'10.1.2.3/8' has host bits set");
  });
});
