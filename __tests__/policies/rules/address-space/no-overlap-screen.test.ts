/**
 * `AddressSpace.NoOverlap` first screens the model without building its per-network views (one sweep
 * over every prefix shown anywhere) and builds them only when the screen says a view may report
 * something. Over generated topologies — peerings (transit, subnet-level), site-to-site connections
 * with NAT, VNet-to-VNet, spaces unknown at synth — the answer with the screen is the answer without.
 */
import * as fc from "fast-check";
import { buildModel } from "../../../../policies/model";
import { checkOverlaps } from "../../../../policies/rules/address-space/no-overlap";
import {
  Json,
  connection,
  natRule,
  peering,
  stackDoc,
  subnet,
  topology,
  vnet,
  vpnGateway,
} from "../../../../test-utils/terraform";

const SPACES = ["10.1.0.0/16", "10.2.0.0/16", "10.1.128.0/17", "10.3.0.0/24", "${var.space}"];
const SITE_SPACES = ["192.168.1.0/24", "10.2.0.0/24", "10.9.0.0/16", "192.168.0.0/16"];

const topologies = fc.record({
  networks: fc.array(
    fc.record({
      space: fc.constantFrom(...SPACES),
      gateway: fc.boolean(),
      subnetOutside: fc.constantFrom(false, false, true),
    }),
    { minLength: 2, maxLength: 5 },
  ),
  sites: fc.array(fc.constantFrom(...SITE_SPACES), { maxLength: 3 }),
  peerings: fc.array(
    fc.record({
      a: fc.nat(4),
      b: fc.nat(4),
      both: fc.boolean(),
      useRemote: fc.boolean(),
      subnetLevel: fc.constantFrom(false, false, false, true),
    }),
    { maxLength: 5 },
  ),
  s2s: fc.array(
    fc.record({
      network: fc.nat(4),
      site: fc.nat(2),
      nat: fc.constantFrom("none", "none", "egress", "ingress"),
    }),
    { maxLength: 4 },
  ),
  v2v: fc.array(fc.record({ a: fc.nat(4), b: fc.nat(4) }), { maxLength: 2 }),
});

type Topology = typeof topologies extends fc.Arbitrary<infer T> ? T : never;

/** The last /27 of a literal /16 or /17 or /24 space, for a GatewaySubnet. */
const GATEWAY_SUBNETS: Record<string, string> = {
  "10.1.0.0/16": "10.1.255.224/27",
  "10.2.0.0/16": "10.2.255.224/27",
  "10.1.128.0/17": "10.1.255.192/27",
  "10.3.0.0/24": "10.3.0.224/27",
  "${var.space}": "10.7.255.224/27",
};

function documentOf(t: Topology): Json {
  const fragments: Json[] = [];
  const nets = t.networks.map((_, i) => `n${i}`);
  const sites = t.sites.map((_, j) => `s${j}`);
  t.networks.forEach((n, i) => {
    fragments.push(vnet(nets[i], [n.space]));
    // One subnet each, for subnet-level peering: inside the space, outside it (a site's range), or
    // not known with it.
    const app = n.subnetOutside ? "10.9.1.0/26" : n.space.replace(/\/\d+$/, "/26");
    fragments.push(subnet(`${nets[i]}_app`, nets[i], "app", [app]));
    if (n.gateway) fragments.push(vpnGateway(`gw_${nets[i]}`, nets[i], GATEWAY_SUBNETS[n.space]));
  });
  t.sites.forEach((space, j) => fragments.push(topology.site(sites[j], [space])));
  const names = new Set<string>();
  const once = (name: string) => !names.has(name) && names.add(name) !== undefined;
  for (const p of t.peerings) {
    const [a, b] = [p.a % nets.length, p.b % nets.length];
    if (a === b) continue;
    const flags: Json = {
      ...(p.useRemote ? { use_remote_gateways: true } : {}),
      ...(p.subnetLevel
        ? {
            peer_complete_virtual_networks_enabled: false,
            local_subnet_names: ["app"],
            remote_subnet_names: ["app"],
          }
        : {}),
    };
    if (once(`${nets[a]}-to-${nets[b]}`))
      fragments.push(peering(`${nets[a]}-to-${nets[b]}`, nets[a], nets[b], flags));
    if (p.both && once(`${nets[b]}-to-${nets[a]}`))
      fragments.push(peering(`${nets[b]}-to-${nets[a]}`, nets[b], nets[a], { allow_gateway_transit: true }));
  }
  t.s2s.forEach((c, k) => {
    const n = c.network % nets.length;
    if (!t.networks[n].gateway || sites.length === 0) return;
    const s = sites[c.site % sites.length];
    if (!once(`${nets[n]}-to-${s}`)) return;
    const nat = `nat${k}`;
    // Translated spaces that overlap what other links reach: overlaps seen only after NAT.
    if (c.nat === "egress")
      fragments.push(natRule(nat, `gw_${nets[n]}`, "EgressSnat", "10.1.0.0/16", "10.9.0.0/16"));
    if (c.nat === "ingress")
      fragments.push(natRule(nat, `gw_${nets[n]}`, "IngressSnat", "10.2.0.0/24", "10.3.0.0/24"));
    fragments.push(
      connection(`${nets[n]}-to-${s}`, `gw_${nets[n]}`, {
        type: "IPsec",
        site: s,
        ...(c.nat === "egress" ? { egress: [nat] } : c.nat === "ingress" ? { ingress: [nat] } : {}),
      }),
    );
  });
  for (const c of t.v2v) {
    const [a, b] = [c.a % nets.length, c.b % nets.length];
    if (a === b || !t.networks[a].gateway || !t.networks[b].gateway) continue;
    if (once(`${nets[a]}-v2v-${nets[b]}`)) fragments.push(topology.v2v(nets[a], nets[b]));
  }
  return stackDoc("net", ...fragments);
}

describe("AddressSpace.NoOverlap's screen", () => {
  it("never changes the answer: findings and checks not verifiable, with the screen and without (property)", () => {
    let screened = 0;
    let looked = 0;
    fc.assert(
      fc.property(topologies, (t) => {
        const model = buildModel([{ stack: "net", doc: documentOf(t) }]);
        const fast = checkOverlaps(model);
        const full = checkOverlaps(model, false);
        expect({ findings: fast.findings, unverified: fast.unverified }).toEqual({
          findings: full.findings,
          unverified: full.unverified,
        });
        if (full.findings.length + full.unverified.length > 0) looked++;
        else screened++;
      }),
      { numRuns: 400 },
    );
    // Both kinds of topology were generated: the property is not about clean topologies only.
    expect(looked).toBeGreaterThan(40);
    expect(screened).toBeGreaterThan(40);
  });
});
