import { checkTerraform, checkTerraformDocuments } from "../../../../policies/check-terraform";
import { Finding, PolicyReport } from "../../../../policies/finding";
import { StackDocument } from "../../../../policies/input/terraform-json";
import { Rule } from "../../../../policies/rule";
import { AddressSpaceNoOverlap } from "../../../../policies/rules/address-space/no-overlap";
import { GatewaySubnetNoNsg } from "../../../../policies/rules/gateway-subnet/no-nsg";
import { NatUnsupportedConnection } from "../../../../policies/rules/nat/unsupported-connection";
import {
  Json,
  SUBSCRIPTION,
  armId,
  armVnetId,
  connection,
  crossStackRef,
  data,
  idOf,
  localSite,
  locals,
  natRule,
  output,
  peering,
  provider,
  ref,
  remoteState,
  resourceGroup,
  stackMeta,
  subnet,
  tfDoc,
  toHcl2Json,
  variable,
  vnet,
  vpnGateway,
} from "../../../../test-utils/terraform";

const RULE = "AddressSpace.NoOverlap";
/** The three rules (other rules of the default pack may have more to say about these documents). */
const CORE: Rule[] = [GatewaySubnetNoNsg, AddressSpaceNoOverlap, NatUnsupportedConnection];

function overlapFindings(doc: Json): Finding[] {
  return checkTerraform(doc).filter((f) => f.ruleId === RULE);
}

function report(docs: StackDocument[] | Json): PolicyReport {
  return checkTerraformDocuments(Array.isArray(docs) ? docs : [{ stack: "", doc: docs }]);
}

function rule(r: PolicyReport): PolicyReport {
  return {
    findings: r.findings.filter((f) => f.ruleId === RULE),
    unverifiable: r.unverifiable.filter((u) => u.ruleId === RULE),
  };
}

/** Asserts an AddressSpace.NoOverlap error that names every given text, with a fix. */
function expectOverlap(f: Finding | undefined, path: string, ...named: string[]): void {
  expect(f).toBeDefined();
  expect(f).toMatchObject({ ruleId: RULE, severity: "error", path, suppressed: false });
  expect(f!.message.startsWith(`${RULE}: `)).toBe(true);
  for (const n of named) expect(f!.message).toContain(n);
  expect(f!.message).toContain("Fix:");
  expect(f!.fix.length).toBeGreaterThan(0);
  expect(f!.message).toContain(f!.fix);
}

const P = (name: string) => `azurerm_virtual_network_peering.${name}`;
const C = (name: string) => `azurerm_virtual_network_gateway_connection.${name}`;

