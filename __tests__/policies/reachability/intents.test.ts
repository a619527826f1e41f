/**
 * Reachability intents declared next to the topology, with our constructs: recorded in the stack's
 * Terraform JSON, checked by `Reachability.Intent` at synth, with the explanation and the fix.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { LocalNetworkGateway } from "@cdktf/provider-azurerm/lib/local-network-gateway";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { DataAzurermVirtualNetwork } from "@cdktf/provider-azurerm/lib/data-azurerm-virtual-network";
import { Vnet } from "../../../constructs/vnet";
import { VnetPeering } from "../../../constructs/vnet-peering";
import { VpnGateway } from "../../../constructs/vpn-gateway";
import { LocalSite } from "../../../constructs/local-site";
import { SharedKey } from "../../../constructs/shared-key";
import { SiteToSiteConnection } from "../../../constructs/site-to-site-connection";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../../policies/aspect";
import { ConnectivitySuppressions } from "../../../authoring/suppressions";
import { ReachabilityIntents } from "../../../authoring/intents";
import { REACHABILITY_RULES } from "../../../policies/rules";
import { ALL_RULES } from "../../../policies/rules";
import { checkTerraform } from "../../../policies/check-terraform";

let app: App;
let stack: TerraformStack;

beforeEach(() => {
  app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-intents-")) });
  stack = new TerraformStack(app, "net");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
});

function vnet(id: string, space: string): Vnet {
  return new Vnet(stack, id, {
    // Azure names a virtual network with 2 to 64 characters.
    name: id.length >= 2 ? id : `vnet-${id}`,
    resourceGroupName: "rg",
    location: "westeurope",
    addressSpace: [space],
  });
}

function hubWithSite(): { hub: Vnet; onprem: LocalSite } {
  const hub = vnet("hub", "10.0.0.0/16");
  const gw = new VpnGateway(stack, "hub-gw", {
    vnet: hub,
    name: "hub-gw",
    gatewaySubnetPrefix: "10.0.255.0/27",
  });
  const onprem = new LocalSite(stack, "onprem", {
    name: "onprem",
    resourceGroupName: "rg",
    location: "westeurope",
    gatewayAddress: "203.0.113.10",
    addressSpace: ["192.168.0.0/16"],
  });
  new SiteToSiteConnection(stack, "s2s", {
    gateway: gw,
    site: onprem,
    sharedKey: SharedKey.generate(stack, "k"),
  });
  return { hub, onprem };
}

function report() {
  return new ConnectivityPolicies({ rules: REACHABILITY_RULES }).check(app);
}

describe("ReachabilityIntents", () => {
  it("records intents in the stack's Terraform JSON, next to suppressions", () => {
    const a = vnet("a", "10.1.0.0/16");
    const b = vnet("b", "10.2.0.0/16");
    ReachabilityIntents.mustReach(stack, a, b, "a calls b");
    ReachabilityIntents.mustNotReach(
      stack,
      a,
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/test",
    );
    const json = stack.toTerraform() as any;
    expect(json["//"]["cdktf-azure-connectivity"].intents).toEqual([
      {
        kind: "mustReach",
        path: "net",
        from: {
          path: "net/a",
          address: expect.stringMatching(/^azurerm_virtual_network\.a_[0-9A-F]{8}$/),
          stack: "net",
          text: "network vnet-a",
        },
        to: {
          path: "net/b",
          address: expect.stringMatching(/^azurerm_virtual_network\.b_[0-9A-F]{8}$/),
          stack: "net",
          text: "network vnet-b",
        },
        reason: "a calls b",
      },
      {
        kind: "mustNotReach",
        path: "net",
        from: {
          path: "net/a",
          address: expect.stringMatching(/^azurerm_virtual_network\.a_[0-9A-F]{8}$/),
          stack: "net",
          text: "network vnet-a",
        },
        to: {
          id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/test",
          text: "network test",
        },
      },
    ]);
  });

  it("refuses an end that is neither a network, a site nor such a resource id", () => {
    const a = vnet("a", "10.1.0.0/16");
    expect(() => ReachabilityIntents.mustReach(stack, a, "vnet-b")).toThrow(
      "[net] reachability intent: `to` 'vnet-b' is not the literal resource id of a virtual network or a local network gateway",
    );
    expect(() => ReachabilityIntents.mustReach(stack, a, a)).toThrow("both ends are network vnet-a");
  });
});

describe("Reachability.Intent", () => {
  it("passes a spoke that must reach the on-premises site through the hub's gateway", () => {
    const { hub, onprem } = hubWithSite();
    const spoke = vnet("spoke", "10.1.0.0/16");
    new VnetPeering(stack, "hub-spoke", {
      local: hub,
      remote: spoke,
      localToRemote: { allowGatewayTransit: true },
      remoteToLocal: { useRemoteGateways: true },
    });
    ReachabilityIntents.mustReach(stack, spoke, onprem, "the spoke's apps call the datacenter");
    expect(report().findings).toEqual([]);
  });

  it("fails a spoke that must reach the site without gateway transit, with the reason and the flags to set", () => {
    const { hub, onprem } = hubWithSite();
    const spoke = vnet("spoke", "10.1.0.0/16");
    new VnetPeering(stack, "hub-spoke", { local: hub, remote: spoke });
    ReachabilityIntents.mustReach(stack, spoke, onprem, "the spoke's apps call the datacenter");
    const [f] = report().findings;
    expect(f).toMatchObject({ ruleId: "Reachability.Intent", severity: "error", path: "net" });
    expect(f.message).toBe(
      "Reachability.Intent: network spoke must reach site onprem (the spoke's apps call the datacenter), but they cannot exchange traffic: " +
        "peering net/hub-spoke/RemoteToLocal of network spoke does not set use_remote_gateways, so spoke does not use the gateway of network hub; " +
        "the gateway of hub is what reaches site onprem. " +
        "Fix: Set use_remote_gateways = true on peering net/hub-spoke/RemoteToLocal and allow_gateway_transit = true on peering net/hub-spoke/LocalToRemote (network spoke then uses the gateway of network hub), " +
        "with gateway hub-gw in the peering's depends_on so that it waits for the gateway.",
    );
    expect(f.values).toEqual({
      kind: "mustReach",
      intent: "network spoke must reach site onprem (the spoke's apps call the datacenter)",
      from: "network:spoke",
      to: "site:onprem",
      status: "no",
      code: "transit-not-enabled",
      fixChecked: "yes",
    });
  });

  it("fails A must reach C over A-B-C peerings: the non-transitive hop", () => {
    const a = vnet("a", "10.1.0.0/16");
    const b = vnet("b", "10.2.0.0/16");
    const c = vnet("c", "10.3.0.0/16");
    new VnetPeering(stack, "ab", { local: a, remote: b });
    new VnetPeering(stack, "bc", { local: b, remote: c });
    ReachabilityIntents.mustReach(stack, a, c);
    const [f] = report().findings;
    expect(f.message).toContain(
      "network vnet-a must reach network vnet-c, but they cannot exchange traffic: network vnet-a and network vnet-c are both peered with network vnet-b, but peering is not transitive: traffic does not cross vnet-b.",
    );
    expect(f.fix).toBe("Peer network vnet-a and network vnet-c (both directions).");
  });

  it("fails a one-sided peering that must carry traffic", () => {
    const a = vnet("a", "10.1.0.0/16");
    const b = vnet("b", "10.2.0.0/16");
    new VnetPeering(stack, "ab", { local: a, remote: b, createReverse: false });
    ReachabilityIntents.mustReach(stack, a, b);
    const [f] = report().findings;
    expect(f.message).toContain(
      "there is no peering back from vnet-b to vnet-a: a one-sided peering stays Initiated and carries no traffic",
    );
    expect(f.fix).toBe(
      "Add the peering from network vnet-b to network vnet-a (VnetPeering creates both directions unless createReverse is false).",
    );
  });

  it("fails production that must stay apart from test but is peered with it, naming the peering to cut", () => {
    const prod = vnet("prod", "10.1.0.0/16");
    const test = vnet("test", "10.2.0.0/16");
    new VnetPeering(stack, "prod-test", { local: prod, remote: test });
    ReachabilityIntents.mustNotReach(stack, prod, test, "production and test stay apart");
    const [f] = report().findings;
    expect(f.message).toBe(
      "Reachability.Intent: network prod must not reach network test (production and test stay apart), but they can exchange traffic: " +
        "network prod -> network test by peering (net/prod-test/LocalToRemote, net/prod-test/RemoteToLocal). " +
        "Fix: Remove the peering between network prod and network test (net/prod-test/LocalToRemote, net/prod-test/RemoteToLocal).",
    );
  });

  it("passes isolation through a shared hub (peering is not transitive)", () => {
    const hub = vnet("hub", "10.0.0.0/16");
    const prod = vnet("prod", "10.1.0.0/16");
    const test = vnet("test", "10.2.0.0/16");
    new VnetPeering(stack, "hp", { local: hub, remote: prod });
    new VnetPeering(stack, "ht", { local: hub, remote: test });
    ReachabilityIntents.mustNotReach(stack, prod, test);
    expect(report().findings).toEqual([]);
  });

  function undecidable(): void {
    const a = vnet("a", "10.1.0.0/16");
    const ext = Vnet.fromId(stack, "ext", {
      vnetId:
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/shared",
    });
    new VnetPeering(stack, "a-ext", { local: a, remote: ext, createReverse: false });
    ReachabilityIntents.mustReach(stack, a, ext, "a uses the shared services");
  }

  it("an intent it cannot decide is a warning, never a silent pass", () => {
    undecidable();
    const [f] = report().findings;
    expect(f).toMatchObject({ ruleId: "Reachability.Intent", severity: "warning", path: "net" });
    expect(f.message).toContain(
      'Reachability.Intent: intent "network vnet-a must reach network shared (a uses the shared services)" cannot be decided before apply: peering net/a-ext/LocalToRemote goes from network vnet-a to network shared, which this app does not create',
    );
    expect(f.values).toMatchObject({ status: "unknown", code: "managed-elsewhere" });
  });

  it("the undecided intent is a warning on every synth, and fails synth with strict", () => {
    undecidable();
    applyConnectivityPolicies(app, { rules: REACHABILITY_RULES, reachability: false });
    for (let i = 0; i < 2; i++) {
      app.synth();
      const warnings = stack.node.metadata.filter(
        (m) => m.type === "@cdktf/warn" && String(m.data).includes("cannot be decided before apply"),
      );
      expect(warnings.length).toBeGreaterThanOrEqual(1);
    }
    const strictApp = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-intents-")) });
    stack = new TerraformStack(strictApp, "net");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    undecidable();
    applyConnectivityPolicies(strictApp, { rules: REACHABILITY_RULES, reachability: false, strict: true });
    expect(() => strictApp.synth()).toThrow("(strict: an intent that cannot be decided fails)");
  });

  it("an end that is not in the app (a typo in an id) fails synth, naming the closest networks and sites", () => {
    const { onprem } = hubWithSite();
    vnet("spoke1", "10.1.0.0/16");
    ReachabilityIntents.mustReach(
      stack,
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke-1",
      onprem,
    );
    const [f] = report().findings;
    expect(f).toMatchObject({ ruleId: "Reachability.Intent", severity: "error", path: "net" });
    expect(f.message).toBe(
      'Reachability.Intent: intent "network spoke-1 must reach site onprem" cannot be checked: network spoke-1 (/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/spoke-1) is not a network or site of the app; the closest are network spoke1 (net/spoke1/Resource), site onprem (net/onprem/Resource), network hub (net/hub/Resource). ' +
        "Fix: Name one of the app's networks or sites (closest: network spoke1 (net/spoke1/Resource), site onprem (net/onprem/Resource), network hub (net/hub/Resource)), or add network spoke-1 to the app.",
    );
    applyConnectivityPolicies(app, { rules: REACHABILITY_RULES, reachability: false });
    expect(() => app.synth()).toThrow("is not a network or site of the app");
  });

  it("fails synth with the explanation", () => {
    const a = vnet("a", "10.1.0.0/16");
    const b = vnet("b", "10.2.0.0/16");
    ReachabilityIntents.mustReach(stack, a, b, "a calls b");
    applyConnectivityPolicies(app, { rules: [...ALL_RULES, ...REACHABILITY_RULES] });
    // One block per finding: the message, its values, then the fix on a line of its own.
    let message = "";
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      "Reachability.Intent: network vnet-a must reach network vnet-b (a calls b), but they cannot exchange traffic: not connected: no peering, VNet-to-VNet connection or gateway transit joins network vnet-a and network vnet-b.",
    );
    expect(message).toContain("\n    Fix: Peer network vnet-a and network vnet-b (both directions).");
  });

  it("a suppression with a reason accepts an unmet intent", () => {
    const a = vnet("a", "10.1.0.0/16");
    const b = vnet("b", "10.2.0.0/16");
    ReachabilityIntents.mustReach(stack, a, b, "a calls b");
    ConnectivitySuppressions.add(stack, {
      ruleId: "Reachability.Intent",
      reason: "the peering is requested from the network team",
    });
    const [f] = report().findings;
    expect(f).toMatchObject({
      suppressed: true,
      suppressionReason: "the peering is requested from the network team",
    });
  });

  it("accepts raw provider resources and data sources as ends, and resolves them by construct path or Terraform address", () => {
    const hub = new VirtualNetwork(stack, "raw-hub", {
      name: "raw-hub",
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const spoke = new VirtualNetwork(stack, "raw-spoke", {
      name: "raw-spoke",
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.1.0.0/16"],
    });
    const site = new LocalNetworkGateway(stack, "raw-site", {
      name: "raw-site",
      resourceGroupName: "rg",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
      addressSpace: ["192.168.0.0/16"],
    });
    const shared = new DataAzurermVirtualNetwork(stack, "shared", {
      name: "shared",
      resourceGroupName: "rg-x",
    });
    new VirtualNetworkPeering(stack, "hub-spoke", {
      name: "hub-spoke",
      resourceGroupName: "rg",
      virtualNetworkName: hub.name,
      remoteVirtualNetworkId: spoke.id,
    });
    new VirtualNetworkPeering(stack, "spoke-hub", {
      name: "spoke-hub",
      resourceGroupName: "rg",
      virtualNetworkName: spoke.name,
      remoteVirtualNetworkId: hub.id,
    });
    ReachabilityIntents.mustReach(stack, hub, spoke);
    ReachabilityIntents.mustNotReach(stack, spoke, site);
    ReachabilityIntents.mustNotReach(stack, spoke, shared);
    const intents = (stack.toTerraform() as any)["//"]["cdktf-azure-connectivity"].intents;
    expect(intents[0].from).toEqual({
      path: "net/raw-hub",
      address: "azurerm_virtual_network.raw-hub",
      stack: "net",
      text: "network raw-hub",
    });
    expect(intents[1].to).toMatchObject({
      address: "azurerm_local_network_gateway.raw-site",
      text: "site raw-site",
    });
    expect(intents[2].to).toMatchObject({
      address: "data.azurerm_virtual_network.shared",
      text: "network shared",
    });
    expect(report().findings).toEqual([]);
    // Read back without cdktf's construct paths (a plain Terraform file): the addresses still resolve.
    const doc = stack.toTerraform() as any;
    for (const byName of Object.values<any>(doc.resource))
      for (const body of Object.values<any>(byName)) delete body["//"];
    for (const byName of Object.values<any>(doc.data))
      for (const body of Object.values<any>(byName)) delete body["//"];
    expect(checkTerraform(doc, { rules: REACHABILITY_RULES })).toEqual([]);
  });

  it("refuses a construct that is not a network or a site", () => {
    const { hub } = hubWithSite();
    const subnet = new Subnet(stack, "sub", {
      name: "sub",
      resourceGroupName: "rg",
      virtualNetworkName: "hub",
      addressPrefixes: ["10.0.1.0/24"],
    });
    expect(() => ReachabilityIntents.mustReach(stack, hub, subnet)).toThrow(
      "[net] reachability intent: `to` (net/sub) is a azurerm_subnet; pass a network or a site",
    );
  });

  it("checkTerraform's strict option fails an undecided intent", () => {
    undecidable();
    const doc = stack.toTerraform() as any;
    expect(checkTerraform(doc, { rules: REACHABILITY_RULES }).map((f) => f.severity)).toEqual(["warning"]);
    expect(checkTerraform(doc, { rules: REACHABILITY_RULES, strict: true }).map((f) => f.severity)).toEqual([
      "error",
    ]);
  });

  it("is checked by checkTerraform on the synthesized JSON too", () => {
    const a = vnet("a", "10.1.0.0/16");
    const b = vnet("b", "10.2.0.0/16");
    ReachabilityIntents.mustReach(stack, a, b);
    const findings = checkTerraform(stack.toTerraform() as any, { rules: REACHABILITY_RULES });
    expect(findings.map((f) => f.ruleId)).toEqual(["Reachability.Intent"]);
  });
});
