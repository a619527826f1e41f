import { IntentEndpointM, IntentM, NetworkModel } from "../../model";
import { Outcome, Rule, RuleContext } from "../../rule";
import { ReachabilityAnalysis, analyzeReachability, intentText } from "../../reachability/analysis";
import { capital, closest, describePath, entityText } from "../../reachability/describe";
import { andList } from "../../../core/text";
import { FixChecker, explainIntent } from "../../reachability/fixes";

/**
 * `Reachability.Intent`: every intent declared with `ReachabilityIntents` holds. "Must reach" fails
 * when the analysis finds the two ends cannot exchange traffic (a missing or one-sided peering, access
 * disabled, a non-transitive hop, gateway transit not enabled, a VNet-to-VNet link with one direction),
 * and "must not reach" fails when they can, naming the path. Either finding offers a change that makes
 * the intent hold only once it has been applied to a copy of the model and re-checked: the intent holds,
 * no other intent breaks, no rule of the evaluation reports a new error (see
 * `policies/reachability/fixes.ts`); otherwise it says that no single change does it, and why.
 *
 * An intent over groups apart (`ReachabilityIntents.groupsApart`) is every pair of members of different
 * groups as a "must not reach" intent: each pair that does not hold is reported as such an intent would
 * be, at the path of the scope that declared the groups, and each member not in the app is an error.
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
    "A reachability intent declared in code (ReachabilityIntents.mustReach / mustNotReach / groupsApart) does not hold, names a network or site that is not in the app (error), or cannot be decided before apply (warning; error in strict mode).",
  source: "https://learn.microsoft.com/azure/virtual-network/virtual-network-peering-overview",
  check: (model: NetworkModel, context?: RuleContext) => {
    const out = new Outcome();
    if (model.intents.length === 0 && model.intentGroups.length === 0) return out;
    const analysis = analyzeReachability(model);
    // Suggested changes are re-checked against the rules of this evaluation (this rule alone when
    // called on its own).
    const checker = new FixChecker(model, context?.rules ?? []);
    const strict = context?.strict === true;
    for (const intent of model.intents) checkIntent(model, analysis, intent, out, strict, checker);
    // An intent over groups: each member not in the app, and each pair that does not hold, is reported
    // as a pair intent would be (the pairs that hold are only counted, by the analysis).
    for (const g of analysis.intentGroups) {
      for (const missing of g.notFound) notFound(analysis, g.text, "groupsApart", g.path, missing, out);
      for (const x of g.inSeveralGroups) {
        const what = entityText(x.id);
        out.find({
          path: g.path,
          severity: "error",
          message: `intent "${g.text}" cannot hold: ${what} is a member of groups ${andList(x.groups)} (two of its ends name the same ${x.id.startsWith("site:") ? "site" : "network"}), and a network or site reaches itself.`,
          fix: `Put ${what} in one group only.`,
          values: {
            kind: "groupsApart",
            intent: g.text,
            endpoint: what,
            groups: x.groups.join(", "),
            status: "several-groups",
          },
        });
      }
      for (const p of g.notHolding) checkIntent(model, analysis, p.intent, out, strict, checker);
    }
    return out;
  },
};

/** The name an end is given in messages, without its kind (`network hub` -> `hub`). */
function bareName(e: IntentEndpointM): string {
  return e.text.replace(/^(network|site) /, "");
}

function notFound(
  analysis: ReachabilityAnalysis,
  text: string,
  kind: IntentM["kind"] | "groupsApart",
  path: string,
  missing: IntentEndpointM,
  out: Outcome,
): void {
  const where = missing.path ?? missing.id ?? missing.address ?? "";
  const near = closest(bareName(missing), analysis.entities, (e) => e.name).map(
    (e) => `${entityText(e.id)} (${e.path})`,
  );
  out.find({
    path,
    severity: "error",
    message: `intent "${text}" cannot be checked: ${missing.text} (${where}) is not a network or site of the app${near.length > 0 ? `; the closest are ${near.join(", ")}` : ""}.`,
    fix:
      near.length > 0
        ? `Name one of the app's networks or sites (closest: ${near.join(", ")}), or add ${missing.text} to the app.`
        : `Add ${missing.text} to the app, or remove the intent.`,
    values: {
      kind,
      intent: text,
      endpoint: missing.text,
      where,
      status: "not-found",
    },
  });
}

function checkIntent(
  model: NetworkModel,
  analysis: ReachabilityAnalysis,
  intent: IntentM,
  out: Outcome,
  strict: boolean,
  checker: FixChecker,
): void {
  const from = analysis.resolveEndpoint(intent.from);
  const to = analysis.resolveEndpoint(intent.to);
  if (!from || !to) {
    notFound(analysis, intentText(intent), intent.kind, intent.path, !from ? intent.from : intent.to, out);
    return;
  }
  const r = analysis.pair(from.id, to.id);
  const holds = intent.kind === "mustReach" ? r.status === "yes" : r.status === "no";
  if (holds) return;
  const e = explainIntent(model, intent, from, to, r, checker);
  const values = {
    kind: intent.kind,
    intent: intentText(intent),
    from: from.id,
    to: to.id,
    status: r.status,
    ...(r.code ? { code: r.code } : {}),
    ...(r.rule ? { rule: r.rule } : {}),
    fixChecked: e.fix ? "yes" : "no",
  };
  const fixText = e.fix ? `${capital(e.fix.text)}.` : `${capital(e.noFix!)}.`;
  if (r.status === "unknown") {
    out.find({
      path: intent.path,
      severity: strict ? "error" : "warning",
      message: `intent "${intentText(intent)}" cannot be decided before apply: ${r.reason}${strict ? " (strict: an intent that cannot be decided fails)" : ""}.`,
      fix: e.fix
        ? fixText
        : "Make the value above known at synth (a literal instead of a variable or data source, BGP on every hop), or check the intent after apply and suppress this finding with the reason.",
      values,
    });
  } else if (intent.kind === "mustReach") {
    out.find({
      path: intent.path,
      message: `${intentText(intent)}, but they cannot exchange traffic: ${r.reason}.`,
      fix: fixText,
      values,
    });
  } else {
    out.find({
      path: intent.path,
      message: `${intentText(intent)}, but they can exchange traffic: ${describePath(r)}.`,
      fix: fixText,
      values,
    });
  }
}
