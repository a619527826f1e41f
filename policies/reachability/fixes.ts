/**
 * Sound explanations: the change that would make an intent hold, offered only once it has been applied
 * to a copy of the model and re-checked.
 *
 * For an intent that does not hold, candidate changes are tried in order, each on its own copy of the
 * model. A candidate is offered only when, on that copy,
 * - the intent holds ("yes" for must reach, "no" for must not reach; "unknown" is not enough),
 * - every other intent that held still holds, and
 * - the rules of the evaluation report no error finding that the configuration did not already have
 *   (no overlap, no transit conflict, no SKU that lacks the feature, ...).
 * Otherwise the next candidate is tried (another gateway, another hub, NAT on the IPsec connection,
 * cutting another link of the path); when none passes, the explanation says that no single change does
 * it, and why each candidate was refused.
 *
 * A change is written in the model's terms (add a peering, set a flag, add a connection or a NAT rule,
 * remove a link), each one edit of the Terraform a user would make. Routes through a firewall hub are
 * not offered: user-defined routes are not modelled, so such a change could not be re-checked.
 */
import { makePrefix, overlaps, parsePrefix, Prefix } from "../../core/cidr";
import { evaluate } from "../engine";
import { blockingFindings, findingKey } from "../finding";
import { PeeringLink, connectivityGraph } from "../graph";
import {
  ConnectionM,
  GatewayM,
  IntentM,
  NatRuleM,
  NetworkM,
  NetworkModel,
  PeeringM,
  SiteM,
  isUnknown,
  stackCreating,
} from "../model";
import { translate } from "../nat-translate";
import { Rule } from "../rule";
import { IntentAnswer, IntentGroupAnswer, PairReach, ReachEntity, analyzeReachability } from "./analysis";

/** One edit of the configuration, in the model's terms (elements are named by their model key). */
export type ModelChange =
  | {
      /** Adds a peering from network `from` to network `to` (one direction). */
      readonly kind: "add-peering";
      readonly from: string;
      readonly to: string;
      readonly useRemoteGateways?: boolean;
      readonly allowGatewayTransit?: boolean;
      /** Makes the peering wait for the remote network's gateways (a `depends_on` on them). */
      readonly waitForRemoteGateways?: boolean;
    }
  | {
      /** Sets flags of an existing peering. */
      readonly kind: "set-peering";
      readonly peering: string;
      readonly allowAccess?: boolean;
      readonly useRemoteGateways?: boolean;
      readonly allowGatewayTransit?: boolean;
      /** Makes the peering wait for the remote network's gateways (a `depends_on` on them). */
      readonly waitForRemoteGateways?: boolean;
    }
  | {
      /** Removes a peering. */
      readonly kind: "remove-peering";
      readonly peering: string;
    }
  | {
      /** Adds a connection from gateway `gateway`: VNet-to-VNet to `peerGateway`, or IPsec to `site`. */
      readonly kind: "add-connection";
      readonly type: "Vnet2Vnet" | "IPsec";
      readonly gateway: string;
      readonly peerGateway?: string;
      readonly site?: string;
      readonly bgp?: boolean;
    }
  | {
      /** Turns BGP on for a connection and its gateway. */
      readonly kind: "enable-bgp";
      readonly connection: string;
    }
  | {
      /** Removes a connection. */
      readonly kind: "remove-connection";
      readonly connection: string;
    }
  | {
      /** Adds a static NAT rule on the connection's gateway and attaches it to the connection. */
      readonly kind: "add-nat";
      readonly connection: string;
      /** IngressSnat translates the far side's prefixes, EgressSnat the network side's. */
      readonly mode: "IngressSnat" | "EgressSnat";
      readonly internal: string;
      readonly external: string;
    };

/** A change offered to make an intent hold: what to do, in words, and its edits. */
export interface SuggestedFix {
  /** The change in words (lower case, no final period). */
  readonly text: string;
  /** Its edits of the configuration. */
  readonly changes: readonly ModelChange[];
}

/** What the search found for one intent. */
export interface IntentExplanation {
  /** A change that satisfies the intent, re-checked; absent when no single change does it. */
  readonly fix?: SuggestedFix;
  /** When no single change does it: why (lower case, no final period). */
  readonly noFix?: string;
  /** The candidates tried and why each was refused, in order. */
  readonly refused: readonly { readonly fix: SuggestedFix; readonly why: string }[];
}

/** Most candidates re-checked per intent (each costs a copy of the model and a run of the rules). */
const MAX_CANDIDATES = 8;

// --- applying a change to a copy of the model -----------------------------------------------------

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Label of an element for the paths of what a change adds. */
function labelOf(x: { label?: string; name?: unknown; path: string }): string {
  return x.label ?? (typeof x.name === "string" ? x.name : x.path);
}

