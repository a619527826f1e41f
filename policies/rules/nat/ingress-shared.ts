import { overlaps } from "../../../core/cidr";
import { Prefix } from "../../../core/cidr";
import { ConnectionM, NatRuleM, NetworkModel, SiteM, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel, natRuleLabel } from "../link-helpers";
import { NAT_LIST_MODE } from "../../../core/azure/nat";
import { fqdnKey } from "../../../core/azure/site";

/**
 * `Nat.IngressShared`: one IngressSnat rule is attached to connections to different on-premises
 * networks. "You typically use the same IngressSNAT rule when the connections are for the same
 * on-premises network, to provide redundancy. You can't use the same ingress rule if the connections
 * are for different on-premises networks."
 *
 * What identifies a site, not equal address spaces, decides it. Sites are one on-premises network when
 * they are the same local network gateway, or have the same device (`gateway_address`, `gateway_fqdn`,
 * or the Azure gateway they stand for) or the same BGP speaker (ASN and peer address). Different devices
 * are different networks for certain (error) when their address spaces, BGP peer addresses aside, are
 * known and disjoint; redundant BGP devices of one network (one ASN, no address space besides their /32
 * peer addresses) are allowed; otherwise Azure cannot tell and neither can synth: a warning (two devices
 * with the same spaces are often one network's redundant pair).
 *
 * Catalogue: NAT-INGRESS-SHARE.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat
 */
export const NatIngressShared: Rule = {
  id: "Nat.IngressShared",
  severity: "error",
  description:
    "One IngressSnat rule is attached to connections to sites of different on-premises networks (error: disjoint address spaces), or to different devices that may be one network (warning).",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#nat",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const users = new Map<NatRuleM, ConnectionM[]>();
    for (const c of model.connections) {
      for (const r of c.ingressNat) {
        const list = users.get(r);
        if (list) list.push(c);
        else users.set(r, [c]);
      }
    }
    for (const [rule, connections] of users) {
      if (connections.length < 2 || rule.mode !== NAT_LIST_MODE.ingress) continue;
      const sites: SiteM[] = [];
      let unresolved: string | undefined;
      for (const c of connections) {
        if (c.site) {
          if (!sites.includes(c.site)) sites.push(c.site);
        } else {
          unresolved = `the site of ${connectionLabel(c)} (${c.siteExpr ?? "(not set)"}) cannot be resolved at synth`;
        }
      }
      const groups = sameNetworkGroups(sites);
      if (groups.length < 2) {
        if (unresolved)
          out.cannotVerify(
            rule.path,
            `whether ${natRuleLabel(rule)} serves one on-premises network: ${unresolved}`,
          );
        continue;
      }
      const spaces = groups.map(networkSpaces);
      let different: [number, number] | undefined;
      let ambiguous = false;
      let unknown: string | undefined = unresolved;
      for (let i = 0; i < groups.length && !different; i++) {
        for (let j = i + 1; j < groups.length; j++) {
          const a = spaces[i];
          const b = spaces[j];
          if ("why" in a || "why" in b) {
            unknown ??= "why" in a ? a.why : (b as { why: string }).why;
            continue;
          }
          if (a.length > 0 && b.length > 0 && !a.some((p) => b.some((q) => overlaps(p, q)))) {
            different = [i, j];
            break;
          }
          // Redundant BGP devices of one network: one AS, no address space besides their peer addresses.
          const asnA = asnOf(groups[i]);
          if (a.length === 0 && b.length === 0 && asnA !== undefined && asnA === asnOf(groups[j])) continue;
          ambiguous = true;
        }
      }
      const described = groups.map(
        (g, i) => `${g.map((s) => `site ${s.label}`).join(", ")} (${describeSpaces(spaces[i])})`,
      );
      if (different) {
        const [i, j] = different;
        out.find({
          path: rule.path,
          message: `${natRuleLabel(rule)} is IngressSnat and attached to connections to different on-premises networks: ${described[i]}; ${described[j]}; an ingress rule may be shared only by connections to the same on-premises network.`,
          fix: "Create one IngressSnat rule per on-premises network and attach each to that network's connections only.",
          values: { rule: String(rule.name ?? rule.path), networks: String(groups.length) },
        });
        continue;
      }
      if (unknown) {
        out.cannotVerify(
          rule.path,
          `whether ${natRuleLabel(rule)} serves one on-premises network: ${unknown}`,
        );
        continue;
      }
      if (!ambiguous) continue;
      out.find({
        path: rule.path,
        severity: "warning",
        message: `${natRuleLabel(rule)} is IngressSnat and attached to connections to ${groups.length} different devices: ${described.join("; ")}; that is allowed only if they are one on-premises network (redundant devices), which the configuration does not show.`,
        fix: "If the sites are different networks, create one IngressSnat rule per network; if they are one network's redundant devices, run BGP with one ASN on them, or suppress this warning with the reason.",
        values: { rule: String(rule.name ?? rule.path), devices: String(groups.length) },
      });
    }
    return out;
  },
};

/** Groups of sites that are one on-premises network by what identifies them. */
function sameNetworkGroups(sites: readonly SiteM[]): SiteM[][] {
  const parent = sites.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const byIdentity = new Map<string, number>();
  sites.forEach((s, i) => {
    for (const id of identities(s)) {
      const j = byIdentity.get(id);
      if (j === undefined) byIdentity.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, SiteM[]>();
  sites.forEach((s, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(s);
    else groups.set(root, [s]);
  });
  return [...groups.values()];
}

/** What identifies a site's network: its device, its BGP speaker, its AS. */
function identities(s: SiteM): string[] {
  const ids: string[] = [];
  if (s.standsFor) ids.push(`gateway:${s.standsFor.key}`);
  if (typeof s.gatewayAddress === "string") ids.push(`address:${s.gatewayAddress.trim()}`);
  if (typeof s.gatewayFqdn === "string") ids.push(`fqdn:${fqdnKey(s.gatewayFqdn)}`);
  if (typeof s.bgpAsn === "number" && typeof s.bgpPeeringAddress === "string")
    ids.push(`bgp:${s.bgpAsn}/${s.bgpPeeringAddress.trim()}`);
  return ids;
}

/** The BGP ASN all sites of a group share, if they do. */
function asnOf(group: readonly SiteM[]): number | undefined {
  const asn = group[0].bgpAsn;
  return typeof asn === "number" && group.every((s) => s.bgpAsn === asn) ? asn : undefined;
}

/** The address spaces of a group of sites, without their BGP peer addresses (host routes). */
function networkSpaces(group: readonly SiteM[]): Prefix[] | { why: string } {
  const out: Prefix[] = [];
  for (const s of group) {
    if (!s.spaces.known) return { why: s.spaces.why };
    const peer = typeof s.bgpPeeringAddress === "string" ? s.bgpPeeringAddress : undefined;
    for (const p of s.spaces.prefixes) {
      if (peer !== undefined && p.text === `${peer}/32`) continue;
      out.push(p);
    }
    if (isUnknown(s.bgpPeeringAddress))
      return { why: `the BGP peer address of site ${s.label} is ${s.bgpPeeringAddress.unknown}` };
  }
  return out;
}

function describeSpaces(spaces: Prefix[] | { why: string }): string {
  if ("why" in spaces) return "address space not known";
  return spaces.map((p) => p.text).join(",") || "no address space besides BGP";
}
