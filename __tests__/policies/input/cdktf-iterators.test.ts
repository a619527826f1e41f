/**
 * The aspect benefits from the same evaluation: cdktf's iterators and counts write `for_each` /
 * `count` into the stack's Terraform, and the policies check each instance (paired with the same app
 * written instance by instance).
 */
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import {
  App,
  TerraformCount,
  TerraformIterator,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
} from "cdktf";
import { ConnectivityPolicies } from "../../../policies/aspect";
import { instancesAsNames } from "../../../test-utils/terraform";

const RG = "rg-net";
const LOCATION = "westeurope";

function base(): { app: App; stack: TerraformStack; hub: VirtualNetwork } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "net");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const hub = new VirtualNetwork(stack, "hub", {
    name: "hub",
    resourceGroupName: RG,
    location: LOCATION,
    addressSpace: ["10.0.0.0/16"],
  });
  return { app, stack, hub };
}

const overlaps = (app: App) =>
  new ConnectivityPolicies({ writeReport: false })
    .check(app)
    .findings.filter((f) => f.ruleId === "AddressSpace.NoOverlap")
    .map((f) => `${instancesAsNames(f.path)} ${instancesAsNames(f.message)}`);

describe("cdktf iterators and counts", () => {
  test("TerraformIterator.fromMap and fromResources: each instance is checked, as the hand-written app", () => {
    const withIterators = base();
    const spaces = new TerraformVariable(withIterators.stack, "spokes", {
      type: "map(string)",
      default: { a: "10.1.0.0/16", b: "10.0.1.0/24" },
    });
    const it = TerraformIterator.fromMap(spaces.value);
    const spokes = new VirtualNetwork(withIterators.stack, "spoke", {
      forEach: it,
      name: `spoke-${it.key}`,
      resourceGroupName: RG,
      location: LOCATION,
      addressSpace: [it.value],
    });
    const each = TerraformIterator.fromResources(spokes);
    new VirtualNetworkPeering(withIterators.stack, "hub_to", {
      forEach: each,
      name: `hub-to-${each.key}`,
      resourceGroupName: RG,
      virtualNetworkName: withIterators.hub.name,
      remoteVirtualNetworkId: each.getString("id"),
    });

    const byHand = base();
    for (const [key, space] of [
      ["a", "10.1.0.0/16"],
      ["b", "10.0.1.0/24"],
    ]) {
      const spoke = new VirtualNetwork(byHand.stack, `spoke_${key}`, {
        name: `spoke-${key}`,
        resourceGroupName: RG,
        location: LOCATION,
        addressSpace: [space],
      });
      new VirtualNetworkPeering(byHand.stack, `hub_to_${key}`, {
        name: `hub-to-${key}`,
        resourceGroupName: RG,
        virtualNetworkName: byHand.hub.name,
        remoteVirtualNetworkId: spoke.id,
      });
    }
    const found = overlaps(withIterators.app);
    expect(found).toEqual(overlaps(byHand.app));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("net/hub_to_b");
  });

  test("TerraformIterator.fromList and TerraformCount", () => {
    const { app, stack, hub } = base();
    const list = TerraformIterator.fromList(["10.0.1.0/24", "10.2.0.0/16"]);
    new VirtualNetwork(stack, "listed", {
      forEach: list,
      name: `listed-${list.value}`,
      resourceGroupName: RG,
      location: LOCATION,
      addressSpace: [list.value],
    });
    const count = TerraformCount.of(2);
    new VirtualNetworkPeering(stack, "to_listed", {
      count,
      name: `to-${Token.asString(count.index)}`,
      resourceGroupName: RG,
      virtualNetworkName: hub.name,
      // A tuple of the instances' ids, indexed by count.index (both known).
      remoteVirtualNetworkId:
        '${[azurerm_virtual_network.listed["10.0.1.0/24"].id, azurerm_virtual_network.listed["10.2.0.0/16"].id][count.index]}',
    });
    const found = overlaps(app);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("net/to_listed_0");
  });
});