/**
 * A copy of the model with the changes applied: the model's objects are copied once (identity and
 * cycles kept), then edited. The original is never touched. Throws on a change that names an element
 * the model does not have.
 */
export function applyChanges(model: NetworkModel, changes: readonly ModelChange[]): NetworkModel {
  // The dependency index is behaviour over the configuration, not data: shared, never cloned.
  const { dependencies, ...data } = model;
  const copy = structuredClone(data) as Mutable<NetworkModel>;
  const waits = new Set<string>();
  copy.dependencies = {
    waitsFor: (from, to) => waits.has(`${from}\n${to}`) || dependencies.waitsFor(from, to),
    ...(dependencies.orderingUnknown
      ? { orderingUnknown: (from: string) => dependencies.orderingUnknown?.(from) }
      : {}),
  };
  const find = <T extends { key: string }>(list: readonly T[], key: string, what: string): T => {
    const x = list.find((e) => e.key === key);
    if (!x) throw new Error(`applyChanges: no ${what} ${key}`);
    return x;
  };
  let n = 0;
  for (const c of changes) {
    n++;
    switch (c.kind) {
      case "add-peering": {
        const local = find(copy.networks, c.from, "network");
        const remote = find(copy.networks, c.to, "network");
        const p: PeeringM = {
          key: `suggested::${n}::peering::${c.from}->${c.to}`,
          path: `(suggested) peering ${local.label} -> ${remote.label}`,
          stack: local.stack,
          name: `${local.label}-to-${remote.label}`,
          local,
          remote,
          localExpr: local.path,
          remoteExpr: remote.path,
          allowAccess: true,
          allowForwardedTraffic: false,
          allowGatewayTransit: c.allowGatewayTransit ?? false,
          useRemoteGateways: c.useRemoteGateways ?? false,
          completeNetworks: true,
          localSubnetNames: undefined,
          remoteSubnetNames: undefined,
          dependsOn: [],
        };
        copy.peerings.push(p);
        if (c.waitForRemoteGateways) for (const g of remote.gateways) waits.add(`${p.key}\n${g.key}`);
        break;
      }
      case "set-peering": {
        const p = find(copy.peerings, c.peering, "peering") as Mutable<PeeringM>;
        if (c.allowAccess !== undefined) p.allowAccess = c.allowAccess;
        if (c.useRemoteGateways !== undefined) p.useRemoteGateways = c.useRemoteGateways;
        if (c.allowGatewayTransit !== undefined) p.allowGatewayTransit = c.allowGatewayTransit;
        if (c.waitForRemoteGateways && p.remote)
          for (const g of p.remote.gateways) waits.add(`${p.key}\n${g.key}`);
        break;
      }
      case "remove-peering": {
        find(copy.peerings, c.peering, "peering");
        copy.peerings = copy.peerings.filter((p) => p.key !== c.peering);
        break;
      }
      case "add-connection": {
        const g = find(copy.gateways, c.gateway, "gateway");
        const peer = c.peerGateway !== undefined ? find(copy.gateways, c.peerGateway, "gateway") : undefined;
        const site = c.site !== undefined ? find(copy.sites, c.site, "site") : undefined;
        const far = peer ? labelOf(peer) : site ? labelOf(site) : "?";
        const conn: ConnectionM = {
          key: `suggested::${n}::connection::${c.gateway}->${c.peerGateway ?? c.site}`,
          path: `(suggested) connection ${labelOf(g)} -> ${far}`,
          name: `${labelOf(g)}-to-${far}`,
          location: g.location,
          type: c.type,
          gateway: g,
          gatewayExpr: g.path,
          ...(peer ? { peerGateway: peer, peerExpr: peer.path } : {}),
          ...(site ? { site, siteExpr: site.path } : {}),
          sharedKey: {
            form: "variable",
            expr: "${var.shared_key}",
            identity: "expr:suggested:${var.shared_key}",
          },
          ipsecPolicies: [],
          usePolicyBasedTrafficSelectors: undefined,
          bgpEnabled: c.bgp ?? false,
          dpdTimeoutSeconds: undefined,
          connectionProtocol: undefined,
          connectionMode: undefined,
          routingWeight: undefined,
          privateIpAddressEnabled: undefined,
          authorizationKeySet: false,
          expressRouteGatewayBypass: undefined,
          privateLinkFastPathEnabled: undefined,
          trafficSelectorPolicyCount: 0,
          ingressNat: [],
          egressNat: [],
          unresolvedNat: [],
        };
        if (c.bgp) (g as Mutable<GatewayM>).bgpEnabled = true;
        g.connections.push(conn);
        copy.connections.push(conn);
        break;
      }
      case "enable-bgp": {
        const conn = find(copy.connections, c.connection, "connection") as Mutable<ConnectionM>;
        conn.bgpEnabled = true;
        if (conn.gateway) (conn.gateway as Mutable<GatewayM>).bgpEnabled = true;
        break;
      }
      case "remove-connection": {
        const conn = find(copy.connections, c.connection, "connection");
        copy.connections = copy.connections.filter((x) => x.key !== c.connection);
        if (conn.gateway) {
          const list = conn.gateway.connections;
          list.splice(list.indexOf(conn), 1);
        }
        break;
      }
      case "add-nat": {
        const conn = find(copy.connections, c.connection, "connection");
        const g = conn.gateway;
        if (!g) throw new Error(`applyChanges: connection ${c.connection} has no gateway`);
        const rule: NatRuleM = {
          key: `suggested::${n}::nat::${c.connection}`,
          path: `(suggested) NAT rule on ${labelOf(g)}`,
          name: `${c.mode === "IngressSnat" ? "ingress" : "egress"}-${c.external.replace(/[./]/g, "-")}`,
          mode: c.mode,
          type: "Static",
          dynamicMappings: false,
          gateway: g,
          internal: [{ space: parsePrefix(c.internal), text: c.internal }],
          external: [{ space: parsePrefix(c.external), text: c.external }],
        };
        g.natRules.push(rule);
        copy.natRules.push(rule);
        (c.mode === "IngressSnat" ? conn.ingressNat : conn.egressNat).push(rule);
        break;
      }
    }
  }
  return copy;
}

