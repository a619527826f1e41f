import { VnetPeering } from "../../../../constructs/vnet-peering";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { armVnetId, peerBoth, peering, provider, ref, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp, vnet as constructVnet } from "../../../../test-utils/vpn";

const RULE = "Peering.SameCloud";

describe("Peering.SameCloud", () => {
  test("a peering between the global cloud and Azure Government is an error on each direction", () => {
    const d = tfDoc(
      vnet("a", ["10.1.0.0/16"]),
      vnet("b", ["10.2.0.0/16"], { location: "usgovvirginia" }),
      peerBoth("a", "b"),
    );
    const found = findingsOf(d, RULE);
    expect(found.map((f) => [f.severity, f.path])).toEqual([
      ["error", "azurerm_virtual_network_peering.a_b"],
      ["error", "azurerm_virtual_network_peering.b_a"],
    ]);
    expect(found[0].message).toContain(
      "joins network a in the global Azure cloud (region westeurope) and network b in Azure Government (region usgovvirginia)",
    );
    expectWellFormed(found[0], RULE);
  });

  test("the provider environment tells the cloud of a network whose region cannot be known", () => {
    const d = tfDoc(
      vnet("a", ["10.1.0.0/16"], { location: "chinanorth3" }),
      vnet("b", ["10.2.0.0/16"], { location: ref("var.region"), provider: "azurerm.cn" }),
      provider("azurerm", { alias: "cn", features: {}, environment: "china" }),
      peerBoth("a", "b"),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
  });

  test("peerings within one cloud (global peering included): no finding", () => {
    const d = tfDoc(
      vnet("a", ["10.1.0.0/16"]),
      vnet("b", ["10.2.0.0/16"], { location: "eastus" }),
      peerBoth("a", "b"),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)).toEqual([]);
  });

  test("an unknown region, or a network known only by id, gives an unverifiable entry", () => {
    const d = tfDoc(
      vnet("a", ["10.1.0.0/16"]),
      vnet("b", ["10.2.0.0/16"], { location: ref("var.region") }),
      peerBoth("a", "b"),
      peering("a_ext", "a", armVnetId("ext", "rg-other")),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    const what = unverifiedOf(d, RULE).map((u) => u.what);
    expect(what.join(" | ")).toContain("var.region");
    expect(what.join(" | ")).toContain("network ext: it is known only by id");
  });

  test("constructs: VnetPeering across clouds is reported (Azure refuses it at apply)", () => {
    const { app, stack } = constructApp();
    new VnetPeering(stack, "AB", {
      local: constructVnet(stack, "A", "10.1.0.0/16", "westeurope"),
      remote: constructVnet(stack, "B", "10.2.0.0/16", "chinanorth3"),
    });
    expect(appFindings(app, RULE).map((f) => f.path)).toEqual([
      "net/AB/LocalToRemote",
      "net/AB/RemoteToLocal",
    ]);
  });
});
