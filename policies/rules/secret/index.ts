import { Rule } from "../../rule";
import { SecretPlainSharedKey } from "./plain-shared-key";

export * from "./plain-shared-key";

/** The `Secret.*` rules: secrets in the configuration. */
export const SECRET_RULES: readonly Rule[] = [SecretPlainSharedKey];