// --- re-checking ----------------------------------------------------------------------------------

/** The status an intent needs. */
function wanted(i: IntentM): PairReach["status"] {
  return i.kind === "mustReach" ? "yes" : "no";
}

/** The answer for an intent on a model, or undefined when an end is not in it. */
function answer(model: NetworkModel, i: IntentM): PairReach | undefined {
  const a = analyzeReachability(model);
  const from = a.resolveEndpoint(i.from);
  const to = a.resolveEndpoint(i.to);
  return from && to ? a.pair(from.id, to.id) : undefined;
}

/** Re-checks candidates for the intents of one model: the baseline is computed once, on first use. */
export class FixChecker {
  private baseline?: Set<string>;
  private held?: Set<IntentM>;
  /** Texts of the pairs of intents over groups that do not hold in the model as it is. */
  private openPairs?: Set<string>;
  private readonly rules: readonly Rule[];

  /**
   * @param model - the configuration as it is
   * @param rules - the rules of the evaluation; `Reachability.Intent` is left out (intents are re-checked by the analysis)
   */
  constructor(
    private readonly model: NetworkModel,
    rules: readonly Rule[],
  ) {
    this.rules = rules.filter((r) => r.id !== "Reachability.Intent");
  }

  /** Why the fix does not do it, or undefined when it satisfies the intent and breaks nothing. */
  public why(intent: IntentM, fix: SuggestedFix): string | undefined {
    let copy: NetworkModel;
    try {
      copy = applyChanges(this.model, fix.changes);
    } catch (e) {
      return (e as Error).message;
    }
    // The copy shares the intents (and their ends) with the model: a change never edits an intent.
    const r = answer(copy, intent);
    if (!r) return "an end of the intent is no longer in the configuration";
    if (r.status !== wanted(intent))
      return `the answer would be "${r.status}"${r.reason ? ` (${r.reason})` : ""}`;
    this.held ??= new Set(this.model.intents.filter((i) => answer(this.model, i)?.status === wanted(i)));
    for (const other of this.model.intents) {
      if (other === intent || !this.held.has(other)) continue;
      const after = answer(copy, other);
      if (after?.status !== wanted(other))
        return `intent "${other.from.text} ${other.kind === "mustReach" ? "must reach" : "must not reach"} ${other.to.text}" would no longer hold`;
    }
    // Intents over groups apart: no pair that holds may stop holding.
    if (this.model.intentGroups.length > 0) {
      // By the pair's entities, not its words: two networks can have one name.
      const key = (g: IntentGroupAnswer, p: IntentAnswer) =>
        `${g.path}\u0000${g.text}\u0000${p.from}\u0000${p.to}`;
      this.openPairs ??= new Set(
        analyzeReachability(this.model).intentGroups.flatMap((g) =>
          g.notHolding.map((p) => key(g, p.answer)),
        ),
      );
      for (const g of analyzeReachability(copy).intentGroups) {
        const now = g.notHolding.find((p) => !this.openPairs!.has(key(g, p.answer)));
        if (now)
          return `intent "${now.intent.from.text} must not reach ${now.intent.to.text}" would no longer hold`;
      }
    }
    this.baseline ??= new Set(blockingFindings(evaluate(this.model, this.rules).findings).map(findingKey));
    const added = blockingFindings(evaluate(copy, this.rules).findings).filter(
      (f) => !this.baseline!.has(findingKey(f)),
    );
    // The finding's message without its fix and its full stop: the reason goes on in a sentence of its own.
    if (added.length > 0)
      return `it would be refused: ${added[0].message.split(" Fix: ")[0].replace(/\.$/, "")}`;
    return undefined;
  }
}

