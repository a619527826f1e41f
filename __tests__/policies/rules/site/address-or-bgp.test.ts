import { LocalSite, SharedKey, SiteToSiteConnection, Vnet, VpnGateway } from "../../../../index";
import { SiteAddressOrBgp } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { connection, hub, localSite, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = SiteAddressOrBgp;
const SITE = "azurerm_local_network_gateway.onprem";

describe("Site.AddressOrBgp", () => {
  test("fails: a site with an empty address space and no BGP, or with no address_space at all", () => {
    const [f, ...rest] = findings(localSite("onprem", []), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, SITE, "site lng-onprem", "empty address_space and no bgp_settings");
    expect(f.values).toEqual({ site: "lng-onprem" });
    expect(findings(localSite("onprem", undefined), RULE)).toHaveLength(1);
  });

  test("passes: prefixes without BGP, or BGP with an empty address space", () => {
    expect(findings(localSite("onprem", ["192.168.0.0/16"]), RULE)).toEqual([]);
    const bgpOnly = localSite("onprem", [], {
      bgp_settings: { asn: 65050, bgp_peering_address: "10.51.255.254" },
    });
    expect(findings(bgpOnly, RULE)).toEqual([]);
  });

  test("unknown: an address space from a variable is unverifiable", () => {
    const report = run(localSite("onprem", ref("var.onprem_prefixes")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.onprem_prefixes")]);
  });

  test("constructs: LocalSite refuses a site with neither; emptying its address space by override fails synth", () => {
    const { app, stack } = constructApp();
    const props = {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
    };
    expect(() => new LocalSite(stack, "bad", { ...props, addressSpace: [] })).toThrow(/addressSpace/);
    const onPrem = new LocalSite(stack, "onprem", { ...props, addressSpace: ["192.168.0.0/16"] });
    expect(checkApp(app, RULE).findings).toEqual([]);
    onPrem.resource.addOverride("address_space", null);
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/onprem/Resource", "site lng-onprem");
  });

  describe("a BGP-only site whose connections have BGP off", () => {
    const bgpSite = localSite("onprem", [], {
      bgp_settings: { asn: 65050, bgp_peering_address: "10.51.255.254" },
    });
    const doc = (bgp: unknown) =>
      tfDoc(
        hub({ asn: 65010 }),
        bgpSite,
        connection("s2s", "hub", { type: "IPsec", site: "onprem", extra: { bgp_enabled: bgp } }),
      );

    test("fails: BGP off or unset on every connection", () => {
      const [f, ...rest] = findings(doc(false), RULE);
      expect(rest).toEqual([]);
      expectFinding(
        f,
        RULE,
        SITE,
        "site lng-onprem has an empty address_space and relies on BGP",
        "connection(s) s2s have BGP off",
      );
      expect(findings(doc(undefined), RULE)).toHaveLength(1);
    });

    test("passes: BGP on the connection", () => {
      expect(run(doc(true), RULE)).toEqual({ findings: [], unverifiable: [] });
    });

    test("unknown: bgp_enabled from a variable", () => {
      const report = run(doc(ref("var.bgp")), RULE);
      expect(report.findings).toEqual([]);
      expect(report.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.bgp")]);
    });

    test("constructs: a BGP-only LocalSite joined without bgp fails synth", () => {
      const { app, stack } = constructApp();
      const net = new Vnet(stack, "hub", {
        name: "vnet-hub",
        resourceGroupName: "rg-net",
        location: "westeurope",
        addressSpace: ["10.0.0.0/16"],
      });
      const gw = new VpnGateway(stack, "gw", {
        vnet: net,
        name: "vgw-hub",
        gatewaySubnetPrefix: "10.0.255.0/27",
        bgp: { asn: 65010 },
      });
      const site = new LocalSite(stack, "onprem", {
        name: "lng-onprem",
        resourceGroupName: "rg-net",
        location: "westeurope",
        gatewayAddress: "203.0.113.10",
        bgp: { asn: 65050, peeringAddress: "10.51.255.254" },
      });
      const conn = new SiteToSiteConnection(stack, "s2s", {
        gateway: gw,
        site,
        sharedKey: SharedKey.fromVariable(stack, "psk"),
        bgp: true,
      });
      expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
      conn.resource.addOverride("bgp_enabled", false);
      const [f, ...rest] = checkApp(app, RULE).findings;
      expect(rest).toEqual([]);
      expectFinding(f, RULE, "net/onprem/Resource", "relies on BGP");
    });
  });
});
