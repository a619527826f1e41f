/**
 * Paired fixtures: a configuration written with count, for_each, dynamic blocks, locals, variables or
 * modules, and its hand-expanded equivalent, give the same findings. Blocks of the expanded form are
 * named `<name>_<key>` (compared through `instancesAsNames`).
 */
import * as fc from "fast-check";
import { checkTerraformDocuments } from "../../../policies/check-terraform";
import { Finding } from "../../../policies/finding";
import { ModuleSource } from "../../../policies/input/expand";
import {
  Json,
  RG,
  hub,
  idOf,
  instancesAsNames,
  locals,
  moduleCall,
  newUserCount,
  nsg,
  nsgAssociation,
  peering,
  ref,
  spokeModule,
  subnet,
  tfDoc,
  variable,
  vnet,
  withMeta,
} from "../../../test-utils/terraform";

const comparable = (fs: Finding[]) =>
  fs
    .map((f) => `${f.ruleId} ${f.severity} ${instancesAsNames(f.path)} ${instancesAsNames(f.message)}`)
    .sort();

function findings(doc: Json, loadModule?: () => ModuleSource): Finding[] {
  return checkTerraformDocuments([{ stack: "", doc, ...(loadModule ? { loadModule } : {}) } as any]).findings;
}

function expectSame(written: Json, expanded: Json, loadModule?: () => ModuleSource): void {
  const a = findings(written, loadModule);
  const b = findings(expanded);
  expect(comparable(a)).toEqual(comparable(b));
  // And both found something: a pair that finds nothing proves nothing.
  expect(b.length).toBeGreaterThan(0);
}

describe("a configuration and its hand-expanded equivalent give the same findings", () => {
  test("count (the issue's new user)", () => {
    const expanded = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw_0", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
      nsg("gw"),
      nsgAssociation("gw", idOf("azurerm_subnet", "gw_0"), "gw"),
      vnet("spoke_0", ["10.1.0.0/16"], { name: "spoke-0" }),
      vnet("spoke_1", ["10.0.1.0/24"], { name: "spoke-1" }),
      peering("hub_to_spoke_0", "hub", "spoke_0", { name: "hub-to-spoke-0" }),
      peering("hub_to_spoke_1", "hub", "spoke_1", { name: "hub-to-spoke-1" }),
      peering("spoke_to_hub_0", "spoke_0", "hub", { name: "spoke-0-to-hub" }),
      peering("spoke_to_hub_1", "spoke_1", "hub", { name: "spoke-1-to-hub" }),
    );
    expectSame(newUserCount(), expanded);
  });

  test("for_each over a map from a variable, each.key and each.value, and toset", () => {
    const written = tfDoc(
      variable("spokes", "map(object({ space = string }))", {
        a: { space: "10.1.0.0/16" },
        b: { space: "10.0.8.0/21" },
      }),
      hub(),
      withMeta(vnet("spoke", [ref("each.value.space")], { name: "spoke-${each.key}" }), {
        for_each: ref("var.spokes"),
      }),
      withMeta(
        peering("in", "hub", ref("azurerm_virtual_network.spoke[each.key].id"), { name: "in-${each.key}" }),
        {
          for_each: ref("toset(keys(var.spokes))"),
        },
      ),
      withMeta(
        peering("out", "hub", "hub", {
          name: "out-${each.key}",
          virtual_network_name: ref("each.value.name"),
        }),
        { for_each: ref("azurerm_virtual_network.spoke") },
      ),
    );
    const expanded = tfDoc(
      hub(),
      vnet("spoke_a", ["10.1.0.0/16"], { name: "spoke-a" }),
      vnet("spoke_b", ["10.0.8.0/21"], { name: "spoke-b" }),
      peering("in_a", "hub", "spoke_a", { name: "in-a" }),
      peering("in_b", "hub", "spoke_b", { name: "in-b" }),
      peering("out_a", "spoke_a", "hub", { name: "out-a" }),
      peering("out_b", "spoke_b", "hub", { name: "out-b" }),
    );
    expectSame(written, expanded);
  });

  test("locals and functions (cidrsubnet, lower)", () => {
    const written = tfDoc(
      locals({ base: "10.0.0.0/16", gw: "${cidrsubnet(local.base, 11, 2047)}" }),
      vnet("hub", [ref("local.base")]),
      subnet("gw", "hub", "GatewaySubnet", [ref("local.gw")]),
      nsg("gw"),
      nsgAssociation("a", idOf("azurerm_subnet", "gw"), "gw"),
      vnet("spoke", [ref("cidrsubnet(local.base, 8, 1)")]),
      withMeta(peering("p", "hub", "spoke", { name: 'p-${lower("X")}' }), {}),
    );
    const expanded = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", "GatewaySubnet", ["10.0.255.224/27"]),
      nsg("gw"),
      nsgAssociation("a", idOf("azurerm_subnet", "gw"), "gw"),
      vnet("spoke", ["10.0.1.0/24"]),
      peering("p", "hub", "spoke", { name: "p-x" }),
    );
    expectSame(written, expanded);
  });

  test("a local module called with for_each", () => {
    const module: ModuleSource = { doc: spokeModule() };
    const written = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      moduleCall("spokes", "./spoke", {
        for_each: { a: "10.1.0.0/16", b: "10.0.2.0/24" },
        name: "spoke-${each.key}",
        space: "${each.value}",
        hub_id: idOf("azurerm_virtual_network", "hub"),
      }),
    );
    const expanded = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke_a", ["10.1.0.0/16"], { name: "spoke-a" }),
      vnet("spoke_b", ["10.0.2.0/24"], { name: "spoke-b" }),
      peering("to_hub_a", "spoke_a", "hub", { name: "spoke-a-to-hub" }),
      peering("to_hub_b", "spoke_b", "hub", { name: "spoke-b-to-hub" }),
    );
    // Module addresses differ from the expanded names: compare without addresses.
    const strip = (fs: Finding[]) =>
      fs.map((f) => `${f.ruleId} ${f.message.replace(/\S*azurerm_[\w.\-[\]"]+/g, "<address>")}`).sort();
    expect(strip(findings(written, () => module))).toEqual(strip(findings(expanded)));
    expect(findings(expanded).length).toBeGreaterThan(0);
  });
});