// --- candidates -----------------------------------------------------------------------------------

/** Finds the model's networks and sites, gateways, peerings and connections by what the analysis names. */
class Lookup {
  private readonly networkByPath = new Map<string, NetworkM>();
  private readonly siteByPath = new Map<string, SiteM>();

  constructor(readonly model: NetworkModel) {
    for (const n of model.networks) this.networkByPath.set(n.path, n);
    for (const s of model.sites) this.siteByPath.set(s.path, s);
  }

  public network(e: ReachEntity): NetworkM | undefined {
    return e.kind === "network" ? this.networkByPath.get(e.path) : undefined;
  }
  public site(e: ReachEntity): SiteM | undefined {
    return e.kind === "site" ? this.siteByPath.get(e.path) : undefined;
  }
  public peeringByPath(path: string): PeeringM | undefined {
    return this.model.peerings.find((p) => p.path === path);
  }
  public connectionByPath(path: string): ConnectionM | undefined {
    return this.model.connections.find((c) => c.path === path);
  }
}

const gwName = (g: GatewayM) => `gateway ${labelOf(g)}`;

/**
 * The gateways of network `hub` that a peering of stack `stack` using them must be made to wait for:
 * those the same stack creates (Peering.GatewayTransit refuses a peering that sets use_remote_gateways
 * and is created at the same time as the gateway), but for those the existing peering `existing`
 * already waits for.
 */
function gatewaysToWaitFor(
  stack: string,
  hub: NetworkM,
  existing?: { readonly key: string; readonly dependencies: NetworkModel["dependencies"] },
): GatewayM[] {
  return hub.gateways.filter(
    (g) => stackCreating(g) === stack && !existing?.dependencies.waitsFor(existing.key, g.key),
  );
}

/** ` and gateway gw-hub in its depends_on` for the gateways a peering is made to wait for; empty for none. */
function waitText(gateways: readonly GatewayM[], whose: string): string {
  return gateways.length > 0 ? ` and ${gateways.map(gwName).join(" and ")} in ${whose} depends_on` : "";
}

function bothPeerings(a: NetworkM, b: NetworkM, flags: { transitVia?: NetworkM } = {}): SuggestedFix {
  const uses = (from: NetworkM, to: NetworkM) => flags.transitVia === to && from !== to;
  const spoke = flags.transitVia ? (flags.transitVia === a ? b : a) : undefined;
  // The new peering from the spoke is in the spoke's stack (applyChanges).
  const waits = spoke ? gatewaysToWaitFor(spoke.stack, flags.transitVia!) : [];
  const direction = (from: NetworkM, to: NetworkM): ModelChange => ({
    kind: "add-peering",
    from: from.key,
    to: to.key,
    ...(uses(from, to) ? { useRemoteGateways: true } : {}),
    ...(uses(from, to) && waits.length > 0 ? { waitForRemoteGateways: true } : {}),
    ...(flags.transitVia === from ? { allowGatewayTransit: true } : {}),
  });
  const changes: ModelChange[] = [direction(a, b), direction(b, a)];
  const transit = spoke
    ? `, network ${spoke.label} using the gateway of network ${flags.transitVia!.label} (use_remote_gateways${waitText(waits, "the")} on its side, allow_gateway_transit on ${flags.transitVia!.label}'s)`
    : "";
  return { text: `peer network ${a.label} and network ${b.label} (both directions${transit})`, changes };
}

/**
 * A peering between a spoke and a hub with a gateway that carries no traffic, repaired so that the spoke
 * uses the hub's gateway: the missing direction of a one-sided peering, or access turned back on, with
 * the gateway-transit flags not set yet (use_remote_gateways on the spoke's side, waiting for the hub's
 * gateways created with it; allow_gateway_transit on the hub's).
 */
