import { Vnet, VpnGateway } from "../../../../index";
import { BgpPeeringAddresses } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { Json, hub, ref } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = BgpPeeringAddresses;
const GW = "azurerm_virtual_network_gateway.hub";

/** The hub with BGP (ASN 65010) on `pips` public IPs and these peering_addresses blocks. */
function withPeering(pips: string[], blocks: Json[]) {
  return hub({ pips, asn: 65010, extra: { bgp_settings: { asn: 65010, peering_addresses: blocks } } });
}
const block = (ip_configuration_name: unknown, address = "169.254.21.1") =>
  ip_configuration_name === undefined
    ? { apipa_addresses: [address] }
    : { ip_configuration_name, apipa_addresses: [address] };

describe("Bgp.PeeringAddresses", () => {
  test("fails: two blocks on an active-standby gateway", () => {
    const [f, ...rest] = findings(
      withPeering(["pip1"], [block("ipconfig1"), block("ipconfig1", "169.254.21.5")]),
      RULE,
    );
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      GW,
      "gateway vgw-hub has 2 bgp_settings.peering_addresses blocks for 1 ip_configuration block(s)",
    );
  });

  test("fails: an unnamed block on an active-active gateway; a name the gateway does not have", () => {
    const found = findings(
      withPeering(["pip1", "pip2"], [block(undefined), block("ipconfig9", "169.254.22.1")]),
      RULE,
    );
    expect(found).toHaveLength(2);
    expectFinding(
      found[0],
      RULE,
      GW,
      "peering_addresses block 1 of gateway vgw-hub has no ip_configuration_name",
      "refuses this at apply",
    );
    expectFinding(
      found[1],
      RULE,
      GW,
      "peering_addresses block 2 of gateway vgw-hub names ip_configuration ipconfig9, which the gateway does not have (ipconfig1, ipconfig2)",
    );
  });

  test("passes: one named block per instance; an unnamed block on an active-standby gateway", () => {
    expect(
      run(withPeering(["pip1", "pip2"], [block("ipconfig1"), block("ipconfig2", "169.254.22.1")]), RULE),
    ).toEqual({ findings: [], unverifiable: [] });
    expect(run(withPeering(["pip1"], [block(undefined)]), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: an ip_configuration_name from a variable", () => {
    const r = run(withPeering(["pip1", "pip2"], [block(ref("var.cfg"))]), RULE);
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("an ip_configuration_name is unknown at synth"),
    ]);
  });

  test("constructs: VpnGateway refuses more entries than instances (same predicate); an override fails synth", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    expect(
      () =>
        new VpnGateway(stack, "bad", {
          vnet: net,
          name: "x",
          gatewaySubnetPrefix: "10.0.255.0/27",
          bgp: {
            asn: 65010,
            peeringAddresses: [{ apipaAddresses: ["169.254.21.1"] }, { apipaAddresses: ["169.254.21.2"] }],
          },
        }),
    ).toThrow(/net\/bad.*2 entries for 1 IP configuration/);
    const gw = new VpnGateway(stack, "gw", {
      vnet: net,
      name: "vgw-hub",
      activeActive: true,
      gatewaySubnetPrefix: "10.0.255.0/27",
      bgp: {
        asn: 65010,
        peeringAddresses: [{ apipaAddresses: ["169.254.21.1"] }, { apipaAddresses: ["169.254.22.1"] }],
      },
    });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    gw.resource.addOverride("bgp_settings.peering_addresses.1.ip_configuration_name", "other");
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/gw/Resource",
      "names ip_configuration other, which the gateway does not have (ipconfig1, ipconfig2)",
    );
  });
});
