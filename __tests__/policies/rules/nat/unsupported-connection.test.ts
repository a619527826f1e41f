import { checkTerraform, checkTerraformDocuments } from "../../../../policies/check-terraform";
import { appFindings } from "../../../../test-utils/policy";
import { natSetup } from "../nat-construct-fixture";
import { Finding } from "../../../../policies/finding";
import {
  Json,
  connection,
  localSite,
  natRule,
  ref,
  tfDoc,
  toHcl2Json,
  variable,
  vnet,
  vpnGateway,
} from "../../../../test-utils/terraform";

const RULE = "Nat.UnsupportedConnection";
const C = (name: string) => `azurerm_virtual_network_gateway_connection.${name}`;
const N = (name: string) => `azurerm_virtual_network_gateway_nat_rule.${name}`;

function natFindings(doc: Json): Finding[] {
  return checkTerraform(doc).filter((f) => f.ruleId === RULE);
}

/** Two networks with gateways (disjoint spaces) and NAT rules on the first gateway. */
function twoGateways(): Json {
  return tfDoc(
    variable("shared_key"),
    vnet("london", ["10.1.0.0/16"]),
    vnet("madrid", ["10.2.0.0/16"]),
    vpnGateway("gw_london", "london", "10.1.255.0/27"),
    vpnGateway("gw_madrid", "madrid", "10.2.255.0/27"),
    natRule("egress", "gw_london", "EgressSnat", "10.1.0.0/16", "100.1.0.0/16"),
    natRule("ingress", "gw_london", "IngressSnat", "10.2.0.0/16", "100.2.0.0/16"),
  );
}

function expectNatFinding(f: Finding | undefined, path: string, type: string, ...named: string[]): void {
  expect(f).toBeDefined();
  expect(f).toMatchObject({ ruleId: RULE, severity: "error", path, suppressed: false });
  expect(f!.message.startsWith(`${RULE}: `)).toBe(true);
  expect(f!.message).toContain(type);
  for (const n of named) expect(f!.message).toContain(n);
  expect(f!.message).toContain("Fix:");
  expect(f!.values?.type).toBe(type);
}

