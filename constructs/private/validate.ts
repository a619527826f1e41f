import { IConstruct } from "constructs";
import { ConnectivityValidationError } from "../../core/errors";
import { Prefix, describeProblem, tryParsePrefix } from "../../core/cidr";
import { RFC1918_RANGES, reservedOverlaps } from "../../core/azure/address";
import { orList } from "../../core/text";
import { isUnresolved } from "../../core/framework";
import { ArmId, parseArmId } from "../../core/arm-id";

export { isUnresolved };

/**
 * Parses a CIDR prop, throwing a {@link ConnectivityValidationError} that names the prop and the value.
 * Returns undefined for unresolved tokens: they are never guessed.
 */
export function parseCidrProp(scope: IConstruct, prop: string, text: string): Prefix | undefined {
  if (isUnresolved(text)) return undefined;
  const result = tryParsePrefix(text);
  if (!result.ok) {
    throw new ConnectivityValidationError(scope, `\`${prop}\`: ${describeProblem(text, result.problem)}`);
  }
  return result.prefix;
}

/** Like {@link parseCidrProp}, and also refuses the ranges Azure reserves in a virtual network. */
export function parseVnetCidrProp(scope: IConstruct, prop: string, text: string): Prefix | undefined {
  const prefix = parseCidrProp(scope, prop, text);
  if (prefix) {
    const reserved = reservedOverlaps(prefix);
    if (reserved.length > 0) {
      const r = reserved[0];
      throw new ConnectivityValidationError(
        scope,
        `\`${prop}\`: '${text}' overlaps ${r.prefix.text} (${r.why}), which Azure does not allow in a virtual network; ` +
          `use a private range such as ${orList(RFC1918_RANGES)}`,
      );
    }
  }
  return prefix;
}

/** Throws unless the value is a non-empty string (or a token). */
export function requireNonEmpty(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined || (!isUnresolved(value) && value.trim() === "")) {
    throw new ConnectivityValidationError(scope, `\`${prop}\` is required and must not be empty`);
  }
}

/**
 * Parses the ARM id of a Microsoft.Network resource of `type` (e.g. `virtualNetworks`, compared
 * case-insensitively, as ARM does); throws a {@link ConnectivityValidationError} naming the prop when a
 * literal id is of another shape. Returns undefined for unresolved tokens.
 */
export function parseArmIdProp(
  scope: IConstruct,
  prop: string,
  id: string,
  type: string,
  what: string,
): ArmId | undefined {
  if (isUnresolved(id)) return undefined;
  const parsed = parseArmId(id);
  if (!parsed || parsed.type.toLowerCase() !== type.toLowerCase() || parsed.childType !== undefined) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${id}' is not a ${what} id; expected ` +
        `'/subscriptions/<subscription>/resourceGroups/<group>/providers/Microsoft.Network/${type}/<name>'`,
    );
  }
  return parsed;
}

/**
 * The literal ARM id of an existing resource (`fromId`, `fromAttributes`): its name and resource group
 * are read from it, so a token is refused.
 */
export function parseExistingId(
  scope: IConstruct,
  prop: string,
  id: string,
  type: string,
  what: string,
): ArmId {
  requireNonEmpty(scope, prop, id);
  const parsed = parseArmIdProp(scope, prop, id, type, what);
  if (!parsed) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\` must be a literal resource id: the name and resource group of the existing ${what} are read from it`,
    );
  }
  return parsed;
}
