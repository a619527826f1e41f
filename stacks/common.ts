import * as path from "path";
import { Construct } from "constructs";
import { AzurermBackend, LocalBackend, TerraformStack } from "cdktf";
import { AllocationRecord } from "../index";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";

/**
 * State backend for the reference stacks, chosen by environment variables:
 * - default: local state in `terraform.<stack>.tfstate` next to the synthesized stack;
 * - `CAC_BACKEND=azurerm`: state in Azure Storage (shared, locked with blob leases), configured by
 *   `CAC_STATE_RESOURCE_GROUP`, `CAC_STATE_STORAGE_ACCOUNT`, `CAC_STATE_CONTAINER` (default `tfstate`)
 *   and optionally `CAC_STATE_KEY_PREFIX` (default `cdktf-azure-connectivity`); each stack gets its own
 *   key `<prefix>/<stack>.tfstate`.
 */
export function configureBackend(stack: TerraformStack, env: NodeJS.ProcessEnv = process.env): void {
  const kind = (env.CAC_BACKEND ?? "local").toLowerCase();
  const name = stack.node.id;
  if (kind === "local") {
    new LocalBackend(stack, { path: `terraform.${name}.tfstate` });
    return;
  }
  if (kind !== "azurerm") {
    throw new Error(`CAC_BACKEND='${env.CAC_BACKEND}' is not supported; use 'local' (default) or 'azurerm'`);
  }
  const missing = ["CAC_STATE_RESOURCE_GROUP", "CAC_STATE_STORAGE_ACCOUNT"].filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new Error(
      `CAC_BACKEND=azurerm needs ${missing.join(" and ")} (the storage account that holds the state)`,
    );
  }
  new AzurermBackend(stack, {
    resourceGroupName: env.CAC_STATE_RESOURCE_GROUP!,
    storageAccountName: env.CAC_STATE_STORAGE_ACCOUNT!,
    containerName: env.CAC_STATE_CONTAINER ?? "tfstate",
    key: `${env.CAC_STATE_KEY_PREFIX ?? "cdktf-azure-connectivity"}/${name}.tfstate`,
  });
}

/** The default azurerm provider of a reference stack (subscription from ARM_SUBSCRIPTION_ID at plan). */
export function defaultProvider(scope: Construct): AzurermProvider {
  return new AzurermProvider(scope, "azurerm", { features: [{}] });
}

/** A resource group for a reference topology. */
export function resourceGroup(
  scope: Construct,
  id: string,
  name: string,
  location: string,
  provider?: AzurermProvider,
) {
  return new ResourceGroup(scope, id, { name, location, provider });
}

/**
 * The address record of the reference topologies (`stacks/network-addresses.json`, committed): every
 * network and subnet an `AddressPool` of the reference stacks allocated. Frozen in CI (`CI` set) and in
 * the tests (`JEST_WORKER_ID` set), where a network missing from it is an error instead of a new entry:
 * a test never writes the committed file, nor passes on addresses nobody recorded. `npm run synth`
 * records new networks.
 */
export function referenceAddressRecord(env: NodeJS.ProcessEnv = process.env): AllocationRecord {
  return AllocationRecord.fromFile(path.join(__dirname, "network-addresses.json"), {
    frozen: env.CI !== undefined || env.JEST_WORKER_ID !== undefined,
  });
}
