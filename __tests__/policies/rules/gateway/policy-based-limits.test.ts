import { LocalSite, SharedKey, SiteToSiteConnection, Vnet, VpnGateway } from "../../../../index";
import { GatewayPolicyBasedLimits } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { connection, hub, localSite, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewayPolicyBasedLimits;
const GW = "azurerm_virtual_network_gateway.hub";
const POLICY_BASED = { sku: "Basic", generation: "Generation1", extra: { vpn_type: "PolicyBased" } };

/** The hub (`gw` options) with `sites` site-to-site connections `s2s<n>`; `conn` adds attributes to each. */
function hubWithSites(gw: Parameters<typeof hub>[0], sites: number, conn: Record<string, unknown> = {}) {
  const parts = [hub(gw)];
  for (let i = 1; i <= sites; i++)
    parts.push(
      localSite(`site${i}`, [`192.168.${i}.0/24`], { gateway_address: `203.0.113.${i}` }),
      connection(`s2s${i}`, "hub", { type: "IPsec", site: `site${i}`, extra: conn }),
    );
  return tfDoc(...parts);
}

describe("Gateway.PolicyBasedLimits", () => {
  test("fails: two site-to-site connections on a PolicyBased gateway (multi-site)", () => {
    const [f, ...rest] = findings(hubWithSites(POLICY_BASED, 2), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      GW,
      "gateway vgw-hub (PolicyBased) has 2 site-to-site connections",
      "supports 1 site-to-site tunnel",
    );
  });

  test("fails: point-to-site on a PolicyBased gateway; a connection with IKEv2", () => {
    const p2s = hubWithSites(
      {
        ...POLICY_BASED,
        extra: { ...POLICY_BASED.extra, vpn_client_configuration: { address_space: ["172.16.0.0/24"] } },
      },
      1,
      {
        connection_protocol: "IKEv2",
      },
    );
    const found = findings(p2s, RULE);
    expect(found).toHaveLength(2);
    expectFinding(
      found[0],
      RULE,
      GW,
      "has a vpn_client_configuration",
      "point-to-site needs a RouteBased gateway",
    );
    expectFinding(
      found[1],
      RULE,
      "azurerm_virtual_network_gateway_connection.s2s1",
      "connection s2s1 of gateway vgw-hub (PolicyBased) has connection_protocol IKEv2",
      "IKEv1 only",
    );
  });

  test("passes: one IKEv1 (or unset) connection on a PolicyBased gateway; several connections and IKEv2 on RouteBased", () => {
    expect(run(hubWithSites(POLICY_BASED, 1), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(hubWithSites(POLICY_BASED, 1, { connection_protocol: "IKEv1" }), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
    expect(run(hubWithSites({}, 3, { connection_protocol: "IKEv2" }), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
  });

  test("unknown: a vpn_type from a variable, where the limits would apply", () => {
    const r = run(
      hubWithSites({ sku: "Basic", generation: "Generation1", extra: { vpn_type: ref("var.vpn_type") } }, 2),
      RULE,
    );
    expect(r.findings).toEqual([]);
    expect(r.unverifiable).toEqual([
      expect.objectContaining({ path: GW, what: expect.stringContaining("vpn_type is ${var.vpn_type}") }),
    ]);
    // Nothing to verify with one connection and no IKEv2.
    expect(run(hubWithSites({ extra: { vpn_type: ref("var.vpn_type") } }, 1), RULE).unverifiable).toEqual([]);
  });

  test("constructs: connections on a PolicyBased gateway default to IKEv1 and refuse IKEv2; a second site fails synth", () => {
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
      sku: "Basic",
      vpnType: "PolicyBased",
      gatewaySubnetPrefix: "10.0.255.0/27",
    });
    const sharedKey = SharedKey.fromVariable(stack, "psk");
    const site = (id: string, n: number) =>
      new LocalSite(stack, id, {
        name: `lng-${id}`,
        resourceGroupName: "rg-net",
        location: "westeurope",
        gatewayAddress: `203.0.113.${n}`,
        addressSpace: [`192.168.${n}.0/24`],
      });
    const one = site("one", 1);
    expect(
      () =>
        new SiteToSiteConnection(stack, "ikev2", {
          gateway: gw,
          site: one,
          sharedKey,
          connectionProtocol: "IKEv2",
        }),
    ).toThrow(
      /net\/ikev2.*'IKEv2' is not supported on gateway 'net\/gw', which is PolicyBased \(IKEv1 only\)/,
    );
    const first = new SiteToSiteConnection(stack, "s2s1", { gateway: gw, site: one, sharedKey });
    expect(first.resource.connectionProtocolInput).toBe("IKEv1");
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    new SiteToSiteConnection(stack, "s2s2", { gateway: gw, site: site("two", 2), sharedKey });
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/gw/Resource",
      "(PolicyBased) has 2 site-to-site connections (net/s2s1/Resource, net/s2s2/Resource)",
    );
  });
});
