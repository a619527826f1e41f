import { ConnectionM, IPSEC_ALGORITHM_FIELDS, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectivityGraph } from "../../graph";
import { connectionLabel, gatewayLabel } from "../link-helpers";

/**
 * `Connection.Vnet2VnetPair`: a VNet-to-VNet link is two `Vnet2Vnet` connections, one from each
 * gateway to the other, with the same shared key and the same IPsec/IKE policy.
 * - The reverse connection is missing (warning): the tunnel is not established until the connection
 *   from the other gateway exists ("From the VNet2GW, add a VNet-to-VNet connection to VNet1GW").
 * - The shared keys are known and differ, or a direction has none (error): "By default, Azure
 *   generates different preshared keys" per connection, and the two keys must match.
 * - The custom IPsec/IKE algorithms differ, or only one direction has a custom policy (error): "Make
 *   sure the IPsec policies for both connections are the same, otherwise the VNet-to-VNet connection
 *   will not establish." SA lifetimes are local settings and may differ.
 * Keys are compared by fingerprint or by the expression they come from, never printed.
 *
 * Catalogue: V2V-BOTH-DIRECTIONS, V2V-KEY-MATCH, V2V-POLICY-MATCH.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vnet-vnet-rm-ps
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-vnet-vnet-resource-manager-portal
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export const ConnectionVnet2VnetPair: Rule = {
  id: "Connection.Vnet2VnetPair",
  severity: "warning",
  description:
    "A Vnet2Vnet connection has no reverse connection (warning), or the two directions have different shared keys or IPsec/IKE policies (error).",
  source: "https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-howto-vnet-vnet-resource-manager-portal",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    // The directions of each VNet-to-VNet link of the connectivity graph.
    const byDirection = new Map<string, ConnectionM[]>();
    for (const link of connectivityGraph(model).gatewayLinks) {
      const v2v = (list: ConnectionM[]) => list.filter((c) => c.type === "Vnet2Vnet");
      byDirection.set(`${link.g.key}\u0000${link.h.key}`, v2v(link.gh));
      byDirection.set(`${link.h.key}\u0000${link.g.key}`, v2v(link.hg));
    }
    // Connections with an end that cannot be resolved may be the reverse of another: index their known end.
    const towardsUnknown = new Set<string>();
    const fromUnknown = new Set<string>();
    let bothUnknown = false;
    for (const c of model.connections) {
      if (c.type !== "Vnet2Vnet") continue;
      if (!c.gateway && !c.peerGateway) bothUnknown = true;
      else if (!c.gateway) fromUnknown.add(c.peerGateway!.key);
      else if (!c.peerGateway) towardsUnknown.add(c.gateway.key);
    }
    const compared = new Set<string>();
    for (const c of model.connections) {
      if (c.type !== "Vnet2Vnet") continue;
      if (!c.gateway || !c.peerGateway) {
        const which = c.gateway
          ? `peer gateway (${c.peerExpr ?? "(not set)"})`
          : `gateway (${c.gatewayExpr})`;
        out.cannotVerify(
          c.path,
          `whether the VNet-to-VNet connection has a reverse connection: its ${which} cannot be resolved at synth`,
        );
        continue;
      }
      const reverse = byDirection.get(`${c.peerGateway.key}\u0000${c.gateway.key}`) ?? [];
      if (reverse.length === 0) {
        if (bothUnknown || towardsUnknown.has(c.peerGateway.key) || fromUnknown.has(c.gateway.key)) {
          out.cannotVerify(
            c.path,
            `whether the VNet-to-VNet connection has a reverse connection: a Vnet2Vnet connection whose gateways cannot be resolved at synth may be it`,
          );
          continue;
        }
        if (c.peerGateway.source?.mode !== "resource") {
          out.cannotVerify(
            c.path,
            `whether the VNet-to-VNet connection has a reverse connection: ${gatewayLabel(c.peerGateway)} is not created by this app`,
          );
          continue;
        }
        out.find({
          path: c.path,
          message: `${connectionLabel(c)} (Vnet2Vnet from ${gatewayLabel(c.gateway)} to ${gatewayLabel(c.peerGateway)}) has no connection back from ${gatewayLabel(c.peerGateway)}; the tunnel is not established until both directions exist.`,
          fix: `Add a Vnet2Vnet connection on ${gatewayLabel(c.peerGateway)} to ${gatewayLabel(c.gateway)} with the same shared key (VnetToVnetConnection creates both).`,
          values: { gateway: String(c.gateway.name), peerGateway: String(c.peerGateway.name) },
        });
        continue;
      }
      for (const r of reverse) {
        const pair = c.key < r.key ? `${c.key}\u0000${r.key}` : `${r.key}\u0000${c.key}`;
        if (compared.has(pair)) continue;
        compared.add(pair);
        const [first, second] = c.path <= r.path ? [c, r] : [r, c];
        compareKeys(model, first, second, out);
        comparePolicies(model, first, second, out);
      }
    }
    return out;
  },
};

type KeyIdentity =
  | { readonly kind: "absent" }
  | { readonly kind: "value"; readonly id: string }
  | { readonly kind: "expr"; readonly id: string; readonly text: string };

/** What a connection's shared key is, without keeping the key: a fingerprint, a block, or an expression. */
function keyIdentity(c: ConnectionM): KeyIdentity {
  const k = c.sharedKey;
  if (k.form === "absent" || k.identity === undefined) return { kind: "absent" };
  if (!k.identity.startsWith("expr:")) return { kind: "value", id: k.identity };
  return { kind: "expr", id: k.identity, text: safeExpression(k.expr ?? "") };
}

