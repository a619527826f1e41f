import { Testing, TerraformOutput, TerraformStack } from "cdktf";
import { Vnet, VpnGateway, VpnGatewayProps } from "../index";

/** A test stack. */
export function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "test");
}

/** A network `name` with address space `space` (e.g. 10.1.0.0/16) in `location`. */
export function vnet(stack: TerraformStack, id: string, space: string, location = "eastus"): Vnet {
  return new Vnet(stack, id, {
    name: `vnet-${id.toLowerCase()}`,
    resourceGroupName: `rg-${id.toLowerCase()}`,
    location,
    addressSpace: [space],
  });
}

/**
 * A network with a gateway; the GatewaySubnet is the /27 at `gatewaySubnet`.
 */
export function gateway(
  stack: TerraformStack,
  id: string,
  space: string,
  gatewaySubnet: string,
  props: Partial<VpnGatewayProps> = {},
): VpnGateway {
  const net = vnet(stack, `${id}Net`, space, props.location);
  return new VpnGateway(stack, id, {
    vnet: net,
    name: `vgw-${id.toLowerCase()}`,
    gatewaySubnetPrefix: gatewaySubnet,
    ...props,
  });
}

/** The resources of one type in the synthesized JSON, as a list. */
export function resources(stack: TerraformStack, type: string): Record<string, any>[] {
  return Object.values(JSON.parse(Testing.synth(stack)).resource?.[type] ?? {});
}

let outputs = 0;
/** What a (token) value synthesizes to, read back through a Terraform output. */
export function synthesized(stack: TerraformStack, value: unknown): unknown {
  const id = `probe${++outputs}`;
  new TerraformOutput(stack, id, { value });
  return JSON.parse(Testing.synth(stack)).output[id].value;
}
