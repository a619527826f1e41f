/**
 * The issue-4 rules on networks built with our constructs (the raw-resource forms are in the
 * per-rule tests): what a user of the constructs sees at synth.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { Vnet } from "../../constructs/vnet";
import { VnetPeering } from "../../constructs/vnet-peering";
import { VpnGateway } from "../../constructs/vpn-gateway";
import { LocalSite } from "../../constructs/local-site";
import { SharedKey } from "../../constructs/shared-key";
import { SiteToSiteConnection } from "../../constructs/site-to-site-connection";
import { VnetToVnetConnection } from "../../constructs/vnet-to-vnet-connection";
import { VpnNatRule } from "../../constructs/vpn-nat-rule";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../policies/aspect";
import { AddressSpaceNoOverlap, GatewaySubnetNoNsg, NatUnsupportedConnection } from "../../policies/rules";

const CORE_RULES = [GatewaySubnetNoNsg, AddressSpaceNoOverlap, NatUnsupportedConnection];
import { Finding, PolicyReport } from "../../policies/finding";

let app: App;
let stack: TerraformStack;

beforeEach(() => {
  app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-cp-")) });
  stack = new TerraformStack(app, "net");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
});

/** The issue-4 rules' report on the app (the full catalogue has its own tests). */
function report(): PolicyReport {
  return new ConnectivityPolicies({ rules: CORE_RULES }).check(app);
}

function errors(): Finding[] {
  return report().findings.filter((f) => f.severity === "error" && !f.suppressed);
}

function vnet(id: string, spaces: string[], subnets: { name: string; prefix: string }[] = []): Vnet {
  return new Vnet(stack, id, {
    // Azure names a virtual network with 2 to 64 characters.
    name: id.length >= 2 ? id : `vnet-${id}`,
    resourceGroupName: "rg",
    location: "westeurope",
    addressSpace: spaces,
    subnets: subnets.map((s) => ({ name: s.name, addressPrefixes: [s.prefix] })),
  });
}

function gateway(v: Vnet, prefix: string): VpnGateway {
  return new VpnGateway(stack, `${v.node.id}-gw`, {
    vnet: v,
    name: `${v.node.id}-gw`,
    gatewaySubnetPrefix: prefix,
  });
}

function site(id: string, spaces: string[], ip: string): LocalSite {
  return new LocalSite(stack, id, {
    name: id,
    resourceGroupName: "rg",
    location: "westeurope",
    gatewayAddress: ip,
    addressSpace: spaces,
  });
}

function key(id: string): SharedKey {
  return SharedKey.generate(stack, id);
}

