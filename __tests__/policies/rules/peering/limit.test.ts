import { VnetPeering } from "../../../../constructs/vnet-peering";
import { appFindings, expectWellFormed, findingsOf } from "../../../../test-utils/policy";
import { Json, peering, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp, constructVnet } from "../../../../test-utils/vpn";

const RULE = "Peering.Limit";

/** A hub peered (one direction) with `n` spokes. */
function hubWith(n: number): Json {
  const parts: Json[] = [vnet("hub", ["10.0.0.0/16"])];
  for (let i = 0; i < n; i++) {
    parts.push(vnet(`s${i}`, [`10.${1 + Math.floor(i / 256)}.${i % 256}.0/24`]));
    parts.push(peering(`hub_s${i}`, "hub", `s${i}`));
  }
  return tfDoc(...parts);
}

describe("Peering.Limit", () => {
  test("501 peerings on one network is an error on the network, with the count", () => {
    const found = findingsOf(hubWith(501), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: "azurerm_virtual_network.hub" });
    expect(found[0].message).toContain("network hub has 501 peerings");
    expect(found[0].message).toContain("at most 500");
    expectWellFormed(found[0], RULE);
  });

  test("500 peerings is within the limit", () => {
    expect(findingsOf(hubWith(500), RULE)).toEqual([]);
  });

  test("constructs: 501 one-way VnetPeerings from one hub fail, naming the hub", () => {
    const { app, stack } = constructApp();
    const hub = constructVnet(stack, "Hub", "10.0.0.0/16");
    for (let i = 0; i < 501; i++) {
      const spoke = constructVnet(stack, `S${i}`, `10.${1 + Math.floor(i / 256)}.${i % 256}.0/24`);
      new VnetPeering(stack, `HubS${i}`, { local: hub, remote: spoke, createReverse: false });
    }
    const found = appFindings(app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/Hub/Resource");
    expect(found[0].message).toContain("network vnet-hub has 501 peerings");
  });
});