describe("Nat.UnsupportedConnection", () => {
  test("NAT rule ids on a Vnet2Vnet connection fail, naming the rules", () => {
    const doc = tfDoc(
      twoGateways(),
      connection("london_to_madrid", "gw_london", {
        type: "Vnet2Vnet",
        peer: "gw_madrid",
        egress: ["egress"],
        ingress: ["ingress"],
      }),
    );
    const found = natFindings(doc);
    expect(found).toHaveLength(1);
    expectNatFinding(found[0], C("london_to_madrid"), "Vnet2Vnet", N("egress"), N("ingress"));
    expect(found[0].fix).toMatch(/IPsec/);
  });

  test("only egress NAT on a Vnet2Vnet connection also fails", () => {
    const doc = tfDoc(
      twoGateways(),
      connection("london_to_madrid", "gw_london", {
        type: "Vnet2Vnet",
        peer: "gw_madrid",
        egress: ["egress"],
      }),
    );
    const found = natFindings(doc);
    expect(found).toHaveLength(1);
    expectNatFinding(found[0], C("london_to_madrid"), "Vnet2Vnet", N("egress"));
    expect(found[0].message).not.toContain(N("ingress"));
  });

  test("NAT rule ids on an IPsec (site-to-site) connection pass", () => {
    const doc = tfDoc(
      twoGateways(),
      localSite("onprem", ["10.2.0.0/16"]),
      connection("to_onprem", "gw_london", {
        type: "IPsec",
        site: "onprem",
        egress: ["egress"],
        ingress: ["ingress"],
      }),
    );
    const r = checkTerraformDocuments([{ stack: "", doc }]);
    expect(r.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    expect(r.unverifiable.filter((u) => u.ruleId === RULE)).toEqual([]);
  });

  test("NAT rule ids on an ExpressRoute connection fail", () => {
    const doc = tfDoc(
      twoGateways(),
      connection("to_er", "gw_london", { type: "ExpressRoute", egress: ["egress"] }),
    );
    doc.resource.azurerm_virtual_network_gateway.gw_london.type = "ExpressRoute";
    const found = natFindings(doc);
    expect(found).toHaveLength(1);
    expectNatFinding(found[0], C("to_er"), "ExpressRoute", N("egress"));
    expect(found[0].fix).toMatch(/ingress_nat_rule_ids|egress_nat_rule_ids/);
  });

  test("connections without NAT rules pass whatever their type", () => {
    const doc = tfDoc(
      twoGateways(),
      connection("london_to_madrid", "gw_london", { type: "Vnet2Vnet", peer: "gw_madrid" }),
      connection("madrid_to_london", "gw_madrid", { type: "Vnet2Vnet", peer: "gw_london" }),
      connection("to_er", "gw_madrid", { type: "ExpressRoute" }),
    );
    expect(natFindings(doc)).toEqual([]);
  });

  test("a NAT rule id that cannot be resolved still fails on a Vnet2Vnet connection", () => {
    const doc = tfDoc(
      twoGateways(),
      connection("london_to_madrid", "gw_london", {
        type: "Vnet2Vnet",
        peer: "gw_madrid",
        extra: { egress_nat_rule_ids: [ref("var.nat_rule_id")] },
      }),
    );
    const found = natFindings(doc);
    expect(found).toHaveLength(1);
    expectNatFinding(found[0], C("london_to_madrid"), "Vnet2Vnet", "${var.nat_rule_id}");
  });

  test("a connection type from a variable: unverifiable, no finding", () => {
    const doc = tfDoc(
      twoGateways(),
      variable("connection_type"),
      connection("c", "gw_london", {
        type: "Vnet2Vnet",
        peer: "gw_madrid",
        egress: ["egress"],
        extra: { type: ref("var.connection_type") },
      }),
    );
    const r = checkTerraformDocuments([{ stack: "", doc }]);
    expect(r.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    expect(r.unverifiable.filter((u) => u.ruleId === RULE)).toEqual([
      expect.objectContaining({ path: C("c"), what: expect.stringContaining("${var.connection_type}") }),
    ]);
  });

  test("hcl2json array form with cdktf construct paths", () => {
    const doc = toHcl2Json(
      tfDoc(
        twoGateways(),
        connection("london_to_madrid", "gw_london", {
          type: "Vnet2Vnet",
          peer: "gw_madrid",
          ingress: ["ingress"],
          path: "v2v/london-to-madrid",
        }),
      ),
    );
    const found = natFindings(doc);
    expect(found).toHaveLength(1);
    expectNatFinding(found[0], "v2v/london-to-madrid", "Vnet2Vnet", N("ingress"));
  });

  test("every offending connection is reported", () => {
    const doc = tfDoc(
      twoGateways(),
      connection("a", "gw_london", { type: "Vnet2Vnet", peer: "gw_madrid", egress: ["egress"] }),
      connection("b", "gw_london", { type: "ExpressRoute", ingress: ["ingress"] }),
      localSite("onprem", ["192.168.0.0/16"]),
      connection("c", "gw_london", { type: "IPsec", site: "onprem", egress: ["egress"] }),
    );
    expect(natFindings(doc).map((f) => f.path)).toEqual([C("a"), C("b")]);
  });

  test("NAT rules with policy-based traffic selectors are an error; an unknown flag is unverifiable", () => {
    const site = localSite("onprem", ["192.168.0.0/16"]);
    const pbts = (flag: unknown) =>
      tfDoc(
        twoGateways(),
        site,
        connection("c", "gw_london", {
          type: "IPsec",
          site: "onprem",
          egress: ["egress"],
          extra: { use_policy_based_traffic_selectors: flag },
        }),
      );
    const found = natFindings(pbts(true));
    expect(found.map((f) => f.path)).toEqual([C("c")]);
    expect(found[0].message).toContain("uses policy-based traffic selectors and has NAT rules attached");
    expect(natFindings(pbts(false))).toEqual([]);
    const unknown = checkTerraformDocuments([{ stack: "", doc: pbts(ref("var.pbts")) }]);
    expect(unknown.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    expect(unknown.unverifiable.filter((u) => u.ruleId === RULE)[0].what).toContain("var.pbts");
  });

  test("constructs refuse NAT with policy-based selectors (same predicate); the escape hatch gets the rule's error", () => {
    const s = natSetup();
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.connection.resource.addOverride("use_policy_based_traffic_selectors", true);
    expect(appFindings(s.app, RULE).map((f) => f.path)).toEqual(["net/ToBranch/Resource"]);
  });
});
