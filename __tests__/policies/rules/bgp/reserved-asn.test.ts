import { LocalSite, Vnet, VpnGateway } from "../../../../index";
import { BgpReservedAsn } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { hub, localSite, ref } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = BgpReservedAsn;
const GW = "azurerm_virtual_network_gateway.hub";
const SITE = "azurerm_local_network_gateway.onprem";

function gatewayAsn(asn: number) {
  return hub({ asn });
}

function siteAsn(asn: unknown) {
  return localSite("onprem", ["192.168.0.0/16"], {
    bgp_settings: { asn, bgp_peering_address: "10.51.255.254" },
  });
}

describe("Bgp.ReservedAsn", () => {
  test.each([
    [8074, "reserved by Azure"],
    [12076, "reserved by Azure"],
    [65516, "outside the private ranges Microsoft lists as usable"],
    [65517, "reserved by Azure"],
    [65520, "reserved by Azure"],
    [23456, "AS_TRANS"],
    [64500, "documentation"],
    [65535, "reserved by IANA"],
    [4294967295, "reserved by IANA"],
  ])("fails: gateway ASN %d", (asn, why) => {
    const [f, ...rest] = findings(gatewayAsn(asn), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, GW, `gateway vgw-hub has BGP ASN ${asn}`, why);
    expect(f.values).toMatchObject({ asn: String(asn) });
  });

  test("fails: ASN 0, which is not an ASN, on a gateway or a site", () => {
    const [g] = findings(gatewayAsn(0), RULE);
    expectFinding(g, RULE, GW, "gateway vgw-hub has BGP ASN 0", "not a valid ASN");
    const [s] = findings(siteAsn(0), RULE);
    expectFinding(s, RULE, SITE, "site lng-onprem has BGP ASN 0", "not a valid ASN");
  });

  test("fails: a site with 65515, the ASN of Azure's gateways, or with an IANA-reserved ASN", () => {
    const [f] = findings(siteAsn(65515), RULE);
    expectFinding(
      f,
      RULE,
      SITE,
      "site lng-onprem has BGP ASN 65515",
      "ASN of Azure's VPN gateways",
      "on-premises peers",
    );
    const [g] = findings(siteAsn(65551), RULE);
    expectFinding(g, RULE, SITE, "BGP ASN 65551", "reserved by IANA");
  });

  test("passes: a gateway keeping Azure's default 65515, private ASNs, a site without BGP", () => {
    expect(findings(gatewayAsn(65515), RULE)).toEqual([]);
    expect(findings(gatewayAsn(65010), RULE)).toEqual([]);
    expect(findings(siteAsn(64512), RULE)).toEqual([]);
    expect(findings(siteAsn(4200000000), RULE)).toEqual([]);
    expect(findings(localSite("onprem", ["192.168.0.0/16"]), RULE)).toEqual([]);
    expect(findings(hub(), RULE)).toEqual([]);
  });

  test("unknown: an ASN from a variable is unverifiable", () => {
    const report = run(siteAsn(ref("var.onprem_asn")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([
      expect.objectContaining({
        ruleId: RULE.id,
        path: SITE,
        what: expect.stringContaining("var.onprem_asn"),
      }),
    ]);
  });

  test("constructs: LocalSite and VpnGateway refuse reserved ASNs; overrides through the escape hatch fail synth", () => {
    const { app, stack } = constructApp();
    const props = {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
    };
    expect(
      () => new LocalSite(stack, "bad", { ...props, bgp: { asn: 65515, peeringAddress: "10.51.255.254" } }),
    ).toThrow(/65515/);
    expect(
      () => new LocalSite(stack, "bad2", { ...props, bgp: { asn: 65516, peeringAddress: "10.51.255.254" } }),
    ).toThrow(/net\/bad2.*65516.*outside the private ranges/);
    const onPrem = new LocalSite(stack, "onprem", {
      ...props,
      bgp: { asn: 65010, peeringAddress: "10.51.255.254" },
    });
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const gw = new VpnGateway(stack, "gw", {
      vnet: net,
      name: "vgw-hub",
      bgp: { asn: 65020 },
      gatewaySubnetPrefix: "10.0.255.0/27",
    });
    expect(checkApp(app, RULE).findings).toEqual([]);
    onPrem.resource.addOverride("bgp_settings.asn", 65515);
    gw.resource.addOverride("bgp_settings.asn", 12076);
    const found = checkApp(app, RULE).findings;
    expect(found).toHaveLength(2);
    expectFinding(found[0], RULE, "net/gw/Resource", "gateway vgw-hub has BGP ASN 12076");
    expectFinding(found[1], RULE, "net/onprem/Resource", "site lng-onprem has BGP ASN 65515");
  });
});
