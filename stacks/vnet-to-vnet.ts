import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { SharedKey, Vnet, VnetToVnetConnection, VpnGateway } from "../index";
import { configureBackend, defaultProvider, resourceGroup } from "./common";

/**
 * Seeds 000 and 001: two networks in two regions joined through their VPN gateways by a VNet-to-VNet
 * connection, both directions with one generated shared key. The layout is Microsoft's tutorial
 * (TestVNet1 in East US, TestVNet4 in West US).
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vnet-vnet-rm-ps
 */
export class VnetToVnetStack extends TerraformStack {
  public readonly vnet1: Vnet;
  public readonly vnet4: Vnet;
  public readonly connection: VnetToVnetConnection;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    configureBackend(this);
    defaultProvider(this);
    const rg1 = resourceGroup(this, "TestRG1", "TestRG1", "eastus");
    const rg4 = resourceGroup(this, "TestRG4", "TestRG4", "westus");
    this.vnet1 = new Vnet(this, "TestVNet1", {
      name: "TestVNet1",
      resourceGroupName: rg1.name,
      location: rg1.location,
      addressSpace: ["10.11.0.0/16"],
      subnets: [{ name: "FrontEnd", addressPrefixes: ["10.11.0.0/24"] }],
    });
    this.vnet4 = new Vnet(this, "TestVNet4", {
      name: "TestVNet4",
      resourceGroupName: rg4.name,
      location: rg4.location,
      addressSpace: ["10.41.0.0/16"],
      subnets: [{ name: "FrontEnd", addressPrefixes: ["10.41.0.0/24"] }],
    });
    const gw1 = new VpnGateway(this, "VNet1GW", {
      vnet: this.vnet1,
      name: "VNet1GW",
      gatewaySubnetPrefix: "10.11.255.0/27",
    });
    const gw4 = new VpnGateway(this, "VNet4GW", {
      vnet: this.vnet4,
      name: "VNet4GW",
      gatewaySubnetPrefix: "10.41.255.0/27",
    });
    // No device outside Azure needs this key: Terraform generates it and keeps it in the state only.
    this.connection = new VnetToVnetConnection(this, "VNet1VNet4", {
      local: gw1,
      remote: gw4,
      sharedKey: SharedKey.generate(this, "vnet1_vnet4_psk"),
      localToRemoteName: "VNet1toVNet4",
      remoteToLocalName: "VNet4toVNet1",
    });
  }
}
