/**
 * Facts of a VPN connection's pre-shared key.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */

/**
 * Length of a pre-shared key in characters: 1 to 128.
 * @see https://learn.microsoft.com/cli/azure/network/vpn-connection/shared-key
 */
export const SHARED_KEY_LENGTH = { min: 1, max: 128 } as const;

/**
 * The lowest and highest character Azure accepts in a pre-shared key: printable ASCII without space and
 * tilde ("The key must contain only printable ASCII characters, except space, hyphen (-), or tilde (~)").
 * Hyphens are accepted: the FAQ excludes them, but Azure accepts them in practice (the provider's
 * acceptance tests use one), so at most a warning.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
const FIRST_ACCEPTED = "!";
const LAST_ACCEPTED = "}";

/**
 * Special characters for a generated key: printable ASCII without space, hyphen and tilde, which the VPN
 * FAQ excludes from pre-shared keys, and without quotes and backslash, which VPN device configurations
 * often mangle.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const GENERATED_KEY_SPECIALS = "!#$%&*()_=+[]{}<>:?";

/** Why Azure refuses a pre-shared key. The character itself is never kept: no part of a key may reach a log. */
export type SharedKeyViolation =
  | { readonly kind: "length"; readonly length: number; readonly min: number; readonly max: number }
  | { readonly kind: "character"; readonly position: number };

/** Whether a key length is outside what Azure accepts. */
export function sharedKeyLengthViolation(length: number): SharedKeyViolation | undefined {
  if (Number.isInteger(length) && length >= SHARED_KEY_LENGTH.min && length <= SHARED_KEY_LENGTH.max)
    return undefined;
  return { kind: "length", length, min: SHARED_KEY_LENGTH.min, max: SHARED_KEY_LENGTH.max };
}

/** Whether Azure refuses this character in a pre-shared key: a space, `~`, or a non-printable or non-ASCII character. */
export function sharedKeyCharacterRefused(c: string): boolean {
  return c < FIRST_ACCEPTED || c > LAST_ACCEPTED;
}

/**
 * Characters the VPN FAQ excludes from pre-shared keys but Azure accepts in practice: the hyphen (the
 * provider's acceptance tests use one). At most a warning (azure-rules.md, 2026-12).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export const SHARED_KEY_DISCOURAGED_CHARACTERS = "-";

/** Whether this character of a pre-shared key goes against the VPN FAQ although Azure accepts it. */
export function sharedKeyCharacterDiscouraged(c: string): boolean {
  return SHARED_KEY_DISCOURAGED_CHARACTERS.includes(c);
}

/** Whether Azure refuses this pre-shared key: its length, or a character (space, `~`, non-printable). */
export function sharedKeyViolation(key: string): SharedKeyViolation | undefined {
  const length = sharedKeyLengthViolation(key.length);
  if (length) return length;
  const bad = [...key].findIndex(sharedKeyCharacterRefused);
  return bad >= 0 ? { kind: "character", position: bad + 1 } : undefined;
}

/**
 * The special characters `random_password` (and `random_string`) use when `special` is true and no
 * `override_special` is given: "Include special characters in the result. These are
 * `!@#$%&*()-_=+[]{}<>:?`. Default value is `true`." (a hyphen among them).
 * @see https://registry.terraform.io/providers/hashicorp/random/latest/docs/resources/password#special
 */
export const RANDOM_PASSWORD_DEFAULT_SPECIALS = "!@#$%&*()-_=+[]{}<>:?";

/** The special characters a generated key may contain: none without `special`, else the override or the default set. */
export function generatedKeySpecials(special: boolean, overrideSpecial: string | undefined): string {
  if (!special) return "";
  return overrideSpecial ?? RANDOM_PASSWORD_DEFAULT_SPECIALS;
}
