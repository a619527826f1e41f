import { TerraformElement, isUnresolved } from "../../core/framework";
import { ExistingGatewayMeta, ExistingNetworkMeta, writeResourceMetadata } from "../../core/metadata";
import { IVnet } from "../vnet";
import type { IVpnGateway } from "../vpn-gateway";
import { whenGateway } from "./gateways";

/*
 * Facts that Terraform does not carry but the policy engine needs, recorded with core/metadata's
 * writer on the resources that refer to them.
 */

const recorded = new WeakMap<TerraformElement, ExistingNetworkMeta[]>();

/**
 * Records, on the resource that references it, what the user declared about an existing network, and
 * its gateway once one is declared for it (`VpnGateway.fromAttributes` with `vnet`, before or after).
 */
export function recordExistingNetwork(element: TerraformElement, vnet: IVnet): void {
  if (!vnet.isExisting) return;
  const list = recorded.get(element) ?? [];
  if (list.some((n) => n.id === vnet.vnetId)) return;
  const index = list.length;
  list.push({
    id: vnet.vnetId,
    addressSpace: vnet.addressSpace ? [...vnet.addressSpace] : undefined,
    location: vnet.location,
  });
  recorded.set(element, list);
  writeResourceMetadata(element, "existingNetworks", list);
  whenGateway(vnet, (gateway) => {
    if (!gateway.isExisting) return;
    list[index] = { ...list[index], gateway: gatewayFacts(gateway) };
    writeResourceMetadata(element, "existingNetworks", list);
  });
}

/** The literal facts of an existing gateway, for the engine. */
function gatewayFacts(g: IVpnGateway): ExistingGatewayMeta {
  const literal = <T>(v: T | undefined): T | undefined =>
    v === undefined || isUnresolved(v) ? undefined : v;
  return {
    id: g.gatewayId,
    sku: literal(g.sku),
    generation: literal(g.generation),
    vpnType: literal(g.vpnType),
    activeActive: literal(g.activeActive),
    bgpAsn: literal(g.bgpAsn),
  };
}

/**
 * Records, on a local network gateway that stands for an Azure VPN gateway (VNet-to-VNet over IPsec), the
 * gateway it represents, so the engine can follow the site to the network behind it.
 */
export function recordRepresentedGateway(element: TerraformElement, gatewayId: string): void {
  writeResourceMetadata(element, "representsGateway", gatewayId);
}

/**
 * Records, on a resource created on an existing gateway (a connection, a NAT rule), the gateway's
 * existing network with what is known of both, so the engine can place the gateway.
 */
export function recordExistingGateway(element: TerraformElement, gateway: IVpnGateway): void {
  if (gateway.isExisting && gateway.vnet) recordExistingNetwork(element, gateway.vnet);
}