function transitRepair(
  spoke: NetworkM,
  hub: NetworkM,
  link: PeeringLink,
  dependencies: NetworkModel["dependencies"],
): SuggestedFix | undefined {
  const out = link.x === spoke ? link.xy : link.yx;
  const back = link.x === spoke ? link.yx : link.xy;
  // A new peering from the spoke (in the spoke's stack) waits for each such gateway; the existing one,
  // for those it does not wait for yet.
  const waits =
    out.length === 0
      ? gatewaysToWaitFor(spoke.stack, hub)
      : gatewaysToWaitFor(out[0].stack, hub, { key: out[0].key, dependencies });
  if (link.state.code === "access-disabled" && out.length > 0 && back.length > 0) {
    // Access turned back on, and the transit flags that are not set yet, on the same peerings.
    const edits = new Map<
      PeeringM,
      { allowAccess?: true; useRemoteGateways?: true; allowGatewayTransit?: true }
    >();
    const edit = (p: PeeringM) => edits.get(p) ?? edits.set(p, {}).get(p)!;
    const parts: string[] = [];
    const off = [...out, ...back].filter((p) => p.allowAccess === false);
    for (const p of off) edit(p).allowAccess = true;
    parts.push(`allow_virtual_network_access = true on peering ${off.map((p) => p.path).join(" and ")}`);
    if (out[0].useRemoteGateways !== true) {
      edit(out[0]).useRemoteGateways = true;
      parts.push(`use_remote_gateways = true on peering ${out[0].path}${waitText(waits, "its")}`);
    }
    if (back[0].allowGatewayTransit !== true) {
      edit(back[0]).allowGatewayTransit = true;
      parts.push(`allow_gateway_transit = true on peering ${back[0].path}`);
    }
    return {
      text: `set ${parts.join(", ")} (network ${spoke.label} then uses the gateway of network ${hub.label})`,
      changes: [...edits].map(([p, e]) => ({
        kind: "set-peering" as const,
        peering: p.key,
        ...e,
        ...(e.useRemoteGateways && waits.length > 0 ? { waitForRemoteGateways: true } : {}),
      })),
    };
  }
  if (link.state.code !== "one-sided-peering") return undefined;
  const uses = `network ${spoke.label} then uses the gateway of network ${hub.label}; VnetPeering creates both directions unless createReverse is false`;
  if (out.length === 0 && back.length > 0) {
    const setAllow = back[0].allowGatewayTransit !== true;
    return {
      text: `add the peering from network ${spoke.label} to network ${hub.label} with use_remote_gateways = true${waitText(waits, "its")}${setAllow ? `, and set allow_gateway_transit = true on peering ${back[0].path}` : ""} (${uses})`,
      changes: [
        {
          kind: "add-peering",
          from: spoke.key,
          to: hub.key,
          useRemoteGateways: true,
          ...(waits.length > 0 ? { waitForRemoteGateways: true } : {}),
        },
        ...(setAllow
          ? [{ kind: "set-peering" as const, peering: back[0].key, allowGatewayTransit: true }]
          : []),
      ],
    };
  }
  if (back.length === 0 && out.length > 0) {
    const setUse = out[0].useRemoteGateways !== true;
    return {
      text: `add the peering from network ${hub.label} to network ${spoke.label} with allow_gateway_transit = true${setUse ? `, and set use_remote_gateways = true on peering ${out[0].path}${waitText(waits, "its")}` : ""} (${uses})`,
      changes: [
        { kind: "add-peering", from: hub.key, to: spoke.key, allowGatewayTransit: true },
        ...(setUse
          ? [
              {
                kind: "set-peering" as const,
                peering: out[0].key,
                useRemoteGateways: true,
                ...(waits.length > 0 ? { waitForRemoteGateways: true } : {}),
              },
            ]
          : []),
      ],
    };
  }
  return undefined;
}

function v2vBoth(g: GatewayM, h: GatewayM): SuggestedFix {
  return {
    text: `connect ${gwName(g)} and ${gwName(h)} with a VNet-to-VNet connection in each direction (one shared key)`,
    changes: [
      { kind: "add-connection", type: "Vnet2Vnet", gateway: g.key, peerGateway: h.key },
      { kind: "add-connection", type: "Vnet2Vnet", gateway: h.key, peerGateway: g.key },
    ],
  };
}

/** A free block of `length` bits in 100.64.0.0/10 that overlaps none of the model's prefixes. */
function freePrefix(model: NetworkModel, length: number, taken: Prefix[]): Prefix | undefined {
  const used: Prefix[] = [...taken];
  for (const n of model.networks) if (n.spaces.known) used.push(...n.spaces.prefixes);
  for (const s of model.sites) if (s.spaces.known) used.push(...s.spaces.prefixes);
  for (const r of model.natRules)
    for (const m of [...r.internal, ...r.external]) if (!isUnknown(m.space)) used.push(m.space);
  if (length < 10 || length > 32) return undefined;
  const base = (100n << 24n) | (64n << 16n);
  const step = 1n << BigInt(32 - length);
  for (let start = base; start < base + (1n << 22n); start += step) {
    const p = makePrefix(4, start, length);
    if (!used.some((u) => u.family === 4 && overlaps(u, p))) return p;
  }
  return undefined;
}

