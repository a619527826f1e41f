/**
 * Property: over generated topologies (networks with and without gateways, overlapping spaces, peerings
 * one-sided or not with random transit flags, sites with and without prefixes and BGP, site-to-site and
 * VNet-to-VNet connections) and random intents, every fix the engine offers re-checks clean when it is
 * made as a Terraform edit: the document with the edit, read again from scratch, satisfies the intent,
 * keeps every other intent that held (each pair of an intent over groups apart included), and has no
 * error finding the original did not have.
 *
 * The edit is written here, in Terraform JSON, independently of `applyChanges` (which edits the model):
 * so the property also checks that each change means in the model what it means in Terraform.
 */
import fc from "fast-check";
import { IntentGroupsMeta, IntentMeta, METADATA_KEY } from "../../../core/metadata";
import { evaluate } from "../../../policies/engine";
import { Finding, blockingFindings } from "../../../policies/finding";
import { IntentM, NetworkModel, buildModel } from "../../../policies/model";
import { analyzeReachability } from "../../../policies/reachability/analysis";
import { FixChecker, ModelChange, explainIntent } from "../../../policies/reachability/fixes";
import { ALL_RULES } from "../../../policies/rules";
import {
  Json,
  lastSlash27,
  connection,
  natRule,
  peering,
  ref,
  stackDoc,
  topology,
  vnet,
  vpnGateway,
} from "../../../test-utils/terraform";

const SPACES = ["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.1.0.0/17", "10.4.0.0/16"];
const SITE_SPACES: (string | null)[] = ["192.168.1.0/24", "192.168.2.0/24", "10.1.0.0/24", null];

const topologies = fc.record({
  networks: fc.array(
    fc.record({
      space: fc.constantFrom(...SPACES),
      gateway: fc.option(
        fc.record({
          asn: fc.option(fc.constantFrom(65001, 65002, 65003), { nil: undefined }),
          sku: fc.constantFrom("VpnGw2AZ", "VpnGw2AZ", "VpnGw1AZ"),
        }),
        { nil: undefined },
      ),
    }),
    { minLength: 2, maxLength: 4 },
  ),
  sites: fc.array(
    fc.record({
      space: fc.constantFrom(...SITE_SPACES),
      asn: fc.option(fc.constantFrom(65101, 65102), { nil: undefined }),
    }),
    { maxLength: 2 },
  ),
  peerings: fc.array(
    fc.record({
      a: fc.nat(3),
      b: fc.nat(3),
      both: fc.boolean(),
      useRemote: fc.boolean(),
      allowTransit: fc.boolean(),
      access: fc.constantFrom(true, true, true, false),
    }),
    { maxLength: 4 },
  ),
  s2s: fc.array(fc.record({ network: fc.nat(3), site: fc.nat(1), bgp: fc.boolean() }), { maxLength: 3 }),
  v2v: fc.array(fc.record({ a: fc.nat(3), b: fc.nat(3), both: fc.boolean(), bgp: fc.boolean() }), {
    maxLength: 2,
  }),
  intents: fc.array(fc.record({ mustReach: fc.boolean(), from: fc.nat(5), to: fc.nat(5) }), {
    minLength: 1,
    maxLength: 2,
  }),
  /** An intent over two groups apart (ends by index; an end already in a group is left out). */
  apart: fc.option(
    fc.record({
      x: fc.array(fc.nat(5), { maxLength: 2 }),
      y: fc.array(fc.nat(5), { maxLength: 2 }),
    }),
    { nil: undefined },
  ),
});

type Topology = typeof topologies extends fc.Arbitrary<infer T> ? T : never;