// ---------------------------------------------------------------------------------------------
describe("peering", () => {
  test("one-sided peering between overlapping networks fails at the peering", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.128.0/17"]),
      peering("hub_to_spoke", "hub", "spoke"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(
      found[0],
      P("hub_to_spoke"),
      "network hub",
      "network spoke",
      "10.0.0.0/16",
      "10.0.128.0/17",
    );
    expect(found[0].values).toMatchObject({ prefix: expect.any(String), otherPrefix: expect.any(String) });
    expect([found[0].values!.prefix, found[0].values!.otherPrefix].sort()).toEqual([
      "10.0.0.0/16",
      "10.0.128.0/17",
    ]);
  });

  test("the path is the peering's construct path from cdktf metadata", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"], {}, "net/hub/vnet"),
      vnet("spoke", ["10.0.0.0/24"], {}, "net/spoke/vnet"),
      peering("hub_to_spoke", "hub", "spoke", {}, "net/hub/peering-spoke"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], "net/hub/peering-spoke", "hub", "spoke", "10.0.0.0/16", "10.0.0.0/24");
  });

  test("two-sided peering reports the overlap once, not twice", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.0.0/16"]),
      peering("hub_to_spoke", "hub", "spoke"),
      peering("spoke_to_hub", "spoke", "hub"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expect([P("hub_to_spoke"), P("spoke_to_hub")]).toContain(found[0].path);
    expectOverlap(found[0], found[0].path, "network hub", "network spoke", "10.0.0.0/16");
  });

  test("a secondary address space that overlaps fails, naming that prefix", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16", "192.168.0.0/24"]),
      vnet("spoke", ["10.1.0.0/16", "192.168.0.128/25"]),
      peering("hub_to_spoke", "hub", "spoke"),
      peering("spoke_to_hub", "spoke", "hub"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], found[0].path, "hub", "spoke", "192.168.0.0/24", "192.168.0.128/25");
    expect(found[0].message).not.toContain("10.0.0.0/16");
    expect(found[0].message).not.toContain("10.1.0.0/16");
  });

  test.each([
    ["10.0.0.0/16", "10.1.0.0/16"],
    ["10.0.0.0/24", "10.0.1.0/24"],
    ["10.0.0.0/25", "10.0.0.128/25"],
    ["172.16.0.0/12", "172.32.0.0/11"],
    ["fd00:1::/64", "fd00:1:0:1::/64"],
  ])("adjacent but disjoint ranges pass (%s vs %s)", (a, b) => {
    const doc = tfDoc(
      vnet("hub", [a]),
      vnet("spoke", [b]),
      peering("hub_to_spoke", "hub", "spoke"),
      peering("spoke_to_hub", "spoke", "hub"),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable).toEqual([]);
  });

  test("IPv6 address spaces that overlap fail", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16", "fd00:db8::/48"]),
      vnet("spoke", ["10.1.0.0/16", "fd00:db8:0:10::/64"]),
      peering("hub_to_spoke", "hub", "spoke"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], P("hub_to_spoke"), "fd00:db8::/48", "fd00:db8:0:10::/64");
  });

  test("a peering in hcl2json array form", () => {
    const doc = toHcl2Json(
      tfDoc(vnet("hub", ["10.0.0.0/16"]), vnet("spoke", ["10.0.0.0/20"]), peering("p", "hub", "spoke")),
    );
    expect(Array.isArray(doc.resource.azurerm_virtual_network_peering.p)).toBe(true);
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], P("p"), "network hub", "network spoke", "10.0.0.0/16", "10.0.0.0/20");
  });

  test("a peering that names its local network literally (name and resource group)", () => {
    const doc = tfDoc(
      resourceGroup(),
      vnet("hub", ["10.0.0.0/16"], { resource_group_name: ref("azurerm_resource_group.rg.name") }),
      vnet("spoke", ["10.0.0.0/16"]),
      peering("p", "hub", idOf("azurerm_virtual_network", "spoke"), { virtual_network_name: "hub" }),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], P("p"), "network hub", "network spoke");
  });

  test("a peering with allow_virtual_network_access = false still joins the networks", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.0.0/16"]),
      peering("hub_to_spoke", "hub", "spoke", { allow_virtual_network_access: false }),
    );
    expect(overlapFindings(doc).map((f) => f.path)).toEqual([P("hub_to_spoke")]);
  });

  test("a chain a - b - c: a and c overlap and are both peered with b", () => {
    const doc = tfDoc(
      vnet("a", ["10.1.0.0/16"]),
      vnet("b", ["10.0.0.0/16"]),
      vnet("c", ["10.1.0.0/16"]),
      peering("a_to_b", "a", "b"),
      peering("b_to_c", "b", "c"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], found[0].path, "network a", "network c", "network b", "10.1.0.0/16");
  });

  test("networks that are not connected may overlap", () => {
    const doc = tfDoc(
      vnet("a", ["10.0.0.0/16"]),
      vnet("b", ["10.0.0.0/16"]),
      vnet("c", ["10.0.0.0/8"]),
      vpnGateway("gw_a", "a", "10.0.255.0/27"),
      vpnGateway("gw_b", "b", "10.0.255.0/27"),
      localSite("onprem", ["10.0.0.0/16"]),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
describe("cross-stack peering", () => {
  const OUT = "cross-stack-output-azurerm_virtual_networkhubid";
  const hubStack = (space: string, withOutput = true) =>
    tfDoc(
      stackMeta("hub", "local"),
      vnet("hub", [space], {}, "hub/hub-vnet"),
      withOutput ? output(OUT, idOf("azurerm_virtual_network", "hub")) : {},
    );
  const spokeStack = (space: string) =>
    tfDoc(
      stackMeta("spoke", "local"),
      remoteState("hub"),
      vnet("spoke", [space], {}, "spoke/spoke-vnet"),
      peering("spoke_to_hub", "spoke", crossStackRef("hub", OUT), {}, "spoke/spoke-to-hub"),
    );

  test("a peering to a network of another stack (through its remote state output) that overlaps fails", () => {
    const r = rule(
      report([
        { stack: "hub", doc: hubStack("10.0.0.0/16") },
        { stack: "spoke", doc: spokeStack("10.0.64.0/18") },
      ]),
    );
    expect(r.findings).toHaveLength(1);
    expectOverlap(
      r.findings[0],
      "spoke/spoke-to-hub",
      "network hub",
      "network spoke",
      "10.0.0.0/16",
      "10.0.64.0/18",
    );
    expect(r.unverifiable).toEqual([]);
  });

  test("the same networks without overlap pass", () => {
    const r = rule(
      report([
        { stack: "hub", doc: hubStack("10.0.0.0/16") },
        { stack: "spoke", doc: spokeStack("10.1.0.0/16") },
      ]),
    );
    expect(r).toEqual({ findings: [], unverifiable: [] });
  });

  test("a peering in a third stack joining networks of two other stacks (names and ids via outputs)", () => {
    const a = tfDoc(
      vnet("a", ["10.0.0.0/16"], {}, "a/vnet"),
      output("a_name", ref("azurerm_virtual_network.a.name")),
      output("a_rg", ref("azurerm_virtual_network.a.resource_group_name")),
    );
    const b = tfDoc(
      vnet("b", ["10.0.0.0/24"], {}, "b/vnet"),
      output("b_id", idOf("azurerm_virtual_network", "b")),
    );
    const links = tfDoc(
      remoteState("a"),
      remoteState("b"),
      peering(
        "a_to_b",
        "a",
        crossStackRef("b", "b_id"),
        {
          virtual_network_name: crossStackRef("a", "a_name"),
          resource_group_name: crossStackRef("a", "a_rg"),
        },
        "links/a-to-b",
      ),
    );
    const r = rule(
      report([
        { stack: "a", doc: a },
        { stack: "b", doc: b },
        { stack: "links", doc: links },
      ]),
    );
    expect(r.findings).toHaveLength(1);
    expectOverlap(r.findings[0], "links/a-to-b", "network a", "network b", "10.0.0.0/16", "10.0.0.0/24");
  });

  test("the consuming stack checked alone cannot resolve the other stack: unverifiable, no finding", () => {
    const r = rule(report([{ stack: "spoke", doc: spokeStack("10.0.64.0/18") }]));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable).toEqual([
      expect.objectContaining({ path: "spoke/spoke-to-hub", what: expect.stringContaining(OUT) }),
    ]);
  });

  test("a producing stack without the output: unverifiable, no finding", () => {
    const r = rule(
      report([
        { stack: "hub", doc: hubStack("10.0.0.0/16", false) },
        { stack: "spoke", doc: spokeStack("10.0.64.0/18") },
      ]),
    );
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.path)).toEqual(["spoke/spoke-to-hub"]);
  });
});

