// The app's network as a function of an App, as docs/testing-your-app.md assumes (its `main.ts` calls it).
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Vnet, VnetPeering } from "../../../index";

export function buildNetwork(app: App, options: { madridSpace?: string } = {}): TerraformStack {
  const stack = new TerraformStack(app, "network");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const london = new Vnet(stack, "London", {
    name: "vnet-london",
    resourceGroupName: "rg-net",
    location: "uksouth",
    addressSpace: ["10.1.0.0/16"],
  });
  const madrid = new Vnet(stack, "Madrid", {
    name: "vnet-madrid",
    resourceGroupName: "rg-net",
    location: "spaincentral",
    addressSpace: [options.madridSpace ?? "10.2.0.0/16"],
  });
  new VnetPeering(stack, "LondonMadrid", { local: london, remote: madrid });
  return stack;
}
