import { TerraformElement } from "../../core/framework";
import { IVnet } from "../vnet";
import { HINT_KEY } from "../../policies/model";

/*
 * The constructs record, under the Terraform JSON comment property (`"//"`), facts that Terraform
 * does not carry but the policy engine needs: the address spaces the user declared for an existing
 * network known only by id. Terraform ignores `"//"`; the engine reads it from the same JSON whether
 * it comes from the aspect or from `checkTerraform`.
 */

/** A declared existing network as recorded in the JSON comment. */
export interface ExistingNetworkHint {
  readonly id: string;
  readonly addressSpace?: string[];
  readonly location?: string;
}

const recorded = new WeakMap<TerraformElement, ExistingNetworkHint[]>();

/** Records, on the resource that references it, what the user declared about an existing network. */
export function recordExistingNetwork(element: TerraformElement, vnet: IVnet): void {
  if (!vnet.isExisting) return;
  const list = recorded.get(element) ?? [];
  list.push({
    id: vnet.vnetId,
    addressSpace: vnet.addressSpace ? [...vnet.addressSpace] : undefined,
    location: vnet.location,
  });
  recorded.set(element, list);
  element.addOverride(`//.${HINT_KEY}.existingNetworks`, list);
}

/**
 * Records, on a local network gateway that stands for an Azure VPN gateway (VNet-to-VNet over IPsec), the
 * gateway it represents, so the engine can follow the site to the network behind it.
 */
export function recordRepresentedGateway(element: TerraformElement, gatewayId: string): void {
  element.addOverride(`//.${HINT_KEY}.representsGateway`, gatewayId);
}
