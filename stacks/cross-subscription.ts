import { Construct } from "constructs";
import { TerraformStack, TerraformVariable } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Vnet, VnetPeering } from "../index";
import { configureBackend, resourceGroup } from "./common";

/**
 * Seed 004: networks in two subscriptions (possibly two Microsoft Entra tenants) peered both ways.
 * Each direction is created with its own subscription's provider alias; across tenants each side's
 * identity needs Network Contributor on the other network.
 */
export class CrossSubscriptionStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    configureBackend(this);
    const platformSub = new TerraformVariable(this, "platform_subscription_id", {
      type: "string",
      description: "Subscription of the platform (connectivity) network",
    });
    const appSub = new TerraformVariable(this, "app_subscription_id", {
      type: "string",
      description: "Subscription of the application network",
    });
    const appTenant = new TerraformVariable(this, "app_tenant_id", {
      type: "string",
      description: "Tenant of the application subscription (the same tenant works too)",
    });
    const platform = new AzurermProvider(this, "platform", {
      alias: "platform",
      features: [{}],
      subscriptionId: platformSub.stringValue,
    });
    const app = new AzurermProvider(this, "app", {
      alias: "app",
      features: [{}],
      subscriptionId: appSub.stringValue,
      tenantId: appTenant.stringValue,
    });
    const rgPlatform = resourceGroup(this, "RgPlatform", "rg-platform-net", "northeurope", platform);
    const rgApp = resourceGroup(this, "RgApp", "rg-app-net", "northeurope", app);
    const platformNet = new Vnet(this, "Platform", {
      name: "vnet-platform",
      resourceGroupName: rgPlatform.name,
      location: rgPlatform.location,
      addressSpace: ["10.10.0.0/16"],
      provider: platform,
    });
    const appNet = new Vnet(this, "App", {
      name: "vnet-app",
      resourceGroupName: rgApp.name,
      location: rgApp.location,
      addressSpace: ["10.20.0.0/16"],
      subnets: [{ name: "app", addressPrefixes: ["10.20.1.0/24"] }],
      provider: app,
    });
    new VnetPeering(this, "PlatformApp", { local: platformNet, remote: appNet });
  }
}
