import { IntentEndpointM, IntentM, NetworkModel } from "../../model";
import { Outcome, Rule, RuleContext } from "../../rule";
import { PairReach, ReachabilityAnalysis, analyzeReachability } from "../../reachability/analysis";
import { capital, closest, describePath, describeStep, entityText } from "../../reachability/describe";

/**
 * `Reachability.Intent`: every intent declared with `ReachabilityIntents` holds. "Must reach" fails
 * when the analysis finds the two ends cannot exchange traffic (a missing or one-sided peering, access
 * disabled, a non-transitive hop, gateway transit not enabled, a VNet-to-VNet link with one direction),
 * and the finding gives the smallest change that would satisfy it. "Must not reach" fails when they
 * can, naming the path and the link to cut.
 *
 * An intent that cannot be checked is never passed in silence: an end that is not a network or site of
 * the app (a typo in an id, a construct of another app) is an error naming the closest networks and
 * sites; an answer that depends on values unknown at synth or on behaviour Azure does not document is
 * a warning on every synth, and an error in strict mode.
 *
 * The routing facts and their sources are in `policies/reachability/analysis.ts`.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-peering-gateway-transit
 */
export const ReachabilityIntent: Rule = {
  id: "Reachability.Intent",
  severity: "error",
  description:
    "A reachability intent declared in code (ReachabilityIntents.mustReach / mustNotReach) does not hold, names a network or site that is not in the app (error), or cannot be decided before apply (warning; error in strict mode).",
  source: "https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview",
  check: (model: NetworkModel, context?: RuleContext) => {
    const out = new Outcome();
    if (model.intents.length === 0) return out;
    const analysis = analyzeReachability(model);
    for (const intent of model.intents) checkIntent(analysis, intent, out, context?.strict === true);
    return out;
  },
};

function intentText(i: IntentM): string {
  const verb = i.kind === "mustReach" ? "must reach" : "must not reach";
  return `${i.from.text} ${verb} ${i.to.text}${i.reason ? ` (${i.reason})` : ""}`;
}

/** The name an end is given in messages, without its kind (`network hub` -> `hub`). */
function bareName(e: IntentEndpointM): string {
  return e.text.replace(/^(network|site) /, "");
}

function notFound(
  analysis: ReachabilityAnalysis,
  intent: IntentM,
  missing: IntentEndpointM,
  out: Outcome,
): void {
  const where = missing.path ?? missing.id ?? missing.address ?? "";
  const near = closest(bareName(missing), analysis.entities, (e) => e.name).map(
    (e) => `${entityText(e.id)} (${e.path})`,
  );
  out.find({
    path: intent.path,
    severity: "error",
    message: `intent "${intentText(intent)}" cannot be checked: ${missing.text} (${where}) is not a network or site of the app${near.length > 0 ? `; the closest are ${near.join(", ")}` : ""}.`,
    fix:
      near.length > 0
        ? `Name one of the app's networks or sites (closest: ${near.join(", ")}), or add ${missing.text} to the app.`
        : `Add ${missing.text} to the app, or remove the intent.`,
    values: { endpoint: missing.text, where, status: "not-found" },
  });
}

function checkIntent(analysis: ReachabilityAnalysis, intent: IntentM, out: Outcome, strict: boolean): void {
  const from = analysis.resolveEndpoint(intent.from);
  const to = analysis.resolveEndpoint(intent.to);
  if (!from || !to) {
    notFound(analysis, intent, !from ? intent.from : intent.to, out);
    return;
  }
  const r = analysis.pair(from.id, to.id);
  const values = { from: from.id, to: to.id, status: r.status, ...(r.code ? { code: r.code } : {}) };
  if (r.status === "unknown") {
    out.find({
      path: intent.path,
      severity: strict ? "error" : "warning",
      message: `intent "${intentText(intent)}" cannot be decided before apply: ${r.reason}${strict ? " (strict: an intent that cannot be decided fails)" : ""}.`,
      fix: "Make the value above known at synth (a literal instead of a variable or data source, BGP on every hop), or check the intent after apply and suppress this finding with the reason.",
      values,
    });
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
