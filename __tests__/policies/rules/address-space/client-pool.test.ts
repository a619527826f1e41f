import { Vnet, VpnGateway } from "../../../../index";
import { AddressSpaceClientPool } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { connection, hub, localSite, peerBoth, ref, tfDoc, vnet } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = AddressSpaceClientPool;
const GW = "azurerm_virtual_network_gateway.hub";

function withPool(pool: unknown) {
  return hub({ extra: { vpn_client_configuration: { address_space: pool } } });
}

/** The hub with a client pool, a spoke 10.1.0.0/16 using its gateway and a site 192.168.0.0/16. */
function connected(pool: string[]) {
  return tfDoc(
    withPool(pool),
    vnet("spoke", ["10.1.0.0/16"]),
    peerBoth("spoke", "hub", { use_remote_gateways: true }, { allow_gateway_transit: true }),
    localSite("onprem", ["192.168.0.0/16"]),
    connection("s2s", "hub", { type: "IPsec", site: "onprem" }),
  );
}

describe("AddressSpace.ClientPool", () => {
  test("fails: a client pool inside the gateway's network", () => {
    const [f, ...rest] = findings(withPool(["10.0.200.0/24"]), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      GW,
      "gateway vgw-hub has point-to-site client pool 10.0.200.0/24",
      "network hub (10.0.0.0/16)",
    );
    expect(f.severity).toBe("error");
  });

  test("warns: a client pool overlapping a transit spoke or a connected site", () => {
    const found = findings(connected(["10.1.5.0/24", "192.168.1.0/24"]), RULE);
    expect(found.map((f) => [f.severity, f.values?.with])).toEqual([
      ["warning", "network spoke (a spoke using it through gateway transit)"],
      ["warning", "site lng-onprem"],
    ]);
  });

  test("passes: a pool apart from everything the gateway connects; no point-to-site", () => {
    expect(run(connected(["172.16.201.0/24"]), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(hub(), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: a pool from a variable, or not a CIDR block", () => {
    const report = run(withPool(ref("var.pool")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([
      expect.objectContaining({ ruleId: RULE.id, path: GW, what: expect.stringContaining("var.pool") }),
    ]);
    expect(run(withPool(["10.0.200.0/33"]), RULE).unverifiable).toHaveLength(1);
  });

  test("constructs: VpnGateway has no point-to-site; a pool added through the escape hatch is checked", () => {
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
    });
    gw.resource.addOverride("vpn_client_configuration.address_space", ["172.16.201.0/24"]);
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    gw.resource.addOverride("vpn_client_configuration.address_space", ["10.0.200.0/24"]);
    const found = checkApp(app, RULE).findings;
    expect(found.map((f) => f.values?.pool)).toContain("10.0.200.0/24");
    expectFinding(found[found.length - 1], RULE, "net/gw/Resource", "client pool 10.0.200.0/24");
  });
});
