import { TerraformElement } from "../../core/framework";
import { ExistingNetworkMeta, writeResourceMetadata } from "../../core/metadata";
import { IVnet } from "../vnet";

/*
 * Facts that Terraform does not carry but the policy engine needs, recorded with core/metadata's
 * writer on the resources that refer to them.
 */

const recorded = new WeakMap<TerraformElement, ExistingNetworkMeta[]>();

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
  writeResourceMetadata(element, "existingNetworks", list);
}

/**
 * Records, on a local network gateway that stands for an Azure VPN gateway (VNet-to-VNet over IPsec), the
 * gateway it represents, so the engine can follow the site to the network behind it.
 */
export function recordRepresentedGateway(element: TerraformElement, gatewayId: string): void {
  writeResourceMetadata(element, "representsGateway", gatewayId);
}
