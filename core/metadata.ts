/**
 * The metadata the package leaves in the Terraform JSON for the policy engine: one typed writer
 * (used by the constructs and the authoring module) and one typed reader (used by the model builder).
 *
 * Terraform ignores `"//"` properties (they are comments in its JSON syntax), so facts that Terraform
 * does not carry travel with the configuration: what the user declared about an existing network known
 * only by id, the gateway a local network gateway stands for, suppressions and reachability intents.
 * The engine reads them from the same JSON whether it comes from a synth or from `checkTerraform`.
 *
 * The reader never throws and never drops an entry in silence: what does not match the schema is
 * returned in `problems`, which the engine reports as not verifiable.
 *
 * @see https://developer.hashicorp.com/terraform/language/syntax/json#comment-properties
 */
import { andList } from "./text";

/** Key under `"//"` where the package records its metadata. */
export const METADATA_KEY = "cdktf-azure-connectivity";

/**
 * What the user declared about the VPN gateway of an existing network (`VpnGateway.fromAttributes` with
 * its `vnet`): the engine then knows the network has a gateway (gateway transit to it can be checked),
 * and what it is.
 */
export interface ExistingGatewayMeta {
  /** Resource id of the virtual network gateway. */
  readonly id: string;
  /** SKU, when declared. */
  readonly sku?: string;
  /** Generation, when declared. */
  readonly generation?: string;
  /** `RouteBased` or `PolicyBased`, when declared. */
  readonly vpnType?: string;
  /** Whether it is active-active, when declared. */
  readonly activeActive?: boolean;
  /** Its ASN, when declared (BGP is then enabled). */
  readonly bgpAsn?: number;
}

/** What the user declared about an existing network known only by its id. */
export interface ExistingNetworkMeta {
  /** Resource id of the virtual network. */
  readonly id: string;
  /** Address spaces the user declared. */
  readonly addressSpace?: readonly string[];
  /** Region the user declared. */
  readonly location?: string;
  /** Its VPN gateway, when the user declared one. */
  readonly gateway?: ExistingGatewayMeta;
}

/** Metadata on one resource block (`resource.<type>.<name>."//".<METADATA_KEY>`). */
export interface ResourceMetadata {
  /** Existing networks the resource refers to, with what the user declared about them. */
  readonly existingNetworks?: readonly ExistingNetworkMeta[];
  /** On a local network gateway: the expression of the id of the Azure VPN gateway it stands for. */
  readonly representsGateway?: string;
}

/** A suppression: findings of `ruleId` at `path` or under it are accepted, for `reason`. */
export interface SuppressionMeta {
  readonly path: string;
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * One end of a reachability intent: the construct path of a network or site (our construct, a raw
 * provider resource or a data source) with the Terraform address of its block, or a literal resource id.
 */
export interface IntentEndpointMeta {
  /** Construct path of the network or site construct (its resource is under it, or is it). */
  readonly path?: string;
  /** Terraform address of its block in its stack (`azurerm_virtual_network.x`, `data.azurerm_virtual_network.x`). */
  readonly address?: string;
  /** Construct path of the stack the block is in (with `address`). */
  readonly stack?: string;
  /** Literal resource id of a virtual network or local network gateway. */
  readonly id?: string;
  /** How the end is named in messages. */
  readonly text: string;
}

/** A reachability intent. */
export interface IntentMeta {
  readonly kind: "mustReach" | "mustNotReach";
  /** Construct path of the scope that declared the intent (findings are reported there). */
  readonly path: string;
  readonly from: IntentEndpointMeta;
  readonly to: IntentEndpointMeta;
  readonly reason?: string;
}

/** One group of an {@link IntentGroupsMeta}: its name and its networks and sites. */
export interface IntentGroupMeta {
  readonly name: string;
  readonly members: readonly IntentEndpointMeta[];
}

/**
 * A reachability intent over groups: no member of one group may reach a member of another (every pair
 * of members of different groups "must not reach"), recorded once with its members instead of once per
 * pair, so that its size grows with the members and not with the pairs.
 */
export interface IntentGroupsMeta {
  readonly kind: "groupsApart";
  /** Construct path of the scope that declared the intent (findings are reported there). */
  readonly path: string;
  readonly groups: readonly IntentGroupMeta[];
  readonly reason?: string;
}

/** Metadata of a whole stack document (`"//".<METADATA_KEY>` at the top level). */
export interface StackMetadata {
  readonly suppressions?: readonly SuppressionMeta[];
  readonly intents?: readonly (IntentMeta | IntentGroupsMeta)[];
}

/** What {@link readStackMetadata} returns: the intents over pairs and over groups apart. */
export interface StackMetadataRead {
  readonly suppressions?: readonly SuppressionMeta[];
  readonly intents?: readonly IntentMeta[];
  readonly intentGroups?: readonly IntentGroupsMeta[];
}

/** Shortest reason a suppression may give (characters, after trimming). */
export const MIN_SUPPRESSION_REASON = 10;

/** Anything with cdktf's `addOverride` (a resource, a stack). */
export interface Overridable {
  addOverride(path: string, value: unknown): void;
}

/** Writes one metadata entry on a resource block. */
export function writeResourceMetadata<K extends keyof ResourceMetadata>(
  element: Overridable,
  key: K,
  value: ResourceMetadata[K],
): void {
  element.addOverride(`//.${METADATA_KEY}.${key}`, value);
}

/** Writes one metadata entry on a stack document. */
export function writeStackMetadata<K extends keyof StackMetadata>(
  stack: Overridable,
  key: K,
  value: StackMetadata[K],
): void {
  stack.addOverride(`//.${METADATA_KEY}.${key}`, value);
}

/** Result of reading: what matched the schema, and what did not. */
export interface MetadataRead<T> {
  readonly value: T;
  /** One line per entry that did not match the schema and was not used. */
  readonly problems: readonly string[];
}

function own(o: unknown, key: string): unknown {
  return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, key)
    ? (o as Record<string, unknown>)[key]
    : undefined;
}