// ---------------------------------------------------------------------------------------------
describe("subnet-level peering", () => {
  const base = (peeredA: string, peeredB: string) =>
    tfDoc(
      vnet("a", ["10.0.0.0/16"]),
      vnet("b", ["10.0.0.0/16"]),
      subnet("a1", "a", "a1", ["10.0.1.0/24"]),
      subnet("a2", "a", "a2", ["10.0.2.0/24"]),
      subnet("b1", "b", "b1", ["10.0.1.0/25"]),
      subnet("b3", "b", "b3", ["10.0.3.0/24"]),
      peering("a_to_b", "a", "b", {
        peer_complete_virtual_networks_enabled: false,
        local_subnet_names: [peeredA],
        remote_subnet_names: [peeredB],
      }),
      peering("b_to_a", "b", "a", {
        peer_complete_virtual_networks_enabled: false,
        local_subnet_names: [peeredB],
        remote_subnet_names: [peeredA],
      }),
    );

  test("overlapping networks whose peered subnets are disjoint pass", () => {
    const r = rule(report(base("a2", "b3")));
    expect(r).toEqual({ findings: [], unverifiable: [] });
  });

  test("peered subnets that overlap fail, naming the subnets' prefixes", () => {
    const found = overlapFindings(base("a1", "b1"));
    expect(found).toHaveLength(1);
    expectOverlap(found[0], found[0].path, "network a", "network b", "10.0.1.0/24", "10.0.1.0/25");
    expect([P("a_to_b"), P("b_to_a")]).toContain(found[0].path);
    expect(found[0].message).not.toContain("10.0.0.0/16");
  });

  test("subnet-level peering of inline subnets", () => {
    const doc = tfDoc(
      vnet("a", ["10.0.0.0/16"], {
        subnet: [
          { name: "front", address_prefixes: ["10.0.1.0/24"] },
          { name: "back", address_prefixes: ["10.0.2.0/24"] },
        ],
      }),
      vnet("b", ["10.0.0.0/16"], { subnet: { name: "front", address_prefixes: ["10.0.3.0/24"] } }),
      peering("a_to_b", "a", "b", {
        peer_complete_virtual_networks_enabled: false,
        local_subnet_names: ["back"],
        remote_subnet_names: ["front"],
      }),
    );
    expect(rule(report(doc))).toEqual({ findings: [], unverifiable: [] });
  });

  test("peered subnet names given by a variable: unverifiable, no finding", () => {
    const doc = tfDoc(
      variable("names", "list(string)"),
      vnet("a", ["10.0.0.0/16"]),
      vnet("b", ["10.0.0.0/16"]),
      subnet("b1", "b", "b1", ["10.0.1.0/24"]),
      peering("a_to_b", "a", "b", {
        peer_complete_virtual_networks_enabled: false,
        local_subnet_names: ref("var.names"),
        remote_subnet_names: ["b1"],
      }),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.length).toBeGreaterThan(0);
    expect(r.unverifiable.every((u) => u.path === P("a_to_b"))).toBe(true);
    expect(r.unverifiable.some((u) => u.what.includes("${var.names}"))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
describe("networks known only by id, data sources, variables", () => {
  test("a literal ARM id of a network outside the document: unverifiable, no finding", () => {
    const remote = armVnetId("partner-vnet", "rg-partner", "11111111-1111-1111-1111-111111111111");
    const doc = tfDoc(vnet("hub", ["10.0.0.0/16"]), peering("hub_to_partner", "hub", remote));
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.length).toBeGreaterThan(0);
    expect(r.unverifiable.every((u) => u.path === P("hub_to_partner"))).toBe(true);
    expect(r.unverifiable.some((u) => u.what.includes(remote))).toBe(true);
  });

  test("a literal ARM id of a network declared in the document resolves to it", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.0.0/24"]),
      peering("hub_to_spoke", "hub", armVnetId("spoke")),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], P("hub_to_spoke"), "network hub", "network spoke", "10.0.0.0/24");
  });

  /*
   * A literal id is the app's network only when its subscription matches the provider's (when the
   * provider states one): a network of another subscription with the same resource group and name
   * (common with landing-zone naming, and in cross-subscription peering) is another network, known
   * only by id.
   */
  const OTHER_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
  const azurerm = provider("azurerm", { features: [{}], subscription_id: SUBSCRIPTION });

  test("a literal id in another subscription with the same resource group and name is not the app's network (self-peering dropped)", () => {
    const doc = tfDoc(
      azurerm,
      vnet("hub", ["10.0.0.0/16"]),
      peering("hub_to_partner_hub", "hub", armVnetId("hub", "rg-net", OTHER_SUBSCRIPTION)),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.path)).toContain(P("hub_to_partner_hub"));
  });

  test("a literal id in another subscription with the same resource group and name is not the app's network (wrong finding)", () => {
    const doc = tfDoc(
      azurerm,
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.1.0/24"]),
      peering("spoke_to_partner_hub", "spoke", armVnetId("hub", "rg-net", OTHER_SUBSCRIPTION)),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.path)).toContain(P("spoke_to_partner_hub"));
  });

  test("a peering to a data source network: unverifiable, no finding", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      data("azurerm_virtual_network", "existing", { name: "existing", resource_group_name: "rg-x" }),
      peering("hub_to_existing", "hub", idOf("data.azurerm_virtual_network", "existing")),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.path)).toContain(P("hub_to_existing"));
    expect(r.unverifiable.some((u) => u.what.includes("azurerm_virtual_network.existing"))).toBe(true);
  });

  test("a variable-valued address space: no finding, listed as unverifiable", () => {
    const doc = tfDoc(
      variable("space", "list(string)"),
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ref("var.space")),
      peering("hub_to_spoke", "hub", "spoke"),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.length).toBeGreaterThan(0);
    expect(r.unverifiable.every((u) => u.path === P("hub_to_spoke"))).toBe(true);
    expect(r.unverifiable.some((u) => u.what.includes("${var.space}"))).toBe(true);
  });

  test("one variable element makes the whole address space unknown (never guessed)", () => {
    const doc = tfDoc(
      variable("extra"),
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.0.0/24", ref("var.extra")]),
      peering("hub_to_spoke", "hub", "spoke"),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.some((u) => u.path === P("hub_to_spoke") && u.what.includes("${var.extra}"))).toBe(
      true,
    );
  });

  test("an address space from a local is resolved", () => {
    const doc = tfDoc(
      locals({ spoke_space: ["10.0.3.0/24"] }),
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ref("local.spoke_space")),
      peering("hub_to_spoke", "hub", "spoke"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], P("hub_to_spoke"), "10.0.0.0/16", "10.0.3.0/24");
  });
});

