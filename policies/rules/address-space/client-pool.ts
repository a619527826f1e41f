import { Prefix, overlaps } from "../../../core/cidr";
import { connectivityGraph } from "../../graph";
import { GatewayM, NetworkM, NetworkModel, SiteM, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, networkLabel, siteLabel } from "../labels";

/**
 * `AddressSpace.ClientPool`: a point-to-site client address pool (`vpn_client_configuration.address_space`)
 * must not overlap the address space of the gateway's virtual network; ARM refuses it ("VPN client
 * address pool overlaps with the virtual network's address space"): an error. A pool overlapping what
 * the gateway connects (spokes using it through gateway transit, its sites) is accepted but those
 * addresses become unreachable from the clients: a warning.
 *
 * Catalogue: ADDR-P2S-POOL.
 * @see https://learn.microsoft.com/azure/vpn-gateway/point-to-site-about
 * @see https://github.com/MicrosoftDocs/azure-docs/issues/27351
 */
export const AddressSpaceClientPool: Rule = {
  id: "AddressSpace.ClientPool",
  severity: "error",
  description:
    "A point-to-site client address pool overlaps its gateway's virtual network (error), or a spoke or site the gateway connects (warning).",
  source: "https://learn.microsoft.com/azure/vpn-gateway/point-to-site-about",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    let graph: ReturnType<typeof connectivityGraph> | undefined;
    for (const g of model.gateways) {
      const p2s = g.pointToSite;
      if (!isCreated(g) || !p2s) continue;
      if (!p2s.spaces.known) {
        out.cannotVerify(
          g.path,
          `whether the client pool of ${gatewayLabel(g)} overlaps its networks: ${p2s.spaces.why}`,
        );
        continue;
      }
      const pool = p2s.spaces.prefixes;
      if (pool.length === 0) continue;
      if (g.network) {
        graph ??= connectivityGraph(model);
        compare(out, g, pool, g.network, networkLabel(g.network), "error");
        const spokes = new Set<NetworkM>();
        for (const p of graph.transitPeerings(g.network.key))
          if (p.local && p.local !== g.network) spokes.add(p.local);
        for (const n of spokes)
          compare(
            out,
            g,
            pool,
            n,
            `${networkLabel(n)} (a spoke using it through gateway transit)`,
            "warning",
          );
      } else {
        out.cannotVerify(
          g.path,
          `whether the client pool of ${gatewayLabel(g)} overlaps its network: the network cannot be resolved`,
        );
      }
      const sites = new Set<SiteM>();
      for (const c of g.connections) if (c.site) sites.add(c.site);
      for (const s of sites) compare(out, g, pool, s, siteLabel(s), "warning");
    }
    return out;
  },
};

function compare(
  out: Outcome,
  g: GatewayM,
  pool: readonly Prefix[],
  other: { readonly spaces: NetworkM["spaces"] },
  label: string,
  severity: "error" | "warning",
): void {
  if (!other.spaces.known) {
    out.cannotVerify(
      g.path,
      `whether the client pool of ${gatewayLabel(g)} overlaps ${label}: ${other.spaces.why}`,
    );
    return;
  }
  for (const p of pool) {
    const hit = other.spaces.prefixes.find((q) => overlaps(p, q));
    if (!hit) continue;
    out.find({
      path: g.path,
      severity,
      message:
        severity === "error"
          ? `${gatewayLabel(g)} has point-to-site client pool ${p.text}, which overlaps ${label} (${hit.text}); Azure refuses a client pool inside the gateway's virtual network.`
          : `${gatewayLabel(g)} has point-to-site client pool ${p.text}, which overlaps ${label} (${hit.text}); clients cannot reach those addresses.`,
      fix: "Choose a client pool (vpn_client_configuration.address_space) that overlaps no network or site the gateway connects, e.g. 172.16.201.0/24.",
      values: { gateway: show(g.name), pool: p.text, overlaps: hit.text, with: label },
    });
  }
}
