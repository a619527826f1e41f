/** Apps and stacks of our constructs for the tests, and reading back what they synthesize. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing, TerraformOutput, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Vnet, VpnGateway, VpnGatewayProps } from "../index";
import { LOCATION, RG } from "./terraform";

/** A test stack. */
export function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "test");
}

/** A fresh app (own output folder) with one stack `net` and its azurerm provider. */
export function constructApp(): { app: App; stack: TerraformStack } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-app-")) });
  const stack = new TerraformStack(app, "net");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return { app, stack };
}

/** A network `vnet-<id>` with address space `space` (e.g. 10.1.0.0/16) in `location`, in resource group `rg-<id>`. */
export function vnet(
  stack: TerraformStack,
  id: string,
  space: string,
  location = "eastus",
  resourceGroupName = `rg-${id.toLowerCase()}`,
): Vnet {
  return new Vnet(stack, id, {
    name: `vnet-${id.toLowerCase()}`,
    resourceGroupName,
    location,
    addressSpace: [space],
  });
}

/** A VPN gateway `vgw-<id>` in `net`; the GatewaySubnet is the /27 at `gatewaySubnet`. */
function gatewayIn(
  stack: TerraformStack,
  net: Vnet,
  id: string,
  gatewaySubnet: string,
  props: Partial<VpnGatewayProps>,
): VpnGateway {
  return new VpnGateway(stack, id, {
    vnet: net,
    name: `vgw-${id.toLowerCase()}`,
    gatewaySubnetPrefix: gatewaySubnet,
    ...props,
  });
}

/** A network `<id>Net` with a gateway; the GatewaySubnet is the /27 at `gatewaySubnet`. */
export function gateway(
  stack: TerraformStack,
  id: string,
  space: string,
  gatewaySubnet: string,
  props: Partial<VpnGatewayProps> = {},
): VpnGateway {
  return gatewayIn(stack, vnet(stack, `${id}Net`, space, props.location), id, gatewaySubnet, props);
}

/** A network of the policy tests: in resource group `rg-net`, in westeurope. */
export function constructVnet(stack: TerraformStack, id: string, space: string): Vnet {
  return vnet(stack, id, space, LOCATION, RG);
}

/** A network `<id>Net` of the policy tests ({@link constructVnet}) with a VPN gateway. */
export function constructGateway(
  stack: TerraformStack,
  id: string,
  space: string,
  gatewaySubnet: string,
  props: Partial<VpnGatewayProps> = {},
): VpnGateway {
  return gatewayIn(stack, constructVnet(stack, `${id}Net`, space), id, gatewaySubnet, props);
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
