import { IConstruct } from "constructs";
import { ConnectivityValidationError } from "../../core/errors";
import { Prefix, describeProblem, tryParsePrefix } from "../../core/cidr";
import { RFC1918_RANGES, reservedOverlaps } from "../../core/azure/address";
import { orList } from "../../core/text";
import { isUnresolved } from "../../core/framework";

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