function section(holder: unknown): unknown {
  return own(own(holder, "//"), METADATA_KEY);
}

/**
 * The keys each reader knows, in the package's section of a stack document and of a resource body. A
 * stack's are lists: a module of several files adds each file's entries (policies/input/load.ts).
 */
export const STACK_KEYS = ["suppressions", "intents"] as const satisfies readonly (keyof StackMetadata)[];
const RESOURCE_KEYS = [
  "existingNetworks",
  "representsGateway",
] as const satisfies readonly (keyof ResourceMetadata)[];

/**
 * What a section holds that its reader does not read: a section that is not an object, and each key it
 * does not know (a misspelled `intent` would otherwise drop the intents it holds, and the check would
 * pass without them).
 */
function unreadParts(meta: unknown, known: readonly string[], where: string, what: string): string[] {
  if (meta === null || typeof meta !== "object" || Array.isArray(meta))
    return [
      `${where}: the package's metadata of ${what} is ${Array.isArray(meta) ? "a list" : meta === null ? "null" : `a ${typeof meta}`}, not an object, so it was not read`,
    ];
  const out: string[] = [];
  for (const key of Object.keys(meta)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => k.toLowerCase().replace(/s$/, "") === key.toLowerCase().replace(/s$/, ""));
    out.push(
      `${where}: the package's metadata of ${what} has ${JSON.stringify(key)}, which it does not know${near ? ` (did you mean "${near}"?)` : ` (it knows ${andList(known.map((k) => `"${k}"`))})`}, so what it holds was not read`,
    );
  }
  return out;
}

/**
 * The entries of a list of the metadata: an array as it is, an object keyed by index (how some JSON
 * writers render arrays) as its values, anything else as one entry (which the reader reports as
 * malformed).
 */
export function metadataEntries(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === "object") return Object.values(v as object);
  return [v];
}

function strings(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return undefined;
  return v as string[];
}

/** What a block without the package's metadata holds (most blocks: one answer, shared, never changed). */
const NOTHING: MetadataRead<ResourceMetadata> = Object.freeze({
  value: Object.freeze({}),
  problems: Object.freeze([]),
});

/** Reads the metadata of a resource block body. */
export function readResourceMetadata(body: unknown, where: string): MetadataRead<ResourceMetadata> {
  const meta = section(body);
  if (meta === undefined) return NOTHING;
  const problems = unreadParts(meta, RESOURCE_KEYS, where, "a resource");
  const existingNetworks: ExistingNetworkMeta[] = [];
  for (const n of metadataEntries(own(meta, "existingNetworks"))) {
    const id = own(n, "id");
    const addressSpace = own(n, "addressSpace");
    const location = own(n, "location");
    if (
      typeof id !== "string" ||
      (addressSpace !== undefined && strings(addressSpace) === undefined) ||
      (location !== undefined && typeof location !== "string")
    ) {
      problems.push(`${where}: an existing-network entry of the package's metadata is malformed`);
      continue;
    }
    const gateway = existingGateway(own(n, "gateway"));
    if (gateway === null) {
      problems.push(
        `${where}: the gateway of existing network ${id} in the package's metadata is malformed and was not used`,
      );
    }
    existingNetworks.push({
      id,
      ...(addressSpace !== undefined ? { addressSpace: strings(addressSpace) } : {}),
      ...(location !== undefined ? { location: location as string } : {}),
      ...(gateway ? { gateway } : {}),
    });
  }
  const represents = own(meta, "representsGateway");
  if (represents !== undefined && typeof represents !== "string") {
    problems.push(`${where}: the package's representsGateway metadata is not a string`);
  }
  return {
    value: {
      ...(existingNetworks.length > 0 ? { existingNetworks } : {}),
      ...(typeof represents === "string" ? { representsGateway: represents } : {}),
    },
    problems,
  };
}

