import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as path from "path";
import { App, Testing, TerraformStack } from "cdktf";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { LondonMadridStack } from "../../stacks/london-madrid";
import { HubSpokePeeringStack } from "../../stacks/hub-spoke-peering";
import { CrossSubscriptionStack } from "../../stacks/cross-subscription";
import { configureBackend, referenceAddressRecord } from "../../stacks/common";
import { buildReferenceApp } from "../../stacks/app";

const stacks: [string, (app: App) => TerraformStack][] = [
  ["london-madrid", (app) => new LondonMadridStack(app, "london-madrid")],
  ["hub-spoke-peering", (app) => new HubSpokePeeringStack(app, "hub-spoke-peering")],
  ["cross-subscription", (app) => new CrossSubscriptionStack(app, "cross-subscription")],
];

describe.each(stacks)("reference stack %s", (_name, make) => {
  it("matches its reviewed HCL snapshot", () => {
    const stack = make(Testing.app());
    expect(Testing.synthHcl(stack)).toMatchSnapshot();
  });

  it("is valid Terraform JSON with every peering paired", () => {
    const stack = make(Testing.app());
    const json = JSON.parse(Testing.synth(stack));
    const list = Object.values(json.resource.azurerm_virtual_network_peering) as any[];
    expect(list.length % 2).toBe(0);
    for (const p of list) {
      const reverse = list.find(
        (q) =>
          q.virtual_network_name !== p.virtual_network_name &&
          q.remote_virtual_network_id !== p.remote_virtual_network_id,
      );
      expect(reverse).toBeDefined();
    }
  });
});

describe("London-Madrid", () => {
  it("peers two regions both ways", () => {
    const synth = Testing.synth(new LondonMadridStack(Testing.app(), "lm"));
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, { name: "vnet-london-to-vnet-madrid" });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, { name: "vnet-madrid-to-vnet-london" });
  });
});

describe("Cross-subscription", () => {
  it("creates each direction with its subscription's provider", () => {
    const synth = Testing.synth(new CrossSubscriptionStack(Testing.app(), "xs"));
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-platform-to-vnet-app",
      provider: "azurerm.platform",
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkPeering, {
      name: "vnet-app-to-vnet-platform",
      provider: "azurerm.app",
    });
  });
});

describe("state backend", () => {
  it("is local by default", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    configureBackend(stack, {});
    expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({
      local: { path: "terraform.s.tfstate" },
    });
  });

  it("is Azure Storage when CAC_BACKEND=azurerm", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    configureBackend(stack, {
      CAC_BACKEND: "azurerm",
      CAC_STATE_RESOURCE_GROUP: "rg-state",
      CAC_STATE_STORAGE_ACCOUNT: "ststate",
    });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({
      azurerm: {
        resource_group_name: "rg-state",
        storage_account_name: "ststate",
        container_name: "tfstate",
        key: "cdktf-azure-connectivity/s.tfstate",
      },
    });
  });

  it("refuses an incomplete azurerm backend configuration", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(() => configureBackend(stack, { CAC_BACKEND: "azurerm" })).toThrow(
      "CAC_BACKEND=azurerm needs CAC_STATE_RESOURCE_GROUP and CAC_STATE_STORAGE_ACCOUNT",
    );
    expect(() => configureBackend(stack, { CAC_BACKEND: "s3" })).toThrow(/not supported/);
  });
});

describe("the reference address record (stacks/network-addresses.json)", () => {
  it("is frozen in the tests and in CI, so a test never writes it nor passes on unrecorded addresses", () => {
    expect(referenceAddressRecord().frozen).toBe(true);
    expect(referenceAddressRecord({ CI: "true" }).frozen).toBe(true);
    expect(referenceAddressRecord({}).frozen).toBe(false);
  });

  it("holds every network of the reference app: building it allocates nothing and leaves the file as it is", () => {
    const file = path.join(__dirname, "../../stacks/network-addresses.json");
    const before = fs.readFileSync(file, "utf8");
    expect(() => buildReferenceApp(Testing.app())).not.toThrow();
    expect(fs.readFileSync(file, "utf8")).toBe(before);
  });
});