/** The Terraform document of a generated topology (one stack `net`), with its intents. */
function documentOf(t: Topology): Json {
  const fragments: Json[] = [];
  const nets = t.networks.map((_, i) => `n${i}`);
  const sites = t.sites.map((_, j) => `s${j}`);
  t.networks.forEach((n, i) => {
    fragments.push(vnet(nets[i], [n.space]));
    if (n.gateway)
      fragments.push(
        vpnGateway(`gw_${nets[i]}`, nets[i], lastSlash27(n.space), {
          name: `gw-${nets[i]}`,
          asn: n.gateway.asn,
          sku: n.gateway.sku,
        }),
      );
  });
  t.sites.forEach((s, j) =>
    fragments.push(topology.site(sites[j], s.space ? [s.space] : [], { asn: s.asn })),
  );
  const names = new Set<string>();
  const once = (name: string) => !names.has(name) && names.add(name) !== undefined;
  for (const p of t.peerings) {
    const [a, b] = [p.a % nets.length, p.b % nets.length];
    if (a === b) continue;
    const flags = {
      ...(p.useRemote ? { use_remote_gateways: true } : {}),
      ...(p.access ? {} : { allow_virtual_network_access: false }),
    };
    if (once(`${nets[a]}-to-${nets[b]}`)) fragments.push(topology.peer(nets[a], nets[b], flags));
    if (p.both && once(`${nets[b]}-to-${nets[a]}`))
      fragments.push(topology.peer(nets[b], nets[a], p.allowTransit ? { allow_gateway_transit: true } : {}));
  }
  for (const c of t.s2s) {
    const n = c.network % nets.length;
    if (!t.networks[n].gateway || sites.length === 0) continue;
    const s = sites[c.site % sites.length];
    if (once(`${nets[n]}-to-${s}`))
      fragments.push(topology.s2s(nets[n], s, { extra: { bgp_enabled: c.bgp } }));
  }
  for (const c of t.v2v) {
    const [a, b] = [c.a % nets.length, c.b % nets.length];
    if (a === b || !t.networks[a].gateway || !t.networks[b].gateway) continue;
    if (once(`${nets[a]}-v2v-${nets[b]}`))
      fragments.push(topology.v2v(nets[a], nets[b], { extra: { bgp_enabled: c.bgp } }));
    if (c.both && once(`${nets[b]}-v2v-${nets[a]}`))
      fragments.push(topology.v2v(nets[b], nets[a], { extra: { bgp_enabled: c.bgp } }));
  }
  const ends = [...nets, ...sites];
  const intents: IntentMeta[] = [];
  for (const i of t.intents) {
    const to =
      i.to >= nets.length && sites.length > 0 ? sites[i.to % sites.length] : ends[i.to % ends.length];
    const from = ends[i.from % ends.length];
    if (from === to) continue;
    intents.push({
      kind: i.mustReach ? "mustReach" : "mustNotReach",
      path: "net",
      from: { path: `net/${from}`, text: from },
      to: { path: `net/${to}`, text: to },
    });
  }
  const grouped = new Set<string>();
  const members = (xs: number[]) =>
    xs
      .map((x) => ends[x % ends.length])
      .filter((e) => !grouped.has(e) && grouped.add(e))
      .map((e) => ({ path: `net/${e}`, text: e }));
  const groups: IntentGroupsMeta[] = t.apart
    ? [
        {
          kind: "groupsApart",
          path: "net",
          groups: [
            { name: "x", members: members(t.apart.x) },
            { name: "y", members: members(t.apart.y) },
          ],
        },
      ]
    : [];
  return stackDoc("net", ...fragments, { "//": { [METADATA_KEY]: { intents: [...intents, ...groups] } } });
}

// --- the change as a Terraform edit -----------------------------------------------------------------

/** `net::azurerm_x.name` -> `name`. */
const tfName = (key: string): string => key.slice(key.indexOf(".") + 1);

function body(doc: Json, type: string, name: string): Json {
  const b = doc.resource?.[type]?.[name];
  if (!b) throw new Error(`no ${type}.${name} in the document`);
  return b;
}

/** Changes offered with a wait for the remote network's gateways (the property counts them). */
let waited = 0;