/** An existing gateway entry: undefined when absent, null when malformed. */
function existingGateway(g: unknown): ExistingGatewayMeta | undefined | null {
  if (g === undefined) return undefined;
  const id = own(g, "id");
  if (typeof id !== "string") return null;
  const out: { -readonly [K in keyof ExistingGatewayMeta]: ExistingGatewayMeta[K] } = { id };
  for (const key of ["sku", "generation", "vpnType"] as const) {
    const v = own(g, key);
    if (v === undefined) continue;
    if (typeof v !== "string") return null;
    out[key] = v;
  }
  const activeActive = own(g, "activeActive");
  if (activeActive !== undefined) {
    if (typeof activeActive !== "boolean") return null;
    out.activeActive = activeActive;
  }
  const bgpAsn = own(g, "bgpAsn");
  if (bgpAsn !== undefined) {
    if (typeof bgpAsn !== "number") return null;
    out.bgpAsn = bgpAsn;
  }
  return out;
}

function endpoint(e: unknown): IntentEndpointMeta | undefined {
  const text = own(e, "text");
  const path = own(e, "path");
  const id = own(e, "id");
  const address = own(e, "address");
  const stack = own(e, "stack");
  if (typeof text !== "string") return undefined;
  if (
    (address !== undefined && typeof address !== "string") ||
    (stack !== undefined && typeof stack !== "string")
  )
    return undefined;
  const block = {
    ...(typeof address === "string" ? { address } : {}),
    ...(typeof stack === "string" ? { stack } : {}),
  };
  if (typeof path === "string") return { path, ...block, text };
  if (typeof address === "string") return { ...block, text };
  if (typeof id === "string") return { id, text };
  return undefined;
}

/** Reads the metadata of a stack document. */
export function readStackMetadata(doc: unknown, where: string): MetadataRead<StackMetadataRead> {
  const meta = section(doc);
  if (meta === undefined) return { value: {}, problems: [] };
  const problems = unreadParts(meta, STACK_KEYS, where, "a stack");
  const suppressions: SuppressionMeta[] = [];
  for (const s of metadataEntries(own(meta, "suppressions"))) {
    const path = own(s, "path");
    const ruleId = own(s, "ruleId");
    const reason = own(s, "reason");
    if (typeof path !== "string" || typeof ruleId !== "string" || typeof reason !== "string") {
      problems.push(`${where}: a suppression of the package's metadata is malformed and was not applied`);
      continue;
    }
    if (reason.trim().length < MIN_SUPPRESSION_REASON) {
      // Without a written reason a suppression does not count: the finding stays.
      problems.push(
        `${where}: the suppression of ${ruleId} at ${path} has no reason of at least ${MIN_SUPPRESSION_REASON} characters and was not applied`,
      );
      continue;
    }
    suppressions.push({ path, ruleId, reason });
  }
  const intents: IntentMeta[] = [];
  const intentGroups: IntentGroupsMeta[] = [];
  for (const x of metadataEntries(own(meta, "intents"))) {
    const kind = own(x, "kind");
    if (kind === "groupsApart") {
      const group = intentGroupsOf(x);
      if (group) intentGroups.push(group);
      else
        problems.push(
          `${where}: a reachability intent over groups of the package's metadata is malformed and was not checked`,
        );
      continue;
    }
    const path = own(x, "path");
    const from = endpoint(own(x, "from"));
    const to = endpoint(own(x, "to"));
    const reason = own(x, "reason");
    if ((kind !== "mustReach" && kind !== "mustNotReach") || typeof path !== "string" || !from || !to) {
      problems.push(
        `${where}: a reachability intent of the package's metadata is malformed and was not checked`,
      );
      continue;
    }
    intents.push({ kind, path, from, to, ...(typeof reason === "string" ? { reason } : {}) });
  }
  return {
    value: {
      ...(suppressions.length > 0 ? { suppressions } : {}),
      ...(intents.length > 0 ? { intents } : {}),
      ...(intentGroups.length > 0 ? { intentGroups } : {}),
    },
    problems,
  };
}

/** An intent over groups as recorded, or undefined when any part of it does not match the schema. */
function intentGroupsOf(x: unknown): IntentGroupsMeta | undefined {
  const path = own(x, "path");
  const reason = own(x, "reason");
  const rawGroups = own(x, "groups");
  if (typeof path !== "string" || !Array.isArray(rawGroups)) return undefined;
  if (reason !== undefined && typeof reason !== "string") return undefined;
  const groups: IntentGroupMeta[] = [];
  for (const g of rawGroups) {
    const name = own(g, "name");
    const rawMembers = own(g, "members");
    if (typeof name !== "string" || !Array.isArray(rawMembers)) return undefined;
    const members: IntentEndpointMeta[] = [];
    for (const m of rawMembers) {
      const e = endpoint(m);
      if (!e) return undefined;
      members.push(e);
    }
    groups.push({ name, members });
  }
  return { kind: "groupsApart", path, groups, ...(typeof reason === "string" ? { reason } : {}) };
}
