import { IntentM, NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
import { PairReach, ReachabilityAnalysis, analyzeReachability } from "../../reachability/analysis";
import { capital, describePath, describeStep } from "../../reachability/describe";

/**
 * `Reachability.Intent`: every intent declared with `ReachabilityIntents` holds. "Must reach" fails
 * when the analysis finds the two ends cannot exchange traffic (a missing or one-sided peering, access
 * disabled, a non-transitive hop, gateway transit not enabled, a VNet-to-VNet link with one direction),
 * and the finding gives the smallest change that would satisfy it. "Must not reach" fails when they
 * can, naming the path and the link to cut. An answer that depends on values unknown at synth or on
 * behaviour Azure does not document is reported as not verifiable, never guessed.
 *
 * The routing facts and their sources are in `policies/reachability/analysis.ts`.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-peering-gateway-transit
 */
export const ReachabilityIntent: Rule = {
  id: "Reachability.Intent",
  severity: "error",
  description:
    "A reachability intent declared in code (ReachabilityIntents.mustReach / mustNotReach) does not hold: the networks or sites cannot (or can) exchange traffic.",
  source: "https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    if (model.intents.length === 0) return out;
    const analysis = analyzeReachability(model);
    for (const intent of model.intents) checkIntent(analysis, intent, out);
    return out;
  },
};

function intentText(i: IntentM): string {
  const verb = i.kind === "mustReach" ? "must reach" : "must not reach";
  return `${i.from.text} ${verb} ${i.to.text}${i.reason ? ` (${i.reason})` : ""}`;
}

function checkIntent(analysis: ReachabilityAnalysis, intent: IntentM, out: Outcome): void {
  const from = analysis.resolveEndpoint(intent.from);
  const to = analysis.resolveEndpoint(intent.to);
  if (!from || !to) {
    const missing = !from ? intent.from : intent.to;
    out.cannotVerify(
      intent.path,
      `intent "${intentText(intent)}": ${missing.text} (${missing.path ?? missing.id}) is not a network or site of the app`,
    );
    return;
  }
  const r = analysis.pair(from.id, to.id);
  const values = { from: from.id, to: to.id, status: r.status, ...(r.code ? { code: r.code } : {}) };
  if (r.status === "unknown") {
    out.cannotVerify(intent.path, `intent "${intentText(intent)}": ${r.reason}`);
    return;
  }
  if (intent.kind === "mustReach" && r.status === "no") {
    out.find({
      path: intent.path,
      message: `${intentText(intent)}, but they cannot exchange traffic: ${r.reason}.`,
      fix: `${capital(r.fix ?? "connect them")}.`,
      values,
    });
  } else if (intent.kind === "mustNotReach" && r.status === "yes") {
    out.find({
      path: intent.path,
      message: `${intentText(intent)}, but they can exchange traffic: ${describePath(r)}.`,
      fix: `${capital(cutFix(r))}.`,
      values,
    });
  }
}

/** The link to cut: the first of the path (the one nearest the intent's first end). */
function cutFix(r: PairReach): string {
  const step = (r.path ?? [])[0];
  if (!step) return "remove the link between them";
  switch (step.link) {
    case "peering":
      return `remove the peering between them (${step.via.join(", ")}), or set allow_virtual_network_access = false on it`;
    case "gateway-transit":
      return `turn off use_remote_gateways on the peering of ${describeStep(step).split(" -> ")[0]} (${step.via.join(", ")}): it keeps the peering with the hub but stops using the hub's gateway`;
    case "vnet-to-vnet":
      return `remove the VNet-to-VNet connections ${step.via.join(", ")}`;
    case "site-to-site":
      return `remove the site-to-site connection ${step.via.join(", ")}`;
  }
}
