import "cdktf/lib/testing/adapters/jest";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import {
  AddressPool,
  AllocationRecord,
  HubAndSpoke,
  HubAndSpokeProps,
  SharedKey,
  Vnet,
  VnetPeering,
  VpnGateway,
} from "../../index";
import { ConnectivityPolicies } from "../../policies/aspect";
import { constructApp, resources } from "../../test-utils/vpn";

const SUB =
  "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network";

function setup(props: Partial<HubAndSpokeProps> = {}, record = AllocationRecord.inMemory()) {
  const { app, stack } = constructApp();
  const pool = new AddressPool(stack, "Addresses", { supernets: ["10.0.0.0/16"], record });
  const net = new HubAndSpoke(stack, "Net", { pool, resourceGroupName: "rg-net", ...props });
  return { app, stack, pool, net };
}

function check(app: App) {
  return new ConnectivityPolicies({ writeReport: false }).check(app);
}

function intents(stack: TerraformStack): any[] {
  return (stack.toTerraform() as any)["//"]?.["cdktf-azure-connectivity"]?.intents ?? [];
}

describe("HubAndSpoke", () => {
  it("creates hubs, gateways, sites, spokes and their peerings (HCL snapshot)", () => {
    const { stack, net } = setup();
    const we = net.addRegion({
      location: "westeurope",
      gateway: {},
      hub: { subnets: [{ name: "shared", size: 24 }] },
      sites: [{ name: "dc1", gatewayAddress: "203.0.113.10", addressSpace: ["192.168.0.0/16"] }],
      spokes: [{ name: "shop-prod", environment: "prod", subnets: [{ name: "app", size: 24 }] }],
    });
    we.addSpoke({ name: "shop-test", environment: "test" });
    net.addRegion({ location: "northeurope", spokes: [{ name: "crm-prod", environment: "prod" }] });
    expect(Testing.synthHcl(stack)).toMatchSnapshot();
  });

  it("defaults: /22 networks from the pool, gateway transit when the hub has a gateway, hubs peered without it", () => {
    const { stack, net, pool } = setup();
    const we = net.addRegion({
      location: "westeurope",
      gateway: {},
      spokes: [{ name: "a" }],
    });
    net.addRegion({ location: "northeurope", spokes: [{ name: "b" }] });
    expect(pool.allocations).toEqual({
      "vnet-hub-westeurope": "10.0.0.0/22",
      "vnet-a": "10.0.4.0/22",
      "vnet-hub-northeurope": "10.0.8.0/22",
      "vnet-b": "10.0.12.0/22",
    });
    expect(we.vpnGateway!.gatewaySubnet.addressPrefixesInput).toEqual(["10.0.3.224/27"]);
    const peerings = resources(stack, "azurerm_virtual_network_peering");
    const byName = (n: string) => peerings.find((p) => p.name === n)!;
    expect(byName("vnet-hub-westeurope-to-vnet-a")).toMatchObject({
      allow_gateway_transit: true,
      use_remote_gateways: false,
    });
    expect(byName("vnet-a-to-vnet-hub-westeurope")).toMatchObject({
      allow_gateway_transit: false,
      use_remote_gateways: true,
      depends_on: [expect.stringMatching(/^azurerm_virtual_network_gateway\.Net_westeurope_Gateway_\w+$/)],
    });
    // No gateway in northeurope: no transit flags.
    expect(byName("vnet-b-to-vnet-hub-northeurope")).toMatchObject({ use_remote_gateways: false });
    expect(byName("vnet-hub-northeurope-to-vnet-b")).toMatchObject({ allow_gateway_transit: false });
    expect(byName("vnet-hub-westeurope-to-vnet-hub-northeurope")).toMatchObject({
      allow_gateway_transit: false,
      use_remote_gateways: false,
    });
    expect(net.hubPeerings).toHaveLength(1);
    expect(we.hubPeerings).toEqual(net.hubPeerings);
  });

  it("passes the policies and its intents: spokes reach their region's sites, environments stay apart", () => {
    const { app, stack, net } = setup();
    for (const [r, location] of ["westeurope", "northeurope"].entries()) {
      const region = net.addRegion({ location, gateway: {} });
      region.addSpoke({ name: `shop-prod-${location}`, environment: "prod" });
      region.addSite({
        name: `dc-${location}`,
        gatewayAddress: `203.0.113.${r + 1}`,
        addressSpace: [`192.168.${r}.0/24`],
      });
      region.addSpoke({ name: `shop-test-${location}`, environment: "test" });
      region.addSpoke({ name: `tools-${location}` });
    }
    const report = check(app);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([]);
    const declared = intents(stack);
    // Environments apart: one intent over groups, with its members (not one per pair of spokes); each
    // of the six spokes (the site added after the first) reaches its site.
    expect(declared.filter((i) => i.kind === "mustNotReach")).toEqual([]);
    const apart = declared.filter((i) => i.kind === "groupsApart");
    expect(apart).toHaveLength(1);
    expect(apart[0]).toMatchObject({
      path: "net/Net",
      reason: "spokes of different environments stay apart",
      groups: [
        {
          name: "prod",
          members: [
            {
              path: "net/Net/westeurope/shop-prod-westeurope/Vnet",
              text: "network vnet-shop-prod-westeurope",
            },
            {
              path: "net/Net/northeurope/shop-prod-northeurope/Vnet",
              text: "network vnet-shop-prod-northeurope",
            },
          ],
        },
        {
          name: "test",
          members: [
            {
              path: "net/Net/westeurope/shop-test-westeurope/Vnet",
              text: "network vnet-shop-test-westeurope",
            },
            {
              path: "net/Net/northeurope/shop-test-northeurope/Vnet",
              text: "network vnet-shop-test-northeurope",
            },
          ],
        },
      ],
    });
    expect(declared.filter((i) => i.kind === "mustReach")).toHaveLength(6);
    expect(declared.find((i) => i.kind === "mustReach")).toMatchObject({
      path: "net/Net/westeurope/shop-prod-westeurope",
      to: { text: "site lng-dc-westeurope" },
      reason: "spokes reach on-premises through their hub",
    });
    // Change a spoke so that it reaches another environment: synth fails on the intent.
    const prod = net.spoke("shop-prod-westeurope")!;
    const test = net.spoke("shop-test-westeurope")!;
    new VnetPeering(stack, "Shortcut", { local: prod.vnet, remote: test.vnet });
    const findings = check(app).findings;
    // Reported at the pattern, which declared the groups; the other three cross pairs still hold.
    expect(findings.map((f) => f.path)).toEqual(["net/Net"]);
    const broken = findings.map((f) => f.message);
    expect(broken).toEqual([
      expect.stringContaining(
        "Reachability.Intent: network vnet-shop-prod-westeurope must not reach network vnet-shop-test-westeurope (spokes of different environments stay apart (prod and test)), but they can exchange traffic",
      ),
    ]);
  });

  it("lets the defaults intents be turned off", () => {
    const { stack, net } = setup({ intents: { environmentsApart: false, spokesReachSites: false } });
    const region = net.addRegion({
      location: "westeurope",
      gateway: {},
      sites: [{ name: "dc", gatewayAddress: "203.0.113.1", addressSpace: ["192.168.0.0/24"] }],
    });
    region.addSpoke({ name: "a", environment: "prod" });
    region.addSpoke({ name: "b", environment: "test" });
    expect(intents(stack)).toEqual([]);
  });

  it("keeps every other network's addresses when a spoke is added, removed or reordered", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cac-hs-")), "network-addresses.json");
    const synth = (spokes: string[]) => {
      const { stack, net } = setup({}, AllocationRecord.fromFile(file));
      const region = net.addRegion({ location: "westeurope", gateway: {} });
      for (const name of spokes) region.addSpoke({ name, subnets: [{ name: "app", size: 24 }] });
      const out: Record<string, unknown> = {};
      for (const v of resources(stack, "azurerm_virtual_network")) out[v.name] = v.address_space;
      for (const s of resources(stack, "azurerm_subnet"))
        out[`${s.virtual_network_name}/${s.name}`] = s.address_prefixes;
      return out;
    };
    const before = synth(["a", "b", "c"]);
    const added = synth(["new", "a", "c", "b"]);
    for (const [k, v] of Object.entries(before)) expect(added[k]).toEqual(v);
    const removed = synth(["c", "new"]);
    for (const k of Object.keys(removed)) expect(removed[k]).toEqual(added[k]);
  });

  it("places each region's spokes in a stack of their own, which waits for the hubs' stack", () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-hs-")) });
    const hubs = new TerraformStack(app, "hubs");
    new AzurermProvider(hubs, "azurerm", { features: [{}] });
    const pool = new AddressPool(hubs, "Addresses", {
      supernets: ["10.0.0.0/16"],
      record: AllocationRecord.inMemory(),
    });
    const net = new HubAndSpoke(hubs, "Net", { pool, resourceGroupName: "rg-hubs" });
    const spokeStacks = ["westeurope", "northeurope"].map((location, r) => {
      const stack = new TerraformStack(app, `spokes-${location}`);
      new AzurermProvider(stack, "azurerm", { features: [{}] });
      const region = net.addRegion({
        location,
        gateway: {},
        spokeScope: stack,
        spokeResourceGroupName: `rg-spokes-${location}`,
        sites: [
          {
            name: `dc-${location}`,
            gatewayAddress: `203.0.113.${r + 1}`,
            addressSpace: [`192.168.${r}.0/24`],
          },
        ],
      });
      region.addSpoke({ name: `app-prod-${location}`, environment: "prod" });
      region.addSpoke({ name: `app-test-${location}`, environment: "test" });
      return stack;
    });
    for (const stack of spokeStacks) {
      expect(stack.dependencies).toEqual([hubs]);
      expect(Object.keys((stack.toTerraform() as any).resource).sort()).toEqual([
        "azurerm_virtual_network",
        "azurerm_virtual_network_peering",
      ]);
      expect(net.spokes.filter((s) => s.node.scope === stack)).toHaveLength(2);
    }
    const report = check(app);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([]);
    app.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, "manifest.json"), "utf8"));
    expect(manifest.stacks["spokes-westeurope"].dependencies).toEqual(["hubs"]);
  });

  it("places one spoke elsewhere with its own `scope`", () => {
    const { app, net } = setup();
    const other = new TerraformStack(app, "team-a");
    new AzurermProvider(other, "azurerm", { features: [{}] });
    const region = net.addRegion({ location: "westeurope", gateway: {} });
    const here = region.addSpoke({ name: "here" });
    const there = region.addSpoke({ name: "there", scope: other });
    expect(here.node.path).toBe("net/Net/westeurope/here");
    expect(there.node.path).toBe("team-a/there");
    expect(other.dependencies.map((s) => s.node.id)).toEqual(["net"]);
  });

  it("peers spokes into an existing hub known by ids, using its declared gateway", () => {
    const { app, stack, net, pool } = setup();
    const hubProvider = new AzurermProvider(stack, "hub", { alias: "hub", features: [{}] });
    const hub = Vnet.fromId(stack, "Hub", {
      vnetId: `${SUB}/virtualNetworks/vnet-hub`,
      addressSpace: ["10.0.0.0/22"],
      location: "westeurope",
      provider: hubProvider,
    });
    VpnGateway.fromAttributes(stack, "HubGateway", {
      gatewayId: `${SUB}/virtualNetworkGateways/vgw-hub`,
      vnet: hub,
      sku: "VpnGw2AZ",
    });
    const region = net.addRegion({ location: "westeurope", existingHub: hub });
    const spoke = region.addSpoke({ name: "app", environment: "prod" });
    expect(region.hub).toBe(hub);
    expect(region.hubVnet).toBeUndefined();
    expect(region.gateway?.gatewayName).toBe("vgw-hub");
    // The existing hub's space is never allocated.
    expect(pool.allocations).toEqual({ "vnet-app": "10.0.4.0/22" });
    expect(spoke.usesHubGateway).toBe(true);
    const peerings = resources(stack, "azurerm_virtual_network_peering");
    expect(peerings.find((p) => p.name === "vnet-hub-to-vnet-app")).toMatchObject({
      provider: "azurerm.hub",
      resource_group_name: "rg-hub",
      virtual_network_name: "vnet-hub",
      allow_gateway_transit: true,
    });
    expect(peerings.find((p) => p.name === "vnet-app-to-vnet-hub")).toMatchObject({
      use_remote_gateways: true,
    });
    expect(peerings.every((p) => p.depends_on === undefined)).toBe(true);
    const report = check(app);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([]);
  });

  it("reaches every underlying construct", () => {
    const { stack, net } = setup();
    const region = net.addRegion({
      location: "westeurope",
      gateway: { sku: "VpnGw3AZ", name: "vgw-main" },
      sites: [
        {
          name: "dc",
          gatewayAddress: "203.0.113.1",
          addressSpace: ["192.168.0.0/24"],
          sharedKey: SharedKey.generate(stack, "dc_psk"),
        },
      ],
      spokes: [{ name: "a" }],
    });
    region.hubVnet!.addSubnet("AzureFirewallSubnet", { size: 26 });
    region.vpnGateway!.resource.addOverride("tags.team", "network");
    region.sites[0].resource.addOverride("tags.team", "network");
    region.siteConnections[0].resource.addOverride("dpd_timeout_seconds", 45);
    net.spoke("a")!.peering.localToRemote.addOverride("allow_forwarded_traffic", true);
    net.region("WestEurope")!.spokes[0].vnet.addSubnet("extra", { size: 26 });
    const doc = JSON.parse(Testing.synth(stack));
    expect(
      Object.values<any>(doc.resource.azurerm_subnet)
        .map((s) => s.name)
        .sort(),
    ).toEqual(["AzureFirewallSubnet", "GatewaySubnet", "extra"]);
    expect(Object.values<any>(doc.resource.azurerm_virtual_network_gateway)[0]).toMatchObject({
      name: "vgw-main",
      sku: "VpnGw3AZ",
      tags: { team: "network" },
    });
    expect(Object.values<any>(doc.resource.azurerm_virtual_network_gateway_connection)[0]).toMatchObject({
      dpd_timeout_seconds: 45,
      shared_key: "${random_password.dc_psk.result}",
    });
  });

  describe("fails at construction", () => {
    it("for a region, spoke or site added twice", () => {
      const { net } = setup();
      const region = net.addRegion({ location: "westeurope", gateway: {} });
      expect(() => net.addRegion({ location: "WestEurope" })).toThrow(
        "[net/Net] `regions`: region 'WestEurope' is added twice; add each region once",
      );
      region.addSpoke({ name: "a" });
      expect(() => region.addSpoke({ name: "a" })).toThrow(
        "[net/Net/westeurope] `spokes`: spoke 'a' is already attached (net/Net/westeurope/a); spoke names are unique in the topology",
      );
      region.addSite({ name: "dc", gatewayAddress: "203.0.113.1", addressSpace: ["192.168.0.0/24"] });
      expect(() =>
        region.addSite({ name: "dc", gatewayAddress: "203.0.113.2", addressSpace: ["192.168.1.0/24"] }),
      ).toThrow(
        "[net/Net/westeurope] `sites`: site 'dc' is added twice; site names are unique in the topology",
      );
    });

    it("for a site without a gateway, and useHubGateway without one", () => {
      const { net } = setup();
      const region = net.addRegion({ location: "westeurope" });
      expect(() =>
        region.addSite({ name: "dc", gatewayAddress: "203.0.113.1", addressSpace: ["192.168.0.0/24"] }),
      ).toThrow(
        "[net/Net/westeurope] `sites`: site 'dc' needs a VPN gateway in the hub: give the region `gateway: {}`",
      );
      expect(() => region.addSpoke({ name: "a", useHubGateway: true })).toThrow(
        "[net/Net/westeurope/a] `useHubGateway` is true but the hub of region 'westeurope' has no VPN gateway: give the region `gateway: {}`",
      );
    });

    it("for an existing hub that is not existing, or with hub options", () => {
      const { stack, net } = setup();
      const hub = Vnet.fromId(stack, "Hub", { vnetId: `${SUB}/virtualNetworks/vnet-hub` });
      expect(() => net.addRegion({ location: "westeurope", existingHub: hub, gateway: {} })).toThrow(
        "[net/Net/westeurope] `gateway` is given with `existingHub`",
      );
      const mine = new Vnet(stack, "Mine", {
        name: "vnet-mine",
        resourceGroupName: "rg",
        location: "westeurope",
        addressSpace: ["10.9.0.0/16"],
      });
      expect(() => net.addRegion({ location: "northeurope", existingHub: mine })).toThrow(
        "[net/Net/northeurope] `existingHub`: 'net/Mine' is a network this app creates",
      );
    });

    it("for a site on the addresses of a recorded network", () => {
      const { net } = setup(
        {},
        AllocationRecord.inMemory({ Addresses: { "vnet-old": { space: "10.0.8.0/22" } } }),
      );
      const region = net.addRegion({ location: "westeurope", gateway: {} });
      expect(() =>
        region.addSite({ name: "dc", gatewayAddress: "203.0.113.1", addressSpace: ["10.0.9.0/24"] }),
      ).toThrow(
        "[net/Net/westeurope/Site-dc] `addressSpace`: '10.0.9.0/24' (site lng-dc) overlaps 10.0.8.0/22 of 'vnet-old', allocated by pool 'Addresses' (the in-memory record)",
      );
    });

    it("for an empty environment", () => {
      const { net } = setup();
      expect(() =>
        net.addRegion({ location: "westeurope", spokes: [{ name: "a", environment: " " }] }),
      ).toThrow("[net/Net/westeurope/a] `environment` must not be empty");
    });

    it("for more spokes than a hub can peer with", () => {
      const { stack } = constructApp();
      const pool = new AddressPool(stack, "Addresses", {
        supernets: ["10.0.0.0/8"],
        record: AllocationRecord.inMemory(),
      });
      const net = new HubAndSpoke(stack, "Net", { pool, resourceGroupName: "rg", spokeSize: 26 });
      net.addRegion({ location: "northeurope" });
      const region = net.addRegion({ location: "westeurope" });
      for (let i = 0; i < 499; i++) region.addSpoke({ name: `s${i}` });
      expect(() => region.addSpoke({ name: "s499" })).toThrow(
        "[net/Net/westeurope/s499] the hub of region 'westeurope' would have 501 peerings; Azure allows 500 per network",
      );
    });
  });
});
