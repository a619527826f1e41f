import { NetworkModel } from "../../model";
import { Outcome, Rule } from "../../rule";
import { connectionLabel } from "../link-helpers";

/**
 * `Secret.PlainSharedKey`: a connection's pre-shared key is written in the configuration. "If you add
 * secret values directly to your configuration, Terraform stores those secrets in its state and plan
 * files", and the synthesized JSON (and the code) land in version control. Take the key from a
 * sensitive variable, a Key Vault secret or `random_password` instead. The key is never shown.
 * Catalogue: none (Terraform's own guidance, not an Azure rejection).
 * @see https://developer.hashicorp.com/terraform/language/manage-sensitive-data
 */
export const SecretPlainSharedKey: Rule = {
  id: "Secret.PlainSharedKey",
  severity: "warning",
  description:
    "A connection's shared key is a literal in the configuration (it lands in the synthesized JSON, the plan, the state and git).",
  source: "https://developer.hashicorp.com/terraform/language/manage-sensitive-data",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const c of model.connections) {
      // A key behind a local value is still a literal of the configuration.
      const literal =
        c.sharedKey.form === "literal" || (c.sharedKey.form === "other" && c.sharedKey.literal !== undefined);
      if (!literal) continue;
      out.find({
        path: c.path,
        message: `${connectionLabel(c)} has a literal shared_key (not shown here); it lands in the synthesized Terraform, the plan, the state and version control.`,
        fix: "Take the key from SharedKey.fromVariable, SharedKey.fromKeyVault or SharedKey.generate instead of text, and rotate the exposed key.",
        values: { connection: c.path },
      });
    }
    return out;
  },
};
