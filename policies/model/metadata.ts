/**
 * Model builder, metadata section: what the package recorded under `"//"` (core/metadata.ts): declared
 * existing networks, sites that stand for gateways, suppressions, reachability intents. What does not
 * match the schema is kept in `unread`, so the report says it was not used.
 */
import { readResourceMetadata, readStackMetadata } from "../../core/metadata";
import { Block, ModuleDocument } from "../input/terraform-json";
import { BuildContext, lower } from "./context";
import { IntentGroupsM, IntentM, SuppressionM } from "./types";

/** Reads a block's metadata; returns the gateway expression it stands for, if recorded. */
export function readBlockMetadata(ctx: BuildContext, b: Block): string | undefined {
  const read = readResourceMetadata(b.body, b.path);
  // Asked for every block: indexed loops (a for-of step allocates in code not optimized yet).
  for (let i = 0; i < read.problems.length; i++) ctx.unread.push({ path: b.path, what: read.problems[i] });
  const declared = read.value.existingNetworks;
  if (declared)
    for (let i = 0; i < declared.length; i++) ctx.declared.set(lower(declared[i].id), declared[i]);
  return read.value.representsGateway;
}

/** Reads a stack document's suppressions and intents (over pairs and over groups). */
export function readDocumentMetadata(
  ctx: BuildContext,
  sd: ModuleDocument,
  suppressions: SuppressionM[],
  intents: IntentM[],
  intentGroups: IntentGroupsM[],
): void {
  const read = readStackMetadata(sd.doc, sd.stack || "(document)");
  for (const p of read.problems) ctx.unread.push({ path: sd.stack || "(document)", what: p });
  suppressions.push(...(read.value.suppressions ?? []));
  intents.push(...(read.value.intents ?? []));
  intentGroups.push(...(read.value.intentGroups ?? []));
}
