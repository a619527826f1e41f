import { Vnet } from "../../../../constructs/vnet";
import { VnetPeering } from "../../../../constructs/vnet-peering";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { armVnetId, peerBoth, peering, ref, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp, constructVnet } from "../../../../test-utils/vpn";

const RULE = "Peering.MissingReverse";

describe("Peering.MissingReverse", () => {
  test("a one-way peering between two networks of the app is a warning naming both networks", () => {
    const d = tfDoc(vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.2.0.0/16"]), peering("a_b", "a", "b"));
    const found = findingsOf(d, RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", path: "azurerm_virtual_network_peering.a_b" });
    expect(found[0].message).toContain("peering a_b (network a to network b)");
    expect(found[0].message).toContain("no peering from network b back to network a");
    expectWellFormed(found[0], RULE);
  });

  test("both directions: no finding", () => {
    const d = tfDoc(vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.2.0.0/16"]), peerBoth("a", "b"));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)).toEqual([]);
  });

  test("an unresolvable remote network gives no finding but an unverifiable entry", () => {
    const d = tfDoc(vnet("a", ["10.1.0.0/16"]), peering("a_x", "a", ref("var.remote_id")));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)).toEqual([
      expect.objectContaining({
        path: "azurerm_virtual_network_peering.a_x",
        what: expect.stringContaining("var.remote_id"),
      }),
    ]);
  });

  test("a network the app does not create (literal id) may be peered back elsewhere: unverifiable, not a finding", () => {
    const d = tfDoc(vnet("a", ["10.1.0.0/16"]), peering("a_ext", "a", armVnetId("other", "rg-other")));
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("not created by this app");
  });

  test("constructs: VnetPeering with createReverse false warns, the default (both directions) does not", () => {
    const one = constructApp();
    const a = constructVnet(one.stack, "A", "10.1.0.0/16");
    const b = constructVnet(one.stack, "B", "10.2.0.0/16");
    new VnetPeering(one.stack, "AB", { local: a, remote: b, createReverse: false });
    const found = appFindings(one.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/AB/LocalToRemote");
    expect(found[0].message).toContain("network vnet-b back to network vnet-a");

    const two = constructApp();
    const c: Vnet = constructVnet(two.stack, "A", "10.1.0.0/16");
    const e = constructVnet(two.stack, "B", "10.2.0.0/16");
    new VnetPeering(two.stack, "AB", { local: c, remote: e });
    expect(appFindings(two.app, RULE)).toEqual([]);
  });
});

describe("Peering.MissingReverse with a peering whose remote network cannot be resolved", () => {
  test("it may be the reverse: no warning, an unverifiable entry", () => {
    const d = tfDoc(
      vnet("a", ["10.1.0.0/16"]),
      vnet("b", ["10.2.0.0/16"]),
      peering("a_b", "a", "b"),
      peering("b_a", "b", ref("var.a_id")),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    const what = unverifiedOf(d, RULE)
      .map((u) => `${u.path}: ${u.what}`)
      .join(" | ");
    expect(what).toContain(
      "azurerm_virtual_network_peering.a_b: whether the peering has a reverse direction",
    );
  });
});