/** A key expression for messages: a plain reference as written, anything else (which may embed text) unnamed. */
function safeExpression(expr: string): string {
  return /^\$\{[\w.\-[\]]+\}$/.test(expr) ? expr : "a computed expression";
}

function compareKeys(_model: NetworkModel, a: ConnectionM, b: ConnectionM, out: Outcome): void {
  const ka = keyIdentity(a);
  const kb = keyIdentity(b);
  const pairText = `${connectionLabel(a)} and ${connectionLabel(b)} (the two directions of a VNet-to-VNet link)`;
  if (ka.kind === "absent" || kb.kind === "absent") {
    const missing = [
      ka.kind === "absent" ? connectionLabel(a) : "",
      kb.kind === "absent" ? connectionLabel(b) : "",
    ]
      .filter((s) => s !== "")
      .join(" and ");
    out.find({
      path: a.path,
      severity: "error",
      message: `${pairText} need the same shared key, but ${missing} set${missing.includes(" and ") ? "" : "s"} no shared_key; Azure generates a different key for each connection, so the tunnel does not come up.`,
      fix: "Give both connections the same explicit shared key (e.g. one SharedKey.generate for both directions).",
      values: { connection: a.path, reverseConnection: b.path },
    });
    return;
  }
  if (ka.id === kb.id) return;
  if (
    ka.kind === "value" &&
    kb.kind === "value" &&
    ka.id.startsWith("literal:") &&
    kb.id.startsWith("literal:")
  ) {
    out.find({
      path: a.path,
      severity: "error",
      message: `${pairText} have different shared keys (both literal; the keys are not shown); the tunnel does not come up unless both directions carry the same key.`,
      fix: "Give both connections the same shared key, from one source (SharedKey.generate or SharedKey.fromVariable), not as text.",
      values: { connection: a.path, reverseConnection: b.path },
    });
    return;
  }
  const describe = (k: KeyIdentity, c: ConnectionM) =>
    k.kind === "expr"
      ? k.text
      : c.sharedKey.form === "literal" || !c.sharedKey.expr
        ? "a literal key"
        : safeExpression(c.sharedKey.expr);
  out.cannotVerify(
    a.path,
    `whether ${pairText} carry the same shared key: ${describe(ka, a)} and ${describe(kb, b)} are not known at synth`,
  );
}

function comparePolicies(_model: NetworkModel, a: ConnectionM, b: ConnectionM, out: Outcome): void {
  if (!a.ipsecPolicy && !b.ipsecPolicy) return;
  if (!a.ipsecPolicy || !b.ipsecPolicy) {
    const [withPolicy, without] = a.ipsecPolicy ? [a, b] : [b, a];
    out.find({
      path: a.path,
      severity: "error",
      message: `${connectionLabel(withPolicy)} has a custom ipsec_policy but its reverse ${connectionLabel(without)} has none; both directions of a VNet-to-VNet link need the same IPsec/IKE policy or the connection is not established.`,
      fix: `Give ${connectionLabel(without)} the same ipsec_policy as ${connectionLabel(withPolicy)}, or remove it from both.`,
      values: { connection: withPolicy.path, reverseConnection: without.path },
    });
    return;
  }
  const differ: string[] = [];
  for (const { field: key, attribute: field } of IPSEC_ALGORITHM_FIELDS) {
    const va = a.ipsecPolicy?.[key];
    const vb = b.ipsecPolicy?.[key];
    if (isUnknown(va) || isUnknown(vb)) {
      out.cannotVerify(
        a.path,
        `whether ${connectionLabel(a)} and ${connectionLabel(b)} have the same ipsec_policy.${field}: ${isUnknown(va) ? va.unknown : (vb as { unknown: string }).unknown} is not known at synth`,
      );
      continue;
    }
    if (va !== vb) differ.push(`${field} ${va ?? "(not set)"} vs ${vb ?? "(not set)"}`);
  }
  if (differ.length === 0) return;
  out.find({
    path: a.path,
    severity: "error",
    message: `${connectionLabel(a)} and its reverse ${connectionLabel(b)} have different IPsec/IKE policies (${differ.join(", ")}); the VNet-to-VNet connection is not established unless both directions use the same policy.`,
    fix: "Use the same ipsec_policy algorithms on both connections of the VNet-to-VNet link.",
    values: { connection: a.path, reverseConnection: b.path, differences: differ.join(", ") },
  });
}
