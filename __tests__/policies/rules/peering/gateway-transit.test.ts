import { dependable } from "cdktf";
import { VnetPeering } from "../../../../constructs/vnet-peering";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { checkTerraformDocuments } from "../../../../policies/check-terraform";
import {
  armVnetId,
  crossStackRef,
  data,
  gateway,
  networkWithGateway,
  output,
  peerBoth,
  peering,
  publicIp,
  ref,
  remoteState,
  stackDoc,
  subnet,
  tfDoc,
  vnet,
  withMeta,
} from "../../../../test-utils/terraform";
import { constructApp, constructGateway, constructVnet } from "../../../../test-utils/vpn";

const RULE = "Peering.GatewayTransit";
const HUB_ALLOWS = { allow_gateway_transit: true };
const SPOKE_USES = { use_remote_gateways: true };
/** The spoke's side using the remote gateway, and waiting for the hub's gateway `hub_gw` (the Terraform name of `<hub>_gw`). */
const usesAndWaits = (hub = "hub") => ({
  ...SPOKE_USES,
  depends_on: [`azurerm_virtual_network_gateway.${hub}_gw`],
});

/** A hub with a gateway and a spoke, peered both ways with the given flags. */
function hubSpoke(hubSide: Record<string, unknown>, spokeSide: Record<string, unknown>) {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    vnet("spoke", ["10.1.0.0/16"]),
    peerBoth("hub", "spoke", hubSide, {
      depends_on: ["azurerm_virtual_network_gateway.hub_gw"],
      ...spokeSide,
    }),
  );
}