describe("AddressSpace.NoOverlap with our constructs", () => {
  it("passes disjoint and adjacent peered networks", () => {
    new VnetPeering(stack, "p", { local: vnet("a", ["10.0.0.0/16"]), remote: vnet("b", ["10.1.0.0/16"]) });
    expect(errors()).toEqual([]);
  });

  it("fails on a secondary address space that overlaps", () => {
    new VnetPeering(stack, "p", {
      local: vnet("a", ["10.0.0.0/16", "172.16.0.0/24"]),
      remote: vnet("b", ["10.1.0.0/16", "172.16.0.128/25"]),
    });
    const [f, ...rest] = errors();
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ ruleId: "AddressSpace.NoOverlap", path: "net/p/LocalToRemote" });
    expect(f.message).toContain("network vnet-a (172.16.0.0/24)");
    expect(f.message).toContain("network vnet-b (172.16.0.128/25)");
  });

  it("reports a one-sided peering (createReverse: false) too", () => {
    new VnetPeering(stack, "p", {
      local: vnet("a", ["10.0.0.0/16"]),
      remote: vnet("b", ["10.0.0.0/8"]),
      createReverse: false,
    });
    expect(errors().map((f) => f.path)).toEqual(["net/p/LocalToRemote"]);
  });

  it("compares only the peered subnets of a subnet-level peering", () => {
    const a = vnet(
      "a",
      ["10.0.0.0/16"],
      [
        { name: "app", prefix: "10.0.1.0/24" },
        { name: "db", prefix: "10.0.2.0/24" },
      ],
    );
    const b = vnet(
      "b",
      ["10.0.0.0/16"],
      [
        { name: "web", prefix: "10.0.3.0/24" },
        { name: "ops", prefix: "10.0.1.0/24" },
      ],
    );
    const p = new VnetPeering(stack, "p", {
      local: a,
      remote: b,
      subnets: { local: ["app"], remote: ["web"] },
    });
    expect(errors()).toEqual([]);
    p.localToRemote.remoteSubnetNames = ["web", "ops"];
    p.remoteToLocal!.localSubnetNames = ["web", "ops"];
    expect(errors()[0].message).toContain("(10.0.1.0/24)");
  });

  it("checks an existing network by id against its declared spaces, and lists it as unverifiable without them", () => {
    const a = vnet("a", ["10.0.0.0/16"]);
    const id =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-x/providers/Microsoft.Network/virtualNetworks/legacy";
    new VnetPeering(stack, "p", {
      local: a,
      remote: Vnet.fromId(stack, "legacy", { vnetId: id, addressSpace: ["10.0.128.0/17"] }),
    });
    expect(errors()[0].message).toContain("network legacy (10.0.128.0/17)");

    const id2 = id.replace("legacy", "unknown");
    new VnetPeering(stack, "q", {
      local: vnet("c", ["10.9.0.0/16"]),
      remote: Vnet.fromId(stack, "unknown", { vnetId: id2 }),
    });
    expect(report().unverifiable.filter((u) => u.path.startsWith("net/q/"))).not.toEqual([]);
  });

  it("never guesses a variable address space: unverifiable, no finding", () => {
    const space = new TerraformVariable(stack, "space", { type: "list(string)" });
    const a = new Vnet(stack, "a", {
      name: "vnet-a",
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: space.listValue,
    });
    new VnetPeering(stack, "p", { local: a, remote: vnet("b", ["10.0.0.0/16"]) });
    const r = report();
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.what).join("\n")).toContain("var.space");
  });

  it("fails a VNet-to-VNet connection between overlapping networks, at the connection's path", () => {
    const a = vnet("a", ["10.11.0.0/16"]);
    const b = vnet("b", ["10.11.128.0/17"]);
    new VnetToVnetConnection(stack, "v2v", {
      local: gateway(a, "10.11.255.0/27"),
      remote: gateway(b, "10.11.254.0/27"),
      sharedKey: key("k"),
    });
    const f = errors();
    expect(f).toHaveLength(1);
    expect(f[0].path).toMatch(/^net\/v2v\//);
    expect(f[0].message).toContain("VNet-to-VNet connection");
    expect(f[0].fix).toContain("IPsec with NAT rules");
  });

  it("fails a site-to-site connection whose site overlaps the VNet", () => {
    const hub = vnet("hub", ["10.0.0.0/16"]);
    new SiteToSiteConnection(stack, "s2s", {
      gateway: gateway(hub, "10.0.255.0/27"),
      site: site("onprem", ["10.0.8.0/21"], "203.0.113.10"),
      sharedKey: key("k"),
    });
    const [f] = errors();
    expect(f).toMatchObject({ ruleId: "AddressSpace.NoOverlap", path: "net/s2s/Resource" });
    expect(f.message).toContain("site onprem (10.0.8.0/21)");
  });

  describe("Microsoft's NAT example: a VNet and two branches, all 10.0.1.0/24", () => {
    function natExample(branch2External: string, withIngress = true) {
      const v = vnet("vnet", ["10.0.1.0/24", "10.0.2.0/24"]);
      const gw = new VpnGateway(stack, "gw", { vnet: v, name: "gw", gatewaySubnetPrefix: "10.0.2.0/27" });
      const egress = new VpnNatRule(stack, "egress", {
        gateway: gw,
        name: "vnet-egress",
        mode: "EgressSnat",
        internalMappings: [{ addressSpace: "10.0.1.0/24" }],
        externalMappings: [{ addressSpace: "100.0.1.0/24" }],
      });
      const ingress = (id: string, external: string) =>
        new VpnNatRule(stack, id, {
          gateway: gw,
          name: id,
          mode: "IngressSnat",
          internalMappings: [{ addressSpace: "10.0.1.0/24" }],
          externalMappings: [{ addressSpace: external }],
        });
      const b1 = ingress("branch1-ingress", "100.0.2.0/24");
      const b2 = ingress("branch2-ingress", branch2External);
      new SiteToSiteConnection(stack, "branch1", {
        gateway: gw,
        site: site("branch1-site", ["10.0.1.0/24"], "203.0.113.1"),
        sharedKey: key("k1"),
        natRules: { egress: [egress], ingress: withIngress ? [b1] : [] },
      });
      new SiteToSiteConnection(stack, "branch2", {
        gateway: gw,
        site: site("branch2-site", ["10.0.1.0/24"], "203.0.113.2"),
        sharedKey: key("k2"),
        natRules: { egress: [egress], ingress: withIngress ? [b2] : [] },
      });
    }

    it("passes when EgressSnat and IngressSnat make every side distinct", () => {
      natExample("100.0.3.0/24");
      expect(errors()).toEqual([]);
    });

    it("fails when both branches are mapped to the same external prefix", () => {
      natExample("100.0.2.0/24");
      const f = errors();
      expect(f.length).toBeGreaterThan(0);
      expect(f[0].message).toContain("after NAT rule");
      expect(f.map((x) => x.message).join("\n")).toContain("100.0.2.0/24");
    });
  });

  it("fails a spoke that uses the hub's gateway and overlaps the hub's on-premises site, at the spoke's peering", () => {
    const hub = vnet("hub", ["10.0.0.0/16"]);
    const gw = gateway(hub, "10.0.255.0/27");
    new SiteToSiteConnection(stack, "s2s", {
      gateway: gw,
      site: site("onprem", ["192.168.0.0/16"], "203.0.113.10"),
      sharedKey: key("k"),
    });
    const spoke = vnet("spoke", ["192.168.10.0/24"]);
    const p = new VnetPeering(stack, "hub-spoke", {
      local: hub,
      remote: spoke,
      localToRemote: { allowGatewayTransit: true },
      remoteToLocal: { useRemoteGateways: true },
    });
    const f = errors();
    expect(f).toHaveLength(1);
    expect(f[0].path).toBe("net/hub-spoke/RemoteToLocal");
    expect(f[0].message).toContain("gateway transit");
    expect(f[0].message).toContain("site onprem (192.168.0.0/16)");
    // Without transit the spoke and the site still both meet in the hub, which cannot route to both:
    // a warning, since Azure accepts both links.
    p.remoteToLocal!.useRemoteGateways = false;
    expect(errors()).toEqual([]);
    const [w] = report().findings.filter((x) => x.ruleId === "AddressSpace.NoOverlap");
    expect(w.severity).toBe("warning");
    expect(w.message).toContain("both connected to network hub");
    // A spoke outside the site's space passes, with transit.
    spoke.resource.addressSpace = ["10.1.0.0/16"];
    p.remoteToLocal!.useRemoteGateways = true;
    expect(errors()).toEqual([]);
  });

  it("fails a hub peered with two spokes that overlap each other, naming both spokes and the hub", () => {
    const hub = vnet("hub", ["10.0.0.0/16"]);
    new VnetPeering(stack, "s1", { local: hub, remote: vnet("spoke1", ["10.1.0.0/16"]) });
    new VnetPeering(stack, "s2", { local: hub, remote: vnet("spoke2", ["10.1.128.0/17"]) });
    const f = errors();
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain("network spoke1 (10.1.0.0/16)");
    expect(f[0].message).toContain("network spoke2 (10.1.128.0/17)");
    expect(f[0].message).toContain("both connected to network hub");
  });
});

