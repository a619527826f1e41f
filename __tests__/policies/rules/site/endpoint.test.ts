import { LocalSite } from "../../../../index";
import { SiteEndpoint } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { connection, hub, localSite, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = SiteEndpoint;
const SITE = "azurerm_local_network_gateway.onprem";

function site(extra: Record<string, unknown>) {
  return localSite("onprem", ["192.168.0.0/16"], extra);
}

/** The hub with two sites of these FQDNs, each connected to it. */
function twoFqdnSites(a: unknown, b: unknown) {
  return tfDoc(
    hub(),
    localSite("a", ["192.168.1.0/24"], { gateway_address: undefined, gateway_fqdn: a }),
    localSite("b", ["192.168.2.0/24"], { gateway_address: undefined, gateway_fqdn: b }),
    connection("to_a", "hub", { type: "IPsec", site: "a" }),
    connection("to_b", "hub", { type: "IPsec", site: "b" }),
  );
}

describe("Site.Endpoint", () => {
  test("fails: both or neither of gateway_address and gateway_fqdn", () => {
    const [f, ...rest] = findings(site({ gateway_fqdn: "vpn.example.com" }), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, SITE, "site lng-onprem sets both gateway_address (203.0.113.10) and gateway_fqdn");
    const [n] = findings(site({ gateway_address: undefined }), RULE);
    expectFinding(n, RULE, SITE, "sets neither gateway_address nor gateway_fqdn");
  });

  test("fails: a gateway_address that is not an IPv4 address", () => {
    for (const bad of ["2001:db8::1", "203.0.113.10/32", "vpn.example.com", "300.1.1.1"]) {
      const [f, ...rest] = findings(site({ gateway_address: bad }), RULE);
      expect(rest).toEqual([]);
      expectFinding(f, RULE, SITE, `has gateway_address ${bad}, which is not an IPv4 address`);
    }
  });

  test("fails: two sites of one gateway with the same FQDN (case and trailing dot ignored)", () => {
    const [f, ...rest] = findings(twoFqdnSites("vpn.example.com", "VPN.example.com."), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "azurerm_local_network_gateway.b",
      "site lng-b and site lng-a both have gateway_fqdn VPN.example.com.",
      "gateway vgw-hub",
    );
  });

  test("passes: an IPv4 address; an FQDN; different FQDNs on one gateway", () => {
    expect(run(site({}), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(site({ gateway_address: undefined, gateway_fqdn: "vpn.example.com" }), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
    expect(run(twoFqdnSites("a.example.com", "b.example.com"), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
  });

  test("unknown: an address from a variable is not judged; an FQDN from a variable cannot be compared", () => {
    expect(run(site({ gateway_address: ref("var.device_ip") }), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
    const report = run(twoFqdnSites("vpn.example.com", ref("var.fqdn")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([
      expect.objectContaining({
        ruleId: RULE.id,
        path: "azurerm_local_network_gateway.b",
        what: expect.stringContaining("var.fqdn"),
      }),
    ]);
  });

  test("constructs: LocalSite refuses both, neither and IPv6 (same predicate); an override fails synth", () => {
    const { app, stack } = constructApp();
    const props = {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["192.168.0.0/16"],
    };
    expect(
      () =>
        new LocalSite(stack, "both", {
          ...props,
          gatewayAddress: "203.0.113.10",
          gatewayFqdn: "vpn.example.com",
        }),
    ).toThrow(/net\/both.*both set; give exactly one/);
    expect(() => new LocalSite(stack, "neither", props)).toThrow(
      /net\/neither.*`gatewayAddress` or `gatewayFqdn` is required/,
    );
    expect(() => new LocalSite(stack, "v6", { ...props, gatewayAddress: "2001:db8::1" })).toThrow(
      /net\/v6.*not an IPv4 address/,
    );
    const onprem = new LocalSite(stack, "onprem", { ...props, gatewayAddress: "203.0.113.10" });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    onprem.resource.addOverride("gateway_fqdn", "vpn.example.com");
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/onprem/Resource", "sets both gateway_address");
  });
});