/**
 * NAT on an IPsec connection whose two sides overlap: IngressSnat for the site's prefixes that overlap
 * the network (as the network sees them), EgressSnat for the network's prefixes that overlap the site
 * (as the site sees them), each to a free block of the same size (static rules map one to one).
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
function natForSite(model: NetworkModel, n: NetworkM, c: ConnectionM, site: SiteM): SuggestedFix | undefined {
  if (!n.spaces.known || !site.spaces.known || c.unresolvedNat.length > 0) return undefined;
  const siteSeen = translate(site.spaces.prefixes, c.ingressNat);
  const netSeen = translate(n.spaces.prefixes, c.egressNat);
  if (isUnknown(siteSeen) || isUnknown(netSeen)) return undefined;
  const changes: ModelChange[] = [];
  const taken: Prefix[] = [];
  const parts: string[] = [];
  const add = (mode: "IngressSnat" | "EgressSnat", p: Prefix, whose: string): boolean => {
    const free = freePrefix(model, p.length, taken);
    if (!free) return false;
    taken.push(free);
    changes.push({ kind: "add-nat", connection: c.key, mode, internal: p.text, external: free.text });
    parts.push(`${mode} ${whose} ${p.text} as ${free.text}`);
    return true;
  };
  for (const s of siteSeen) {
    if (s.natFrom || !n.spaces.prefixes.some((p) => overlaps(p, s.prefix))) continue;
    if (!add("IngressSnat", s.prefix, `site ${site.label}'s`)) return undefined;
  }
  for (const s of netSeen) {
    if (s.natFrom || !site.spaces.prefixes.some((p) => overlaps(p, s.prefix))) continue;
    if (!add("EgressSnat", s.prefix, `network ${n.label}'s`)) return undefined;
  }
  if (changes.length === 0) return undefined;
  return {
    text: `add static NAT rules on ${gwName(c.gateway!)} and attach them to connection ${c.path}: ${parts.join(", ")}`,
    changes,
  };
}

/** Candidates for "must reach", most specific first. */
function reachCandidates(
  model: NetworkModel,
  look: Lookup,
  ea: ReachEntity,
  eb: ReachEntity,
  r: PairReach,
): SuggestedFix[] {
  const graph = connectivityGraph(model);
  const out: SuggestedFix[] = [];
  const na = look.network(ea);
  const nb = look.network(eb);
  const sa = look.site(ea);
  const sb = look.site(eb);
  const vpn = (gs: readonly GatewayM[]) => gs.filter((g) => graph.isVpn(g));
  const used = (n: NetworkM) => graph.attachments(n.key).map((a) => a.gateway);

  // 1. The link between them that carries no traffic, repaired.
  if (na && nb) {
    const link = graph.peeringLink(na.key, nb.key);
    if (link && link.state.code === "one-sided-peering") {
      const [from, to] = link.xy.length > 0 ? [link.y, link.x] : [link.x, link.y];
      out.push({
        text: `add the peering from network ${from.label} to network ${to.label} (VnetPeering creates both directions unless createReverse is false)`,
        changes: [{ kind: "add-peering", from: from.key, to: to.key }],
      });
    }
    if (link && link.state.code === "access-disabled") {
      const off = [...link.xy, ...link.yx].filter((p) => p.allowAccess === false);
      out.push({
        text: `set allow_virtual_network_access = true on peering ${off.map((p) => p.path).join(" and ")}`,
        changes: off.map((p) => ({ kind: "set-peering", peering: p.key, allowAccess: true })),
      });
    }
    for (const g of vpn(na.gateways)) {
      for (const h of vpn(nb.gateways)) {
        const l = graph.gatewayLink(g.key, h.key);
        if (!l || l.ipsec || l.state.code !== "v2v-missing-direction") continue;
        const [from, to] = l.gh.length > 0 ? [l.h, l.g] : [l.g, l.h];
        out.push({
          text: `add the VNet-to-VNet connection from ${gwName(from)} to ${gwName(to)}, with the same shared key (VnetToVnetConnection creates both)`,
          changes: [{ kind: "add-connection", type: "Vnet2Vnet", gateway: from.key, peerGateway: to.key }],
        });
      }
    }
  }
  // 2. Gateway transit through a hub that is peered already and whose gateway reaches the other end.
  const transitTo = (spoke: NetworkM) => {
    for (const [hubKey] of graph.peersOf(spoke.key)) {
      for (const nt of graph.notTransit(hubKey)) {
        if (nt.spoke !== spoke || nt.link.state.state === "down") continue;
        const out1 = (nt.link.x === spoke ? nt.link.xy : nt.link.yx)[0];
        const back = (nt.link.x === spoke ? nt.link.yx : nt.link.xy)[0];
        // Gateways of the hub created in the peering's stack that it does not wait for yet: the fix adds the wait.
        const racing = gatewaysToWaitFor(out1.stack, nt.hub, {
          key: out1.key,
          dependencies: model.dependencies,
        });
        // Only what is not set yet is changed, and said.
        const setUse = out1.useRemoteGateways !== true;
        const setAllow = !back || back.allowGatewayTransit !== true;
        const changes: ModelChange[] = [];
        const parts: string[] = [];
        if (setUse || racing.length > 0) {
          changes.push({
            kind: "set-peering",
            peering: out1.key,
            ...(setUse ? { useRemoteGateways: true } : {}),
            ...(racing.length > 0 ? { waitForRemoteGateways: true } : {}),
          });
        }
        if (setUse) parts.push(`use_remote_gateways = true on peering ${out1.path}`);
        if (setAllow) {
          changes.push(
            back
              ? { kind: "set-peering", peering: back.key, allowGatewayTransit: true }
              : { kind: "add-peering", from: nt.hub.key, to: spoke.key, allowGatewayTransit: true },
          );
          parts.push(
            `allow_gateway_transit = true on ${back ? `peering ${back.path}` : `a new peering from ${nt.hub.label} back to ${spoke.label}`}`,
          );
        }
        if (parts.length === 0) continue;
        out.push({
          text: `set ${parts.join(" and ")} (network ${spoke.label} then uses the gateway of network ${nt.hub.label})${racing.length > 0 ? `, with ${racing.map(gwName).join(" and ")} in the peering's depends_on so that it waits for the gateway` : ""}`,
          changes,
        });
      }
    }
  };
  // A peering with a hub whose gateway may reach the other end that carries no traffic: repaired.
  const repairTo = (spoke: NetworkM) => {
    for (const [hubKey, link] of graph.peersOf(spoke.key)) {
      const hub = link.x.key === hubKey ? link.x : link.y;
      if (vpn(hub.gateways).length === 0) continue;
      const fix = transitRepair(spoke, hub, link, model.dependencies);
      if (fix) out.push(fix);
    }
  };
  if (na) transitTo(na);
  if (nb) transitTo(nb);
  if (na) repairTo(na);
  if (nb) repairTo(nb);
  // 3. A new link.
  if (na && nb) {
    if (!graph.peeringLink(na.key, nb.key)) out.push(bothPeerings(na, nb));
    const ga = [...vpn(na.gateways), ...used(na).filter((g) => !na.gateways.includes(g))];
    const gb = [...vpn(nb.gateways), ...used(nb).filter((g) => !nb.gateways.includes(g))];
    for (const g of ga)
      for (const h of gb) if (g !== h && !graph.gatewayLink(g.key, h.key)) out.push(v2vBoth(g, h));
  }
  const site = sa ?? sb;
  const net = na ?? nb;
  if (site && net) {
    // The connection that reaches the site but whose prefixes overlap the network's: NAT.
    if (r.code === "overlap") {
      for (const l of graph.siteLinksTo(site.key)) {
        const nat = natForSite(model, net, l.connection, site);
        if (nat) out.push(nat);
      }
    }
    if (r.code === "site-without-prefixes" && site.bgp) {
      for (const l of graph.siteLinksTo(site.key)) {
        if (l.state.code !== "site-without-prefixes") continue;
        out.push({
          text: `enable BGP on connection ${l.connection.path} and on ${gwName(l.gateway)} (site ${site.label} has BGP settings; its routes are then learned over BGP)`,
          changes: [{ kind: "enable-bgp", connection: l.connection.key }],
        });
      }
    }
    // A site-to-site connection from a gateway the network has or uses.
    for (const g of [...vpn(net.gateways), ...used(net)]) {
      if (graph.siteLinksTo(site.key).some((l) => l.gateway === g)) continue;
      out.push({
        text: `connect site ${site.label} to ${gwName(g)}${g.network && g.network !== net ? ` (network ${net.label} uses it through gateway transit)` : ""} with a site-to-site connection`,
        changes: [{ kind: "add-connection", type: "IPsec", gateway: g.key, site: site.key }],
      });
    }
    // Peer the network with one whose gateway connects the site, using that gateway.
    for (const l of graph.siteLinksTo(site.key)) {
      const hub = l.gateway.network;
      if (!hub || hub === net || graph.peeringLink(net.key, hub.key)) continue;
      out.push(bothPeerings(net, hub, { transitVia: hub }));
    }
  }
  if (sa && sb) {
    // Transit between two sites through one gateway needs BGP on both connections.
    for (const l1 of graph.siteLinksTo(sa.key)) {
      for (const l2 of graph.siteLinksTo(sb.key)) {
        if (l1.gateway !== l2.gateway || (l1.bgp && l2.bgp) || !sa.bgp || !sb.bgp) continue;
        out.push({
          text: `enable BGP on ${[l1, l2]
            .filter((l) => !l.bgp)
            .map((l) => `connection ${l.connection.path}`)
            .join(" and ")} and on ${gwName(l1.gateway)} (both sites have BGP settings)`,
          changes: [l1, l2]
            .filter((l) => !l.bgp)
            .map((l) => ({ kind: "enable-bgp", connection: l.connection.key })),
        });
      }
    }
    for (const l1 of graph.siteLinksTo(sa.key)) {
      if (!sa.bgp || !sb.bgp || graph.siteLinksTo(sb.key).some((l) => l.gateway === l1.gateway)) continue;
      out.push({
        text: `connect site ${sb.label} to ${gwName(l1.gateway)} with BGP, and run BGP on connection ${l1.connection.path} too`,
        changes: [
          { kind: "add-connection", type: "IPsec", gateway: l1.gateway.key, site: sb.key, bgp: true },
          ...(l1.bgp ? [] : [{ kind: "enable-bgp" as const, connection: l1.connection.key }]),
        ],
      });
    }
  }
  return out;
}