describe("GatewaySubnet.NoNsg with our constructs", () => {
  it("fails an NSG on the GatewaySubnet a VpnGateway created; passes on another subnet", () => {
    const v = vnet("hub", ["10.0.0.0/16"], [{ name: "app", prefix: "10.0.1.0/24" }]);
    const gw = gateway(v, "10.0.255.0/27");
    const nsg = new NetworkSecurityGroup(stack, "nsg", {
      name: "nsg",
      resourceGroupName: "rg",
      location: "westeurope",
    });
    new SubnetNetworkSecurityGroupAssociation(stack, "app-nsg", {
      subnetId: v.subnets.app.id,
      networkSecurityGroupId: nsg.id,
    });
    expect(errors()).toEqual([]);
    new SubnetNetworkSecurityGroupAssociation(stack, "gw-nsg", {
      subnetId: gw.gatewaySubnet.id,
      networkSecurityGroupId: nsg.id,
    });
    expect(errors()).toMatchObject([{ ruleId: "GatewaySubnet.NoNsg", path: "net/gw-nsg" }]);
  });
});

describe("Nat.UnsupportedConnection with our constructs", () => {
  it("catches NAT forced onto a VNet-to-VNet connection through the escape hatch", () => {
    const a = vnet("a", ["10.11.0.0/16"]);
    const b = vnet("b", ["10.41.0.0/16"]);
    const ga = gateway(a, "10.11.255.0/27");
    const v2v = new VnetToVnetConnection(stack, "v2v", {
      local: ga,
      remote: gateway(b, "10.41.255.0/27"),
      sharedKey: key("k"),
    });
    expect(errors()).toEqual([]);
    const nat = new VpnNatRule(stack, "nat", {
      gateway: ga,
      name: "nat",
      mode: "EgressSnat",
      internalMappings: [{ addressSpace: "10.11.0.0/16" }],
      externalMappings: [{ addressSpace: "100.64.0.0/16" }],
    });
    v2v.localToRemote.egressNatRuleIds = [nat.resource.id];
    const f = errors();
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: "Nat.UnsupportedConnection", path: "net/v2v/LocalToRemote" });
    expect(f[0].message).toContain("Vnet2Vnet");
  });

  it("fails app.synth() with our constructs like with raw resources", () => {
    const a = vnet("a", ["10.0.0.0/16"]);
    new VnetPeering(stack, "p", { local: a, remote: vnet("b", ["10.0.0.0/16"]) });
    applyConnectivityPolicies(app);
    expect(() => app.synth()).toThrow(/\[net\/p\/LocalToRemote\] error: AddressSpace\.NoOverlap/);
  });
});