describe("property: generated count / for_each topologies expand like their hand expansion", () => {
  const POOL = ["10.0.0.0/16", "10.0.1.0/24", "10.1.0.0/16", "10.2.0.0/16", "10.1.128.0/17", "10.3.0.0/24"];

  const topology = fc.record({
    spaces: fc.array(fc.constantFrom(...POOL), { minLength: 2, maxLength: 6 }),
    pairs: fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 8 }),
    form: fc.constantFrom("count", "for_each_map", "for_each_set"),
    nsgOn: fc.option(fc.nat(5), { nil: undefined }),
  });

  test("same findings both ways", () => {
    fc.assert(
      fc.property(topology, ({ spaces, pairs, form, nsgOn }) => {
        const n = spaces.length;
        const links = [
          ...new Set(pairs.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]) => `${a}-${b}`)),
        ].map((k) => k.split("-").map(Number) as [number, number]);
        const key = (i: number) => (form === "count" ? `${i}` : `n${i}`);
        // Written with count / for_each.
        const netMeta =
          form === "count"
            ? { count: "${length(var.spaces)}" }
            : form === "for_each_map"
              ? { for_each: '${{ for i, s in var.spaces : "n${i}" => s }}' }
              : { for_each: '${toset([for i in range(length(var.spaces)) : "n${i}"])}' };
        const space =
          form === "count"
            ? ref("var.spaces[count.index]")
            : form === "for_each_map"
              ? ref("each.value")
              : ref("var.spaces[tonumber(substr(each.key, 1, -1))]");
        const name = form === "count" ? "net-${count.index}" : "net-${each.key}";
        const index = (expr: string) =>
          form === "count"
            ? `azurerm_virtual_network.net[${expr}]`
            : `azurerm_virtual_network.net["n\${${expr}}"]`;
        const written = tfDoc(
          variable("spaces", "list(string)", spaces),
          locals({ links: links.map(([a, b]) => ({ from: a, to: b })) }),
          withMeta(vnet("net", [space], { name }), netMeta),
          withMeta(
            peering("p", "net", "net", {
              name: "p-${each.key}",
              virtual_network_name:
                form === "count"
                  ? "${azurerm_virtual_network.net[each.value.from].name}"
                  : '${azurerm_virtual_network.net["n${each.value.from}"].name}',
              remote_virtual_network_id:
                form === "count"
                  ? "${azurerm_virtual_network.net[each.value.to].id}"
                  : '${azurerm_virtual_network.net["n${each.value.to}"].id}',
            }),
            { for_each: '${{ for l in local.links : "${l.from}-${l.to}" => l }}' },
          ),
          ...(nsgOn !== undefined && nsgOn < n
            ? [
                subnet("gw", "net", "GatewaySubnet", ["${cidrsubnet(var.spaces[" + nsgOn + "], 2, 3)}"], {
                  virtual_network_name: "${" + index(form === "count" ? `${nsgOn}` : `${nsgOn}`) + ".name}",
                }),
                nsg("gw"),
                nsgAssociation("a", idOf("azurerm_subnet", "gw"), "gw"),
              ]
            : []),
        );
        // Expanded by hand.
        const expanded = tfDoc(
          ...spaces.map((s, i) => vnet(`net_${key(i)}`, [s], { name: `net-${key(i)}` })),
          ...links.map(([a, b]) =>
            peering(`p_${a}-${b}`, `net_${key(a)}`, `net_${key(b)}`, {
              name: `p-${a}-${b}`,
              resource_group_name: RG,
            }),
          ),
          ...(nsgOn !== undefined && nsgOn < n
            ? [
                subnet("gw", `net_${key(nsgOn)}`, "GatewaySubnet", [quarter(spaces[nsgOn])]),
                nsg("gw"),
                nsgAssociation("a", idOf("azurerm_subnet", "gw"), "gw"),
              ]
            : []),
        );
        expect(comparable(findings(written))).toEqual(comparable(findings(expanded)));
      }),
      { numRuns: 60 },
    );
  });
});

/** cidrsubnet(space, 2, 3): the last quarter of a space. */
function quarter(space: string): string {
  const [addr, len] = space.split("/");
  const n = addr.split(".").reduce((a, o) => a * 256 + Number(o), 0);
  const l = Number(len) + 2;
  const start = n + 3 * 2 ** (32 - l);
  return `${[24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join(".")}/${l}`;
}