/** Candidates for "must not reach": cut a link of the path, nearest the intent's first end first. */
function cutCandidates(look: Lookup, r: PairReach): SuggestedFix[] {
  const out: SuggestedFix[] = [];
  for (const step of r.path ?? []) {
    if (step.link === "peering") {
      const ps = step.via.map((v) => look.peeringByPath(v)).filter((p): p is PeeringM => p !== undefined);
      if (ps.length === 0) continue;
      out.push({
        text: `remove the peering between ${step.from.replace(":", " ")} and ${step.to.replace(":", " ")} (${ps.map((p) => p.path).join(", ")})`,
        changes: ps.map((p) => ({ kind: "remove-peering", peering: p.key })),
      });
      out.push({
        text: `set allow_virtual_network_access = false on peering ${ps[0].path}`,
        changes: [{ kind: "set-peering", peering: ps[0].key, allowAccess: false }],
      });
    } else if (step.link === "gateway-transit") {
      const ps = step.via
        .map((v) => look.peeringByPath(v))
        .filter((p): p is PeeringM => p !== undefined && p.useRemoteGateways === true);
      if (ps.length === 0) continue;
      out.push({
        text: `turn off use_remote_gateways on peering ${ps.map((p) => p.path).join(", ")}: the peering with the hub stays, the hub's gateway is no longer used`,
        changes: ps.map((p) => ({ kind: "set-peering", peering: p.key, useRemoteGateways: false })),
      });
    } else {
      const cs = step.via
        .map((v) => look.connectionByPath(v))
        .filter((c): c is ConnectionM => c !== undefined);
      if (cs.length === 0) continue;
      out.push({
        text: `remove the ${step.link === "vnet-to-vnet" ? "VNet-to-VNet" : "site-to-site"} connection${cs.length > 1 ? "s" : ""} ${cs.map((c) => c.path).join(", ")}`,
        changes: cs.map((c) => ({ kind: "remove-connection", connection: c.key })),
      });
    }
  }
  return out;
}

