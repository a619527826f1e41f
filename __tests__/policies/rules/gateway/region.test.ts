import { LocalSite, SharedKey, SiteToSiteConnection, Vnet, VpnGateway } from "../../../../index";
import { GatewayRegion } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import {
  armId,
  connection,
  data,
  hub,
  localSite,
  ref,
  tfDoc,
  vnet,
  vpnGateway,
} from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewayRegion;
const GW = "azurerm_virtual_network_gateway.hub";
const CONN = "azurerm_virtual_network_gateway_connection.s2s";

/** The hub with a site-to-site connection `s2s`; `gw` and `conn` add attributes to the gateway and the connection. */
function withConnection(gw: Record<string, unknown> = {}, conn: Record<string, unknown> = {}) {
  return tfDoc(
    hub({ extra: gw }),
    localSite("onprem", ["192.168.0.0/16"]),
    connection("s2s", "hub", { type: "IPsec", site: "onprem", extra: conn }),
  );
}

describe("Gateway.Region", () => {
  test("fails: a gateway in another region than its network", () => {
    const [f, ...rest] = findings(
      withConnection({ location: "northeurope" }, { location: "northeurope" }),
      RULE,
    );
    expect(rest).toEqual([]);
    expectFinding(f, RULE, GW, "gateway vgw-hub is in northeurope, but its network hub is in westeurope");
    expect(f.values).toMatchObject({ location: "northeurope", networkLocation: "westeurope" });
  });

  test("fails: a connection in another region than its gateway", () => {
    const [f, ...rest] = findings(withConnection({}, { location: "North Europe" }), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      CONN,
      "connection s2s is in North Europe, but its gateway vgw-hub is in westeurope",
    );
  });

  test("passes: the same regions, written as the display name or the name", () => {
    expect(run(withConnection(), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(withConnection({ location: "West Europe" }, { location: "WestEurope" }), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
  });

  test("unknown: a location from a variable, a network read by a data source, a gateway known only by id", () => {
    const v = run(withConnection({ location: ref("var.location") }, { location: ref("var.location") }), RULE);
    expect(v.findings).toEqual([]);
    expect(v.unverifiable.map((u) => u.path)).toEqual([GW, CONN]);
    const existing = tfDoc(
      data("azurerm_virtual_network", "hub", { name: "hub", resource_group_name: "rg-net" }),
      vpnGateway("gw", "${data.azurerm_virtual_network.hub.name}", "10.0.255.0/27"),
    );
    existing.resource.azurerm_subnet.gw_subnet.virtual_network_name =
      "${data.azurerm_virtual_network.hub.name}";
    const d = run(existing, RULE);
    expect(d.findings).toEqual([]);
    expect(d.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("the network's location is not known"),
    ]);
    const byId = run(
      tfDoc(
        vnet("x", ["10.9.0.0/16"]),
        localSite("onprem", ["192.168.0.0/16"]),
        // The gateway as a literal ARM id (connection() takes a Terraform name: the id goes in `extra`).
        connection("s2s", "gw", {
          type: "IPsec",
          site: "onprem",
          extra: { virtual_network_gateway_id: armId("virtualNetworkGateways", "gw") },
        }),
      ),
      RULE,
    );
    expect(byId.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("is not a gateway of the configuration"),
    ]);
  });

  test("constructs: VpnGateway refuses another region than its network's; overrides fail synth", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    expect(
      () =>
        new VpnGateway(stack, "far", {
          vnet: net,
          name: "x",
          gatewaySubnetPrefix: "10.0.255.0/27",
          location: "northeurope",
        }),
    ).toThrow(/net\/far.*'northeurope' is not the region of network 'net\/hub' \('westeurope'\)/);
    const gw = new VpnGateway(stack, "gw", {
      vnet: net,
      name: "vgw-hub",
      gatewaySubnetPrefix: "10.0.255.0/27",
      location: "West Europe",
    });
    const site = new LocalSite(stack, "onprem", {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "northeurope",
      gatewayAddress: "203.0.113.10",
      addressSpace: ["192.168.0.0/16"],
    });
    const sharedKey = SharedKey.fromVariable(stack, "psk");
    const s2s = new SiteToSiteConnection(stack, "s2s", { gateway: gw, site, sharedKey });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    s2s.resource.addOverride("location", "northeurope");
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/s2s/Resource",
      "is in northeurope, but its gateway vgw-hub is in West Europe",
    );
  });
});