/** The document with the changes made to its Terraform, as a user would. */
function editTerraform(original: Json, changes: readonly ModelChange[]): Json {
  const doc: Json = JSON.parse(JSON.stringify(original));
  const added: Json[] = [];
  const gatewayOfConnection = (connTf: string) =>
    /azurerm_virtual_network_gateway\.([\w-]+)\.id/.exec(
      body(doc, "azurerm_virtual_network_gateway_connection", connTf).virtual_network_gateway_id,
    )![1];
  // A peering that waits for the gateways of its remote network (generated networks have at most one, gw_<network>).
  const gatewaysOf = (network: string): string[] =>
    doc.resource?.azurerm_virtual_network_gateway?.[`gw_${network}`]
      ? [`azurerm_virtual_network_gateway.gw_${network}`]
      : [];
  changes.forEach((c, k) => {
    switch (c.kind) {
      case "add-peering":
        if (c.waitForRemoteGateways) waited++;
        added.push(
          peering(`fix${k}-${tfName(c.from)}-${tfName(c.to)}`, tfName(c.from), tfName(c.to), {
            ...(c.useRemoteGateways ? { use_remote_gateways: true } : {}),
            ...(c.allowGatewayTransit ? { allow_gateway_transit: true } : {}),
            ...(c.waitForRemoteGateways ? { depends_on: gatewaysOf(tfName(c.to)) } : {}),
          }),
        );
        break;
      case "set-peering": {
        const b = body(doc, "azurerm_virtual_network_peering", tfName(c.peering));
        if (c.allowAccess !== undefined) b.allow_virtual_network_access = c.allowAccess;
        if (c.useRemoteGateways !== undefined) b.use_remote_gateways = c.useRemoteGateways;
        if (c.allowGatewayTransit !== undefined) b.allow_gateway_transit = c.allowGatewayTransit;
        if (c.waitForRemoteGateways) {
          waited++;
          const remote = /azurerm_virtual_network\.([\w-]+)\.id/.exec(b.remote_virtual_network_id)![1];
          b.depends_on = [...(b.depends_on ?? []), ...gatewaysOf(remote)];
        }
        break;
      }
      case "remove-peering":
        delete doc.resource.azurerm_virtual_network_peering[tfName(c.peering)];
        break;
      case "add-connection":
        added.push(
          connection(`fix${k}`, tfName(c.gateway), {
            type: c.type,
            ...(c.peerGateway ? { peer: tfName(c.peerGateway) } : {}),
            ...(c.site ? { site: tfName(c.site) } : {}),
            extra: { bgp_enabled: c.bgp === true },
          }),
        );
        if (c.bgp) body(doc, "azurerm_virtual_network_gateway", tfName(c.gateway)).bgp_enabled = true;
        break;
      case "enable-bgp": {
        const connTf = tfName(c.connection);
        body(doc, "azurerm_virtual_network_gateway_connection", connTf).bgp_enabled = true;
        body(doc, "azurerm_virtual_network_gateway", gatewayOfConnection(connTf)).bgp_enabled = true;
        break;
      }
      case "remove-connection":
        delete doc.resource.azurerm_virtual_network_gateway_connection[tfName(c.connection)];
        break;
      case "add-nat": {
        const connTf = tfName(c.connection);
        added.push(natRule(`fixnat${k}`, gatewayOfConnection(connTf), c.mode, c.internal, c.external));
        const conn = body(doc, "azurerm_virtual_network_gateway_connection", connTf);
        const attr = c.mode === "IngressSnat" ? "ingress_nat_rule_ids" : "egress_nat_rule_ids";
        conn[attr] = [...(conn[attr] ?? []), ref(`azurerm_virtual_network_gateway_nat_rule.fixnat${k}.id`)];
        break;
      }
    }
  });
  return stackDoc("net", doc, ...added);
}

// --- the property -----------------------------------------------------------------------------------

const wanted = (i: IntentM) => (i.kind === "mustReach" ? "yes" : "no");

function status(model: NetworkModel, i: IntentM): string | undefined {
  const a = analyzeReachability(model);
  const from = a.resolveEndpoint(i.from);
  const to = a.resolveEndpoint(i.to);
  return from && to ? a.pair(from.id, to.id).status : undefined;
}

/** Error findings other than the intents' own (which the statuses above compare). */
function errors(model: NetworkModel): Set<string> {
  return new Set(
    blockingFindings(evaluate(model, ALL_RULES).findings)
      .filter((f: Finding) => f.ruleId !== "Reachability.Intent")
      .map((f) => `${f.ruleId} ${f.path} ${f.message}`),
  );
}

