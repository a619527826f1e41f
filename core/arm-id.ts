/** Parsing of Azure Resource Manager resource ids, shared by the constructs and the network model. */

/** The parts of an ARM id of a network resource. */
export interface ArmId {
  readonly subscriptionId: string;
  readonly resourceGroupName: string;
  /** Resource type under Microsoft.Network, e.g. `virtualNetworks`. */
  readonly type: string;
  readonly name: string;
  /** Child type and name, e.g. `subnets` / `GatewaySubnet`, when the id is a child resource's. */
  readonly childType?: string;
  readonly childName?: string;
}

const ARM_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/([^/]+)\/([^/]+)(?:\/([^/]+)\/([^/]+))?\/?$/i;

/** Parses an ARM id of a Microsoft.Network resource, or returns undefined. Case-insensitive, as ARM is. */
export function parseArmId(id: string): ArmId | undefined {
  if (typeof id !== "string") return undefined;
  const m = ARM_ID.exec(id);
  if (!m) return undefined;
  return {
    subscriptionId: m[1],
    resourceGroupName: m[2],
    type: m[3],
    name: m[4],
    childType: m[5],
    childName: m[6],
  };
}

/** The id of a virtual network. */
export function vnetArmId(subscriptionId: string, resourceGroupName: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/virtualNetworks/${name}`;
}