// ---------------------------------------------------------------------------------------------
describe("VNet-to-VNet connections", () => {
  const v2v = (spaceA: string, spaceB: string, gwA: string, gwB: string, v3 = false) =>
    tfDoc(
      variable("shared_key"),
      vnet("london", [spaceA]),
      vnet("madrid", [spaceB]),
      vpnGateway("gw_london", "london", gwA, { v3 }),
      vpnGateway("gw_madrid", "madrid", gwB, { v3 }),
      connection("london_to_madrid", "gw_london", { type: "Vnet2Vnet", peer: "gw_madrid" }),
      connection("madrid_to_london", "gw_madrid", { type: "Vnet2Vnet", peer: "gw_london" }),
    );

  test("overlapping networks connected by VNet-to-VNet fail once, at a connection", () => {
    const found = overlapFindings(v2v("10.1.0.0/16", "10.1.128.0/17", "10.1.0.0/27", "10.1.255.0/27"));
    expect(found).toHaveLength(1);
    expect([C("london_to_madrid"), C("madrid_to_london")]).toContain(found[0].path);
    expectOverlap(
      found[0],
      found[0].path,
      "network london",
      "network madrid",
      "10.1.0.0/16",
      "10.1.128.0/17",
    );
    expect(found[0].message).toMatch(/VNet-to-VNet/);
  });

  test("disjoint networks connected by VNet-to-VNet pass", () => {
    const r = rule(report(v2v("10.1.0.0/16", "10.2.0.0/16", "10.1.255.0/27", "10.2.255.0/27")));
    expect(r).toEqual({ findings: [], unverifiable: [] });
  });

  test("azurerm 3.x names (enable_bgp) in hcl2json array form", () => {
    const doc = toHcl2Json(v2v("10.1.0.0/16", "10.1.0.0/16", "10.1.255.0/27", "10.1.255.0/27", true));
    expect(doc.resource.azurerm_virtual_network_gateway.gw_london[0].enable_bgp).toBe(false);
    expect(Array.isArray(doc.resource.azurerm_virtual_network_gateway.gw_london[0].ip_configuration)).toBe(
      true,
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], found[0].path, "network london", "network madrid", "10.1.0.0/16");
  });

  test("a one-directional VNet-to-VNet connection also connects", () => {
    const doc = tfDoc(
      variable("shared_key"),
      vnet("london", ["10.1.0.0/16"]),
      vnet("madrid", ["10.1.0.0/16"]),
      vpnGateway("gw_london", "london", "10.1.255.0/27"),
      vpnGateway("gw_madrid", "madrid", "10.1.255.0/27"),
      connection("london_to_madrid", "gw_london", { type: "Vnet2Vnet", peer: "gw_madrid" }),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], C("london_to_madrid"), "network london", "network madrid", "10.1.0.0/16");
  });
});