/** Why no candidate exists for a "no" answer, by its reason. */
function whyNone(r: PairReach): string {
  switch (r.code) {
    case "refused-overlap":
      return "the address spaces overlap, so Azure refuses a peering between them, and no other link between them passes the rules; one network needs a non-overlapping address space";
    case "overlap":
      return "the site's prefixes overlap the network's and no free block was found to translate them with NAT";
    case "site-without-prefixes":
      return "the site lists no address space and has no BGP settings: its on-premises prefixes are not in the configuration; list them in its address_space";
    default:
      return "no peering, VNet-to-VNet or site-to-site connection, gateway transit or NAT rule was found that joins them";
  }
}

/**
 * Searches a re-checked change that makes the intent hold. `r` is the intent's answer on the model as
 * it is; `checker` re-checks the candidates.
 */
export function explainIntent(
  model: NetworkModel,
  intent: IntentM,
  from: ReachEntity,
  to: ReachEntity,
  r: PairReach,
  checker: FixChecker,
): IntentExplanation {
  const look = new Lookup(model);
  const candidates =
    intent.kind === "mustReach" ? reachCandidates(model, look, from, to, r) : cutCandidates(look, r);
  const refused: { fix: SuggestedFix; why: string }[] = [];
  const seen = new Set<string>();
  for (const fix of candidates) {
    if (seen.has(fix.text)) continue;
    seen.add(fix.text);
    if (refused.length >= MAX_CANDIDATES) break;
    const why = checker.why(intent, fix);
    if (why === undefined) return { fix, refused };
    refused.push({ fix, why });
  }
  const because =
    refused.length > 0
      ? refused
          .slice(0, 3)
          .map((x) => `${x.fix.text}: ${x.why}`)
          .join("; ")
      : intent.kind === "mustReach"
        ? whyNone(r)
        : "no link of the path could be found in the configuration to cut";
  return { noFix: `no single change does it, because ${because}`, refused };
}