describe("Peering.GatewayTransit", () => {
  test("hub allows transit and has a gateway, spoke uses it: no finding", () => {
    const d = hubSpoke(HUB_ALLOWS, SPOKE_USES);
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)).toEqual([]);
  });

  test("use_remote_gateways without allow_gateway_transit on the reverse peering is an error", () => {
    const found = findingsOf(hubSpoke({}, SPOKE_USES), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: "azurerm_virtual_network_peering.spoke_hub" });
    expect(found[0].message).toContain(
      "reverse peering azurerm_virtual_network_peering.hub_spoke does not set allow_gateway_transit",
    );
    expect(found[0].message).toMatch(
      /^Peering\.GatewayTransit: peering spoke_hub \(network spoke to network hub\) sets use_remote_gateways, but/,
    );
    expect(found[0].fix).toContain("allow_gateway_transit");
    expectWellFormed(found[0], RULE);
  });

  test("use_remote_gateways towards a network without a gateway is an error (RemoteVnetHasNoGateways)", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.1.0.0/16"]),
      peerBoth("hub", "spoke", HUB_ALLOWS, SPOKE_USES),
    );
    const found = findingsOf(d, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("network hub has no virtual network gateway");
  });

  test("use_remote_gateways from a network with its own gateway is an error naming that gateway", () => {
    const d = tfDoc(
      networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
      networkWithGateway("spoke", "10.1.0.0/16", "10.1.255.0/27"),
      peerBoth("hub", "spoke", HUB_ALLOWS, usesAndWaits()),
    );
    const found = findingsOf(d, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("network spoke has its own gateway spoke_gw");
  });

  test("two peerings of one network using remote gateways: an error on each", () => {
    const d = tfDoc(
      networkWithGateway("hub1", "10.0.0.0/16", "10.0.255.0/27"),
      networkWithGateway("hub2", "10.2.0.0/16", "10.2.255.0/27"),
      vnet("spoke", ["10.1.0.0/16"]),
      peerBoth("hub1", "spoke", HUB_ALLOWS, usesAndWaits("hub1")),
      peerBoth("hub2", "spoke", HUB_ALLOWS, usesAndWaits("hub2")),
    );
    const found = findingsOf(d, RULE);
    expect(found.map((f) => f.path).sort()).toEqual([
      "azurerm_virtual_network_peering.spoke_hub1",
      "azurerm_virtual_network_peering.spoke_hub2",
    ]);
    expect(found[0].message).toContain("one of 2 peerings of network spoke that set use_remote_gateways");
  });

  test("unknown flags give no finding but unverifiable entries", () => {
    const a = hubSpoke(HUB_ALLOWS, { use_remote_gateways: ref("var.use_remote") });
    expect(findingsOf(a, RULE)).toEqual([]);
    expect(unverifiedOf(a, RULE)[0].what).toContain("var.use_remote");
    const b = hubSpoke({ allow_gateway_transit: ref("var.transit") }, SPOKE_USES);
    expect(findingsOf(b, RULE)).toEqual([]);
    expect(unverifiedOf(b, RULE)[0].what).toContain("var.transit");
  });

  test("a remote network known only by id: whether it has a gateway is unverifiable", () => {
    const d = tfDoc(
      vnet("spoke", ["10.1.0.0/16"]),
      peering("spoke_hub", "spoke", armVnetId("hub", "rg-hub"), SPOKE_USES),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(
      unverifiedOf(d, RULE)
        .map((u) => u.what)
        .join(" | "),
    ).toContain("has a gateway");
  });

  test("constructs: a valid hub-and-spoke passes; the escape hatch removing transit on the hub side is caught", () => {
    const ok = constructApp();
    const gw = constructGateway(ok.stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    const spoke = constructVnet(ok.stack, "Spoke", "10.1.0.0/16");
    const p = new VnetPeering(ok.stack, "HubSpoke", {
      local: gw.vnet,
      remote: spoke,
      localToRemote: { allowGatewayTransit: true },
      remoteToLocal: { useRemoteGateways: true },
    });
    p.remoteToLocal!.dependsOn = [dependable(gw.resource)];
    expect(appFindings(ok.app, RULE)).toEqual([]);

    // VnetPeering refuses useRemoteGateways without allowGatewayTransit at construction; the override
    // on the exposed provider resource gets past it, and the rule still catches it.
    p.localToRemote.addOverride("allow_gateway_transit", false);
    const found = appFindings(ok.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/HubSpoke/RemoteToLocal");
    expect(found[0].message).toContain("does not set allow_gateway_transit");
  });
});

describe("Peering.GatewayTransit: the peering waits for the remote gateway", () => {
  test("a peering using the remote gateway of the same configuration without a dependency path is an error", () => {
    const found = findingsOf(hubSpoke(HUB_ALLOWS, { depends_on: undefined, ...SPOKE_USES }), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: "azurerm_virtual_network_peering.spoke_hub" });
    expect(found[0].message).toContain(
      "sets use_remote_gateways, but nothing makes it wait for gateway hub_gw of network hub, created by the same configuration",
    );
    expect(found[0].message).toContain("RemoteVnetHasNoGateways");
    expectWellFormed(found[0], RULE);
  });

  test("depends_on naming a gateway resource with count or for_each waits for each of its instances", () => {
    const doc = (dependsOn: string[] | undefined) =>
      tfDoc(
        vnet("hub", ["10.0.0.0/16"]),
        subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
        publicIp("pip1"),
        // `depends_on` takes resources, never instances: `[azurerm_virtual_network_gateway.hub]`.
        withMeta(gateway("hub", { subnets: ["gw"], pips: ["pip1"] }), { count: 1 }),
        vnet("spoke", ["10.1.0.0/16"]),
        peerBoth("hub", "spoke", HUB_ALLOWS, { ...SPOKE_USES, depends_on: dependsOn }),
      );
    const ordering = (d: object) =>
      findingsOf(d, RULE).filter((f) => f.message.includes("nothing makes it wait"));
    expect(ordering(doc(["azurerm_virtual_network_gateway.hub"]))).toEqual([]);
    expect(ordering(doc(["${azurerm_virtual_network_gateway.hub}"]))).toEqual([]);
    const found = ordering(doc(undefined));
    expect(found.map((f) => f.path)).toEqual(["azurerm_virtual_network_peering.spoke_hub"]);
    expect(found[0].message).toContain("gateway vgw-hub");
  });

  test("a reference leading to the gateway is a dependency path too", () => {
    const d = tfDoc(
      networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
      vnet("spoke", ["10.1.0.0/16"]),
      peerBoth("hub", "spoke", HUB_ALLOWS, {
        ...SPOKE_USES,
        // e.g. a tag naming the gateway: Terraform waits for what an argument references.
        tags: { gateway: ref("azurerm_virtual_network_gateway.hub_gw.name") },
      }),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
  });

  test("a gateway of another stack: fine when the peering's stack reads the gateway stack's outputs, else a warning", () => {
    const hubStack = stackDoc(
      "hub",
      networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
      output("hub_id", ref("azurerm_virtual_network.hub.id")),
    );
    const spokeStack = (withReference: boolean) =>
      stackDoc(
        "spokes",
        vnet("spoke", ["10.1.0.0/16"]),
        ...(withReference ? [remoteState("hub")] : []),
        peering(
          "spoke_hub",
          "spoke",
          withReference ? crossStackRef("hub", "hub_id") : armVnetId("hub"),
          SPOKE_USES,
        ),
      );
    const run = (withReference: boolean) =>
      checkTerraformDocuments([
        { stack: "hub", doc: hubStack },
        { stack: "spokes", doc: spokeStack(withReference) },
      ]).findings.filter((f) => f.ruleId === RULE && f.message.includes("RemoteVnetHasNoGateways"));
    expect(run(true)).toEqual([]);
    const found = run(false);
    expect(found.map((f) => [f.severity, f.path])).toEqual([["warning", "spokes/spoke_hub"]]);
    expect(found[0].message).toContain("is created by stack hub, which stack spokes does not depend on");
  });

  test("an existing gateway (data source) needs no ordering", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("hub_gw_subnet", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
      data("azurerm_virtual_network_gateway", "hub_gw", {
        name: "vgw-hub",
        resource_group_name: "rg-net",
        ip_configuration: { subnet_id: ref("azurerm_subnet.hub_gw_subnet.id") },
      }),
      vnet("spoke", ["10.1.0.0/16"]),
      peerBoth("hub", "spoke", HUB_ALLOWS, SPOKE_USES),
    );
    expect(findingsOf(d, RULE).filter((f) => f.message.includes("wait"))).toEqual([]);
  });

  test("constructs: VnetPeering with useRemoteGateways must wait for the hub's gateway", () => {
    const { app, stack } = constructApp();
    const gw = constructGateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    const p = new VnetPeering(stack, "HubSpoke", {
      local: gw.vnet,
      remote: constructVnet(stack, "Spoke", "10.1.0.0/16"),
      localToRemote: { allowGatewayTransit: true },
      remoteToLocal: { useRemoteGateways: true },
    });
    const waits = (p.remoteToLocal!.dependsOn ?? []).length > 0;
    const found = appFindings(app, RULE);
    // Our VnetPeering adds the dependency where it knows the gateway; otherwise the rule reports it.
    expect(found.map((f) => f.path)).toEqual(waits ? [] : ["net/HubSpoke/RemoteToLocal"]);
    p.remoteToLocal!.dependsOn = [dependable(gw.resource)];
    expect(appFindings(app, RULE)).toEqual([]);
  });
});

describe("Peering.GatewayTransit with a gateway whose network cannot be placed", () => {
  test("a gateway on an unresolvable subnet may be the hub's: no 'no gateway' finding, an unverifiable entry", () => {
    const d = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.1.0.0/16"]),
      networkWithGateway("other", "10.9.0.0/16", "10.9.255.0/27"),
      peerBoth("hub", "spoke", HUB_ALLOWS, SPOKE_USES),
    );
    d.resource.azurerm_virtual_network_gateway.other_gw.ip_configuration.subnet_id =
      ref("var.gateway_subnet_id");
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(
      unverifiedOf(d, RULE)
        .map((u) => u.what)
        .join(" | "),
    ).toContain("the network of gateway other_gw");
  });
});
