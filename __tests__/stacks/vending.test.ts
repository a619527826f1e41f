import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing } from "cdktf";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../policies/aspect";
import { buildModel } from "../../policies/model";
import { analyzeReachability } from "../../policies/reachability/analysis";
import { PLATFORM_HUB, VendingStack } from "../../stacks/vending";

describe("vending reference stack: an application's spoke peered into an existing hub known by ids", () => {
  it("matches its reviewed HCL snapshot", () => {
    expect(Testing.synthHcl(new VendingStack(Testing.app(), "vending"))).toMatchSnapshot();
  });

  it("creates the spoke and both peering directions, the hub's side in the hub's subscription, and nothing of the hub", () => {
    const stack = new VendingStack(Testing.app(), "vending");
    const doc = JSON.parse(Testing.synth(stack));
    expect(Object.keys(doc.resource).sort()).toEqual([
      "azurerm_resource_group",
      "azurerm_subnet",
      "azurerm_virtual_network",
      "azurerm_virtual_network_peering",
    ]);
    const peerings = Object.values<any>(doc.resource.azurerm_virtual_network_peering);
    expect(peerings.find((p) => p.name === "vnet-hub-platform-to-vnet-shop-prod")).toMatchObject({
      provider: "azurerm.hub",
      resource_group_name: "rg-platform-connectivity",
      virtual_network_name: "vnet-hub-platform",
      allow_gateway_transit: true,
    });
    expect(peerings.find((p) => p.name === "vnet-shop-prod-to-vnet-hub-platform")).toMatchObject({
      remote_virtual_network_id: PLATFORM_HUB.vnetId,
      use_remote_gateways: true,
    });
    // The hub's gateway exists already: nothing to wait for.
    expect(peerings.every((p) => p.depends_on === undefined)).toBe(true);
    expect(doc.provider.azurerm).toContainEqual(
      expect.objectContaining({ alias: "hub", subscription_id: PLATFORM_HUB.subscriptionId }),
    );
  });

  it("synthesizes against the existing hub with the policies on, everything verified", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-vending-")) });
    const stack = new VendingStack(app, "vending");
    const report = new ConnectivityPolicies({ writeReport: false }).check(app);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([]);
    applyConnectivityPolicies(app);
    app.synth();
    const a = analyzeReachability(buildModel([{ stack: "vending", doc: stack.toTerraform() }]));
    expect(a.pair("network:vnet-shop-prod", "network:vnet-hub-platform").status).toBe("yes");
  });
});