/** Checks the property over `arbitrary`; returns how many fixes were offered and refused, and their kinds. */
function checkOfferedFixes(
  arbitrary: fc.Arbitrary<Topology>,
  seed: number,
): { offered: number; refused: number; kinds: Set<string>; waited: number } {
  let offered = 0;
  let refused = 0;
  const kinds = new Set<string>();
  const waitedBefore = waited;
  fc.assert(
    fc.property(arbitrary, (t) => {
      const doc = documentOf(t);
      const model = buildModel([{ stack: "net", doc }]);
      const checker = new FixChecker(model, ALL_RULES);
      const a = analyzeReachability(model);
      const findings = evaluate(model, ALL_RULES).findings.filter((f) => f.ruleId === "Reachability.Intent");
      let before: Set<string> | undefined;
      model.intents.forEach((intent, k) => {
        const from = a.resolveEndpoint(intent.from)!;
        const to = a.resolveEndpoint(intent.to)!;
        const r = a.pair(from.id, to.id);
        if (r.status === wanted(intent)) return;
        const e = explainIntent(model, intent, from, to, r, checker);
        const finding = findings.find(
          (f) =>
            f.values?.from === from.id &&
            f.values?.to === to.id &&
            f.message.includes(intent.kind === "mustReach" ? " must reach " : " must not reach "),
        )!;
        if (!e.fix) {
          refused++;
          expect(e.noFix).toMatch(/^no single change does it, because /);
          // A decided answer says why no change does it; an undecided one, how to decide it.
          if (r.status !== "unknown")
            expect(finding.fix).toBe(`${e.noFix!.charAt(0).toUpperCase()}${e.noFix!.slice(1)}.`);
          else expect(finding.fix).toMatch(/^Make the value above known at synth/);
          return;
        }
        offered++;
        for (const c of e.fix.changes) kinds.add(c.kind);
        // The rule offers exactly what was re-checked.
        expect(finding.fix).toBe(`${e.fix.text.charAt(0).toUpperCase()}${e.fix.text.slice(1)}.`);
        expect(finding.values?.fixChecked).toBe("yes");
        // Made in Terraform and read again from scratch.
        const edited = buildModel([{ stack: "net", doc: editTerraform(doc, e.fix.changes) }]);
        expect({ intent: k, status: status(edited, edited.intents[k]) }).toEqual({
          intent: k,
          status: wanted(intent),
        });
        model.intents.forEach((other, j) => {
          if (j !== k && status(model, other) === wanted(other))
            expect({ other: j, status: status(edited, edited.intents[j]) }).toEqual({
              other: j,
              status: wanted(other),
            });
        });
        // Every pair of the intent over groups that held still holds.
        const open = (m: NetworkModel) =>
          analyzeReachability(m).intentGroups.flatMap((g) => g.notHolding.map((p) => p.answer.text));
        const wasOpen = new Set(open(model));
        expect({ fix: e.fix.text, nowOpen: open(edited).filter((x) => !wasOpen.has(x)) }).toEqual({
          fix: e.fix.text,
          nowOpen: [],
        });
        before ??= errors(model);
        const added = [...errors(edited)].filter((x) => !before!.has(x));
        expect({ fix: e.fix.text, added }).toEqual({ fix: e.fix.text, added: [] });
      });
    }),
    { numRuns: 300, seed },
  );
  return { offered, refused, kinds, waited: waited - waitedBefore };
}

it("every offered fix, made as a Terraform edit, satisfies its intent and creates no error finding", () => {
  const { offered, refused, kinds } = checkOfferedFixes(topologies, 18);
  // The generated topologies exercise both outcomes and every kind of change.
  expect(offered).toBeGreaterThan(50);
  expect(refused).toBeGreaterThan(20);
  expect([...kinds].sort()).toEqual([
    "add-connection",
    "add-nat",
    "add-peering",
    "enable-bgp",
    "remove-connection",
    "remove-peering",
    "set-peering",
  ]);
});

it("with no two address spaces overlapping: fixes through a hub's gateway are offered, and wait for the gateway", () => {
  // Overlapping spaces refuse most peerings: here each network has its own /16.
  const distinct = topologies.map((t) => ({
    ...t,
    networks: t.networks.map((n, i) => ({ ...n, space: `10.${i + 1}.0.0/16` })),
  }));
  const { offered, waited } = checkOfferedFixes(distinct, 2026);
  expect(offered).toBeGreaterThan(50);
  // Gateway transit through a hub whose gateway is created with the peering: the fix waits for it.
  expect(waited).toBeGreaterThan(2);
});