// ---------------------------------------------------------------------------------------------
describe("site-to-site connections", () => {
  const s2s = (vnetSpace: string[], siteSpace: string[]) =>
    tfDoc(
      variable("shared_key"),
      vnet("hub", vnetSpace),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      localSite("onprem", siteSpace),
      connection("to_onprem", "gw", { type: "IPsec", site: "onprem" }),
    );

  test("a site whose address space overlaps the network fails at the connection", () => {
    const found = overlapFindings(s2s(["10.0.0.0/16"], ["192.168.0.0/16", "10.0.8.0/21"]));
    expect(found).toHaveLength(1);
    expectOverlap(found[0], C("to_onprem"), "network hub", "site lng-onprem", "10.0.0.0/16", "10.0.8.0/21");
    expect(found[0].message).not.toContain("192.168.0.0/16");
  });

  test("a site with a disjoint address space passes", () => {
    expect(rule(report(s2s(["10.0.0.0/16"], ["192.168.0.0/16", "10.1.0.0/16"])))).toEqual({
      findings: [],
      unverifiable: [],
    });
  });

  test("two sites on one gateway that overlap each other fail, naming both sites", () => {
    const doc = tfDoc(
      variable("shared_key"),
      vnet("hub", ["10.0.0.0/16"]),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      localSite("paris", ["192.168.0.0/16"]),
      localSite("lyon", ["192.168.4.0/24"]),
      connection("to_paris", "gw", { type: "IPsec", site: "paris" }),
      connection("to_lyon", "gw", { type: "IPsec", site: "lyon" }),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expect([C("to_paris"), C("to_lyon")]).toContain(found[0].path);
    expectOverlap(
      found[0],
      found[0].path,
      "site lng-paris",
      "site lng-lyon",
      "192.168.0.0/16",
      "192.168.4.0/24",
    );
  });

  test("a site whose local network gateway is given by a literal id: unverifiable, no finding", () => {
    const doc = tfDoc(
      variable("shared_key"),
      vnet("hub", ["10.0.0.0/16"]),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      connection("to_onprem", "gw", {
        type: "IPsec",
        extra: {
          local_network_gateway_id: armId("localNetworkGateways", "lng-x"),
        },
      }),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.path)).toEqual([C("to_onprem")]);
  });

  test("a site whose address space is a variable: unverifiable, no finding", () => {
    const doc = tfDoc(
      variable("shared_key"),
      variable("onprem_space", "list(string)"),
      vnet("hub", ["10.0.0.0/16"]),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      localSite("onprem", ref("var.onprem_space")),
      connection("to_onprem", "gw", { type: "IPsec", site: "onprem" }),
    );
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(
      r.unverifiable.some((u) => u.path === C("to_onprem") && u.what.includes("${var.onprem_space}")),
    ).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
describe("NAT on site-to-site connections (Microsoft's NAT overview example)", () => {
  /**
   * VNet 10.0.1.0/24 with a gateway; branch1 and branch2 both 10.0.1.0/24. The VNet is translated
   * to 100.0.1.0/24 towards both branches (EgressSnat), branch1 to 100.0.2.0/24 and branch2 to
   * 100.0.3.0/24 (IngressSnat).
   */
  const natExample = (o: { ingress1?: string; ingress2?: string; egress?: boolean }) =>
    tfDoc(
      variable("shared_key"),
      vnet("vnet", ["10.0.1.0/24"]),
      vpnGateway("gw", "vnet", "10.0.1.224/27"),
      localSite("branch1", ["10.0.1.0/24"]),
      localSite("branch2", ["10.0.1.0/24"]),
      o.egress === false ? {} : natRule("vnet_egress", "gw", "EgressSnat", "10.0.1.0/24", "100.0.1.0/24"),
      o.ingress1 ? natRule("branch1_ingress", "gw", "IngressSnat", "10.0.1.0/24", o.ingress1) : {},
      o.ingress2 ? natRule("branch2_ingress", "gw", "IngressSnat", "10.0.1.0/24", o.ingress2) : {},
      connection("to_branch1", "gw", {
        type: "IPsec",
        site: "branch1",
        egress: o.egress === false ? undefined : ["vnet_egress"],
        ingress: o.ingress1 ? ["branch1_ingress"] : undefined,
      }),
      connection("to_branch2", "gw", {
        type: "IPsec",
        site: "branch2",
        egress: o.egress === false ? undefined : ["vnet_egress"],
        ingress: o.ingress2 ? ["branch2_ingress"] : undefined,
      }),
    );

  test("NAT that resolves the overlap passes", () => {
    const doc = natExample({ ingress1: "100.0.2.0/24", ingress2: "100.0.3.0/24" });
    const r = checkTerraformDocuments([{ stack: "", doc }], { rules: CORE });
    expect(r.findings).toEqual([]);
    expect(r.unverifiable).toEqual([]);
  });

  test("the same example in hcl2json array form passes", () => {
    const doc = toHcl2Json(natExample({ ingress1: "100.0.2.0/24", ingress2: "100.0.3.0/24" }));
    expect(
      Array.isArray(doc.resource.azurerm_virtual_network_gateway_nat_rule.vnet_egress[0].internal_mapping),
    ).toBe(true);
    expect(checkTerraform(doc, { rules: CORE })).toEqual([]);
  });

  test("without NAT the same topology fails at both connections", () => {
    const found = overlapFindings(natExample({ egress: false }));
    for (const c of ["to_branch1", "to_branch2"]) {
      const branch = c.replace("to_", "");
      const f = found.find((x) => x.path === C(c) && x.message.includes("network vnet"));
      expectOverlap(f, C(c), "network vnet", `site lng-${branch}`, "10.0.1.0/24");
    }
  });

  test("egress NAT alone does not resolve it: the branches still overlap the VNet", () => {
    const found = overlapFindings(natExample({}));
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const c of ["to_branch1", "to_branch2"]) {
      const branch = c.replace("to_", "");
      const f = found.find((x) => x.path === C(c) && x.message.includes("network vnet"));
      expectOverlap(f, C(c), "network vnet", `site lng-${branch}`, "10.0.1.0/24");
    }
  });

  test("both branches mapped to the same external prefix fail, naming both branches and the VNet", () => {
    const found = overlapFindings(natExample({ ingress1: "100.0.2.0/24", ingress2: "100.0.2.0/24" }));
    expect(found).toHaveLength(1);
    const [f] = found;
    expect([C("to_branch1"), C("to_branch2")]).toContain(f.path);
    expectOverlap(f, f.path, "site lng-branch1", "site lng-branch2", "network vnet", "100.0.2.0/24");
    expect(f.message).toContain("branch1_ingress");
    expect(f.message).toContain("branch2_ingress");
  });

  test("an external mapping that collides with the VNet's own space fails", () => {
    const found = overlapFindings(natExample({ ingress1: "100.0.2.0/24", ingress2: "10.0.1.0/24" }));
    const f = found.find((x) => x.path === C("to_branch2"));
    expectOverlap(f, C("to_branch2"), "network vnet", "site lng-branch2", "10.0.1.0/24");
  });

  test("ingress NAT alone does not resolve it: each branch still sees the VNet at 10.0.1.0/24", () => {
    const found = overlapFindings(
      natExample({ ingress1: "100.0.2.0/24", ingress2: "100.0.3.0/24", egress: false }),
    );
    for (const c of ["to_branch1", "to_branch2"]) {
      const branch = c.replace("to_", "");
      const f = found.find((x) => x.path === C(c) && x.message.includes(`site lng-${branch}`));
      expectOverlap(f, C(c), "network vnet", `site lng-${branch}`, "10.0.1.0/24");
    }
  });

  test("an egress external mapping that collides with the site's own space fails", () => {
    const doc = tfDoc(
      variable("shared_key"),
      vnet("vnet", ["10.0.1.0/24"]),
      vpnGateway("gw", "vnet", "10.0.1.224/27"),
      localSite("branch1", ["100.0.1.0/24"]),
      natRule("vnet_egress", "gw", "EgressSnat", "10.0.1.0/24", "100.0.1.0/24"),
      connection("to_branch1", "gw", { type: "IPsec", site: "branch1", egress: ["vnet_egress"] }),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(
      found[0],
      C("to_branch1"),
      "network vnet",
      "site lng-branch1",
      "100.0.1.0/24",
      "vnet_egress",
    );
  });

  test("an ingress external mapping that collides with a site reached without NAT fails", () => {
    const doc = tfDoc(
      variable("shared_key"),
      vnet("vnet", ["10.0.1.0/24"]),
      vpnGateway("gw", "vnet", "10.0.1.224/27"),
      localSite("branch1", ["10.0.1.0/24"]),
      localSite("branch3", ["100.0.2.0/24"]),
      natRule("vnet_egress", "gw", "EgressSnat", "10.0.1.0/24", "100.0.1.0/24"),
      natRule("branch1_ingress", "gw", "IngressSnat", "10.0.1.0/24", "100.0.2.0/24"),
      connection("to_branch1", "gw", {
        type: "IPsec",
        site: "branch1",
        egress: ["vnet_egress"],
        ingress: ["branch1_ingress"],
      }),
      connection("to_branch3", "gw", { type: "IPsec", site: "branch3" }),
    );
    const found = overlapFindings(doc);
    const f = found.find(
      (x) => x.message.includes("site lng-branch1") && x.message.includes("site lng-branch3"),
    );
    expectOverlap(f, f?.path ?? "", "site lng-branch1", "site lng-branch3", "100.0.2.0/24");
    expect([C("to_branch1"), C("to_branch3")]).toContain(f!.path);
  });

  test("an egress external mapping that collides with a transit spoke reached without NAT fails", () => {
    const doc = tfDoc(
      variable("shared_key"),
      vnet("vnet", ["10.0.1.0/24"]),
      vpnGateway("gw", "vnet", "10.0.1.224/27"),
      localSite("branch1", ["10.0.1.0/24"]),
      natRule("vnet_egress", "gw", "EgressSnat", "10.0.1.0/24", "100.0.1.0/24"),
      natRule("branch1_ingress", "gw", "IngressSnat", "10.0.1.0/24", "100.0.2.0/24"),
      connection("to_branch1", "gw", {
        type: "IPsec",
        site: "branch1",
        egress: ["vnet_egress"],
        ingress: ["branch1_ingress"],
      }),
      vnet("spoke", ["100.0.1.0/25"]),
      peering("spoke_to_vnet", "spoke", "vnet", { use_remote_gateways: true }),
      peering("vnet_to_spoke", "vnet", "spoke", { allow_gateway_transit: true }),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(
      found[0],
      found[0].path,
      "network vnet",
      "network spoke",
      "site lng-branch1",
      "100.0.1.0/24",
      "100.0.1.0/25",
    );
  });

  test("egress NAT of only a part of the VNet: the untranslated rest still overlaps the site", () => {
    const doc = tfDoc(
      variable("shared_key"),
      vnet("vnet", ["10.0.0.0/22"]),
      vpnGateway("gw", "vnet", "10.0.3.224/27"),
      localSite("branch", ["10.0.0.0/22"]),
      natRule("vnet_egress", "gw", "EgressSnat", "10.0.1.0/24", "100.0.1.0/24"),
      natRule("branch_ingress", "gw", "IngressSnat", "10.0.0.0/22", "100.1.0.0/22"),
      connection("to_branch", "gw", {
        type: "IPsec",
        site: "branch",
        egress: ["vnet_egress"],
        ingress: ["branch_ingress"],
      }),
    );
    const found = overlapFindings(doc);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.path === C("to_branch"))).toBe(true);
    // The site sees 10.0.0.0/24 and 10.0.2.0/23 of the VNet untranslated, inside its own 10.0.0.0/22.
    expect(found.some((f) => f.message.includes("10.0.0.0/24") && f.message.includes("10.0.0.0/22"))).toBe(
      true,
    );
    expect(found.some((f) => f.message.includes("10.0.2.0/23") && f.message.includes("10.0.0.0/22"))).toBe(
      true,
    );
    // The translated part does not overlap.
    expect(found.some((f) => f.message.includes("100.0.1.0/24"))).toBe(false);
  });

  test("a NAT rule id that cannot be resolved: unverifiable, no finding", () => {
    const doc = natExample({ ingress1: "100.0.2.0/24", ingress2: "100.0.3.0/24" });
    doc.resource.azurerm_virtual_network_gateway_connection.to_branch2.ingress_nat_rule_ids = [
      ref("var.nat_rule_id"),
    ];
    const r = rule(report(doc));
    expect(r.findings).toEqual([]);
    expect(
      r.unverifiable.some((u) => u.path === C("to_branch2") && u.what.includes("${var.nat_rule_id}")),
    ).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
describe("gateway transit", () => {
  /** Hub 10.0.0.0/16 with a gateway and a site-to-site link to 192.168.0.0/16; a spoke peered both ways. */
  const transit = (spokeSpace: string, useRemoteGateways: boolean) =>
    tfDoc(
      variable("shared_key"),
      vnet("hub", ["10.0.0.0/16"]),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      localSite("onprem", ["192.168.0.0/16"]),
      connection("to_onprem", "gw", { type: "IPsec", site: "onprem" }),
      vnet("spoke", [spokeSpace]),
      peering("hub_to_spoke", "hub", "spoke", { allow_gateway_transit: useRemoteGateways }),
      peering("spoke_to_hub", "spoke", "hub", {
        use_remote_gateways: useRemoteGateways,
        allow_forwarded_traffic: true,
      }),
    );

  test("a spoke using the hub's gateway that overlaps the hub's site fails at the spoke's peering", () => {
    const found = overlapFindings(transit("192.168.10.0/24", true));
    expect(found).toHaveLength(1);
    expectOverlap(
      found[0],
      P("spoke_to_hub"),
      "network spoke",
      "site lng-onprem",
      "192.168.10.0/24",
      "192.168.0.0/16",
    );
    expect(found[0].message).toMatch(/gateway transit/);
    expect(found[0].message).toContain("network hub");
    // The whole sentence: the spoke's peering, the hub whose gateway it uses, the hub's connection.
    expect(found[0].message).toMatch(
      /connected by gateway transit: peering \S*spoke_to_hub uses the gateway of network hub, which has site-to-site connection \S*to_onprem\. Fix: /,
    );
  });

  test("a spoke using the hub's gateway that does not overlap the site passes", () => {
    expect(rule(report(transit("10.1.0.0/16", true)))).toEqual({ findings: [], unverifiable: [] });
  });

  test('use_remote_gateways as the string "true" counts', () => {
    const doc = transit("192.168.10.0/24", true);
    doc.resource.azurerm_virtual_network_peering.spoke_to_hub.use_remote_gateways = "true";
    expect(overlapFindings(doc).map((f) => f.path)).toEqual([P("spoke_to_hub")]);
  });

  /*
   * Without use_remote_gateways the spoke does not reach the site, so there is no gateway-transit
   * finding on the spoke. The hub is still peered with the spoke and connected to the site, whose spaces
   * overlap: Azure accepts it (peering is not transitive; azure-rules.md, 2026-12), but the hub routes the
   * overlapping prefixes to one of them only: a warning.
   */
  test("the same spoke without use_remote_gateways: no transit finding; a warning that the hub reaches one of the two", () => {
    const found = checkTerraform(transit("192.168.10.0/24", false)).filter((f) => f.ruleId === RULE);
    expect(found.filter((f) => /gateway transit/.test(f.message))).toEqual([]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", path: P("hub_to_spoke") });
    expect(found[0].message).toContain(
      "site lng-onprem (192.168.0.0/16) and network spoke (192.168.10.0/24)",
    );
    expect(found[0].message).toContain(
      "Azure accepts it (peering is not transitive), but network hub routes",
    );
  });

  test("spokes of two hubs joined by VNet-to-VNet, each using its hub's gateway, that overlap fail", () => {
    const doc = tfDoc(
      variable("shared_key"),
      vnet("hub", ["10.0.0.0/16"]),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      vnet("far", ["10.9.0.0/16"]),
      vpnGateway("gw_far", "far", "10.9.255.0/27"),
      connection("hub_to_far", "gw", { type: "Vnet2Vnet", peer: "gw_far" }),
      connection("far_to_hub", "gw_far", { type: "Vnet2Vnet", peer: "gw" }),
      vnet("spoke_a", ["10.50.0.0/16"]),
      peering("a_to_hub", "spoke_a", "hub", { use_remote_gateways: true }),
      peering("hub_to_a", "hub", "spoke_a", { allow_gateway_transit: true }),
      vnet("spoke_b", ["10.50.0.0/20"]),
      peering("b_to_far", "spoke_b", "far", { use_remote_gateways: true }),
      peering("far_to_b", "far", "spoke_b", { allow_gateway_transit: true }),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(
      found[0],
      found[0].path,
      "network spoke_a",
      "network spoke_b",
      "10.50.0.0/16",
      "10.50.0.0/20",
    );
  });

  test("a spoke using the hub's gateway reaches a VNet-to-VNet peer of the hub", () => {
    const doc = tfDoc(
      variable("shared_key"),
      vnet("hub", ["10.0.0.0/16"]),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      vnet("far", ["10.9.0.0/16"]),
      vpnGateway("gw_far", "far", "10.9.255.0/27"),
      connection("hub_to_far", "gw", { type: "Vnet2Vnet", peer: "gw_far" }),
      connection("far_to_hub", "gw_far", { type: "Vnet2Vnet", peer: "gw" }),
      vnet("spoke", ["10.9.8.0/24"]),
      peering("spoke_to_hub", "spoke", "hub", { use_remote_gateways: true }),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], P("spoke_to_hub"), "network spoke", "network far", "10.9.8.0/24", "10.9.0.0/16");
  });
});

// ---------------------------------------------------------------------------------------------
describe("hub with two spokes", () => {
  const hubAndSpokes = (space1: string, space2: string) =>
    tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke1", [space1]),
      vnet("spoke2", [space2]),
      peering("hub_to_spoke1", "hub", "spoke1"),
      peering("spoke1_to_hub", "spoke1", "hub"),
      peering("hub_to_spoke2", "hub", "spoke2"),
      peering("spoke2_to_hub", "spoke2", "hub"),
    );

  test("two spokes (not peered with each other) that overlap each other fail, naming both spokes and the hub", () => {
    const found = overlapFindings(hubAndSpokes("10.1.0.0/16", "10.1.4.0/22"));
    expect(found).toHaveLength(1);
    const [f] = found;
    expect([P("hub_to_spoke1"), P("spoke1_to_hub"), P("hub_to_spoke2"), P("spoke2_to_hub")]).toContain(
      f.path,
    );
    expectOverlap(f, f.path, "network spoke1", "network spoke2", "network hub", "10.1.0.0/16", "10.1.4.0/22");
    expect(f.values).toMatchObject({ connectedTo: "network hub" });
  });

  test("spokes that are also peered with each other: one finding, at their own peering", () => {
    const doc = tfDoc(
      hubAndSpokes("10.1.0.0/16", "10.1.0.0/16"),
      peering("spoke1_to_spoke2", "spoke1", "spoke2"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], P("spoke1_to_spoke2"), "network spoke1", "network spoke2", "10.1.0.0/16");
  });

  test("two disjoint spokes pass", () => {
    expect(rule(report(hubAndSpokes("10.1.0.0/16", "10.2.0.0/16")))).toEqual({
      findings: [],
      unverifiable: [],
    });
  });

  test("spokes peered only from the hub side (one-sided) still count", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke1", ["10.1.0.0/16"]),
      vnet("spoke2", ["10.1.0.0/16"]),
      peering("hub_to_spoke1", "hub", "spoke1"),
      peering("hub_to_spoke2", "hub", "spoke2"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(1);
    expectOverlap(found[0], found[0].path, "network spoke1", "network spoke2", "network hub", "10.1.0.0/16");
  });
});

// ---------------------------------------------------------------------------------------------
describe("several violations in one document", () => {
  test("every violation is reported, each at its own link", () => {
    const doc = tfDoc(
      variable("shared_key"),
      // peering overlap
      vnet("a", ["10.0.0.0/16"]),
      vnet("b", ["10.0.0.0/24"]),
      peering("a_to_b", "a", "b"),
      // site-to-site overlap
      vnet("c", ["172.16.0.0/16"]),
      vpnGateway("gw_c", "c", "172.16.255.0/27"),
      localSite("site_c", ["172.16.1.0/24"]),
      connection("c_to_site", "gw_c", { type: "IPsec", site: "site_c" }),
      // VNet-to-VNet overlap
      vnet("d", ["192.168.0.0/20"]),
      vnet("e", ["192.168.8.0/21"]),
      vpnGateway("gw_d", "d", "192.168.0.0/27"),
      vpnGateway("gw_e", "e", "192.168.15.0/27"),
      connection("d_to_e", "gw_d", { type: "Vnet2Vnet", peer: "gw_e" }),
      // and a pair that is fine
      vnet("f", ["10.50.0.0/16"]),
      vnet("g", ["10.51.0.0/16"]),
      peering("f_to_g", "f", "g"),
    );
    const found = overlapFindings(doc);
    expect(found.map((f) => f.path)).toEqual([P("a_to_b"), C("c_to_site"), C("d_to_e")].sort());
    expectOverlap(
      found.find((f) => f.path === P("a_to_b")),
      P("a_to_b"),
      "network a",
      "network b",
    );
    expectOverlap(
      found.find((f) => f.path === C("c_to_site")),
      C("c_to_site"),
      "network c",
      "site lng-site_c",
    );
    expectOverlap(
      found.find((f) => f.path === C("d_to_e")),
      C("d_to_e"),
      "network d",
      "network e",
    );
  });

  test("several overlapping prefix pairs across one peering are each reported", () => {
    const doc = tfDoc(
      vnet("a", ["10.0.0.0/16", "10.1.0.0/16"]),
      vnet("b", ["10.0.5.0/24", "10.1.5.0/24"]),
      peering("a_to_b", "a", "b"),
    );
    const found = overlapFindings(doc);
    expect(found).toHaveLength(2);
    expect(found.every((f) => f.path === P("a_to_b"))).toBe(true);
    expect(found.some((f) => f.message.includes("10.0.0.0/16") && f.message.includes("10.0.5.0/24"))).toBe(
      true,
    );
    expect(found.some((f) => f.message.includes("10.1.0.0/16") && f.message.includes("10.1.5.0/24"))).toBe(
      true,
    );
  });
});
