import { Rule } from "../../rule";
import { SecretPlainSharedKey } from "./plain-shared-key";
import { SecretSharedKeyFormat } from "./shared-key-format";

export * from "./plain-shared-key";
export * from "./shared-key-format";

/** The `Secret.*` rules: secrets in the configuration. */
export const SECRET_RULES: readonly Rule[] = [SecretPlainSharedKey, SecretSharedKeyFormat];
