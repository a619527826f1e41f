/**
 * Reachability intents declared next to the topology, with our constructs: recorded in the stack's
 * Terraform JSON, checked by `Reachability.Intent` at synth, with the explanation and the fix.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
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
        from: { path: "net/a", text: "network vnet-a" },
        to: { path: "net/b", text: "network vnet-b" },
        reason: "a calls b",
      },
      {
        kind: "mustNotReach",
        path: "net",
        from: { path: "net/a", text: "network vnet-a" },
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
        "Fix: Set use_remote_gateways = true on peering net/hub-spoke/RemoteToLocal and allow_gateway_transit = true on the peering from hub back to spoke (gateway transit), or give spoke its own link.",
    );
    expect(f.values).toEqual({
      from: "network:spoke",
      to: "site:onprem",
      status: "no",
      code: "transit-not-enabled",
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
    expect(f.fix).toBe(
      "Peer network vnet-a and network vnet-c directly (both directions), or connect them through VPN gateways (VNet-to-VNet in both directions).",
    );
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
        "Fix: Remove the peering between them (net/prod-test/LocalToRemote, net/prod-test/RemoteToLocal), or set allow_virtual_network_access = false on it.",
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

  it("reports an intent it cannot decide as not verifiable, not as a finding", () => {
    const a = vnet("a", "10.1.0.0/16");
    const ext = Vnet.fromId(stack, "ext", {
      vnetId:
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/shared",
    });
    new VnetPeering(stack, "a-ext", { local: a, remote: ext, createReverse: false });
    ReachabilityIntents.mustReach(stack, a, ext);
    const r = report();
    expect(r.findings).toEqual([]);
    expect(r.unverifiable).toEqual([
      expect.objectContaining({
        ruleId: "Reachability.Intent",
        path: "net",
        what: expect.stringContaining("which this app does not create"),
      }),
    ]);
  });

  it("fails synth with the explanation", () => {
    const a = vnet("a", "10.1.0.0/16");
    const b = vnet("b", "10.2.0.0/16");
    ReachabilityIntents.mustReach(stack, a, b, "a calls b");
    applyConnectivityPolicies(app, { rules: [...ALL_RULES, ...REACHABILITY_RULES] });
    expect(() => app.synth()).toThrow(
      "Reachability.Intent: network vnet-a must reach network vnet-b (a calls b), but they cannot exchange traffic: no peering, VNet-to-VNet connection or gateway transit joins network vnet-a and network vnet-b.",
    );
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

  it("is checked by checkTerraform on the synthesized JSON too", () => {
    const a = vnet("a", "10.1.0.0/16");
    const b = vnet("b", "10.2.0.0/16");
    ReachabilityIntents.mustReach(stack, a, b);
    const findings = checkTerraform(stack.toTerraform() as any, { rules: REACHABILITY_RULES });
    expect(findings.map((f) => f.ruleId)).toEqual(["Reachability.Intent"]);
  });
});
