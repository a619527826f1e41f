import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import { Vnet } from "../../../../index";
import { GatewaySubnetRouteTable } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import {
  Json,
  RG,
  idOf,
  ref,
  resource,
  routeTable,
  routeTableAssociation,
  subnet,
  tfDoc,
  vnet,
} from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewaySubnetRouteTable;
const ASSOC = "azurerm_subnet_route_table_association.gw_rt";

/** `azurerm_route_table.rt` named `rt-gw`, with a route to on-premises unless `routes` says otherwise. */
function table(
  extra: Json = {},
  routes: Json[] = [
    { name: "to-onprem", address_prefix: "192.168.0.0/16", next_hop_type: "VirtualNetworkGateway" },
  ],
): Json {
  return routeTable("rt", routes, { name: "rt-gw", ...extra });
}

function onGatewaySubnet(table: Json, subnetName = "GatewaySubnet", ...more: Json[]): Json {
  return tfDoc(
    vnet("hub", ["10.0.0.0/16"]),
    subnet("gw", "hub", subnetName, ["10.0.255.0/27"]),
    table,
    routeTableAssociation("gw_rt", "gw", "rt"),
    ...more,
  );
}

describe("GatewaySubnet.RouteTable", () => {
  test("fails: an inline 0.0.0.0/0 route in the route table on GatewaySubnet", () => {
    const d = onGatewaySubnet(
      table({}, [
        {
          name: "default",
          address_prefix: "0.0.0.0/0",
          next_hop_type: "VirtualAppliance",
          next_hop_in_ip_address: "10.0.1.4",
        },
      ]),
    );
    const [f, ...rest] = findings(d, RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      ASSOC,
      "route table rt-gw",
      "subnet GatewaySubnet of network hub",
      "route default",
      "0.0.0.0/0",
    );
    expect(f.values).toMatchObject({ route: "default", addressPrefix: "0.0.0.0/0" });
  });

  test("fails: an azurerm_route resource to 0.0.0.0/0 in that table", () => {
    const d = onGatewaySubnet(
      table({}, []),
      "GatewaySubnet",
      resource("azurerm_route", "default", {
        name: "default-route",
        resource_group_name: RG,
        route_table_name: ref("azurerm_route_table.rt.name"),
        address_prefix: "0.0.0.0/0",
        next_hop_type: "Internet",
      }),
    );
    const [f] = findings(d, RULE);
    expectFinding(f, RULE, ASSOC, "route default-route (azurerm_route.default)", "0.0.0.0/0");
  });

  test("fails: BGP route propagation disabled (azurerm 4.x and 3.x names)", () => {
    const [f4] = findings(onGatewaySubnet(table({ bgp_route_propagation_enabled: false })), RULE);
    expectFinding(f4, RULE, ASSOC, "BGP route propagation disabled");
    const [f3] = findings(onGatewaySubnet(table({ disable_bgp_route_propagation: true })), RULE);
    expectFinding(f3, RULE, ASSOC, "BGP route propagation disabled");
  });

  test("fails: the route_table_id of an inline subnet block named GatewaySubnet", () => {
    const d = tfDoc(
      table({ bgp_route_propagation_enabled: false }),
      vnet("hub", ["10.0.0.0/16"], {
        subnet: [
          {
            name: "GatewaySubnet",
            address_prefixes: ["10.0.255.0/27"],
            route_table_id: idOf("azurerm_route_table", "rt"),
          },
        ],
      }),
    );
    const [f] = findings(d, RULE);
    expectFinding(
      f,
      RULE,
      "azurerm_virtual_network.hub",
      "inline subnet block",
      "BGP route propagation disabled",
    );
  });

  test("passes: specific routes with propagation on; a default route on another subnet", () => {
    expect(findings(onGatewaySubnet(table()), RULE)).toEqual([]);
    const other = onGatewaySubnet(
      table({ bgp_route_propagation_enabled: false }, [
        { name: "default", address_prefix: "0.0.0.0/0", next_hop_type: "Internet" },
      ]),
      "workloads",
    );
    expect(findings(other, RULE)).toEqual([]);
  });

  test("unknown: a route prefix and the propagation flag from variables are unverifiable", () => {
    const d = onGatewaySubnet(
      table({ bgp_route_propagation_enabled: ref("var.propagate") }, [
        { name: "x", address_prefix: ref("var.prefix"), next_hop_type: "Internet" },
      ]),
    );
    const report = run(d, RULE);
    expect(report.findings).toEqual([]);
    const what = report.unverifiable.map((u) => u.what).join("\n");
    expect(report.unverifiable).toHaveLength(2);
    expect(what).toContain("var.propagate");
    expect(what).toContain("var.prefix");
  });

  test("constructs: a route table with a default route on the Vnet construct's GatewaySubnet", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
      subnets: [{ name: "GatewaySubnet", addressPrefixes: ["10.0.255.0/27"] }],
    });
    const rt = new RouteTable(stack, "rt", {
      name: "rt-gw",
      resourceGroupName: "rg-net",
      location: "westeurope",
      route: [{ name: "default", addressPrefix: "0.0.0.0/0", nextHopType: "Internet" }],
    });
    new SubnetRouteTableAssociation(stack, "gw-rt", {
      subnetId: net.subnets.GatewaySubnet.id,
      routeTableId: rt.id,
    });
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/gw-rt",
      "route table rt-gw (net/rt)",
      "subnet GatewaySubnet of network vnet-hub",
      "0.0.0.0/0",
    );
  });
});

describe("GatewaySubnet.RouteTable: routes that cover GatewaySubnet", () => {
  const route = (address_prefix: unknown, next_hop_type: unknown) => ({
    name: "r",
    address_prefix,
    next_hop_type,
  });

  test("fails: a route covering GatewaySubnet to next hop None; warns for VirtualAppliance", () => {
    const [none, ...rest] = findings(onGatewaySubnet(table({}, [route("10.0.0.0/16", "None")])), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      none,
      RULE,
      ASSOC,
      "route r to 10.0.0.0/16, which covers GatewaySubnet 10.0.255.0/27, with next hop None",
      "blocks gateway creation",
    );
    expect(none.severity).toBe("error");
    const azurermRoute = resource("azurerm_route", "va", {
      name: "va",
      resource_group_name: RG,
      route_table_name: ref("azurerm_route_table.rt.name"),
      address_prefix: "10.0.255.0/28",
      next_hop_type: "VirtualAppliance",
      next_hop_in_ip_address: "10.0.1.4",
    });
    const [va] = findings(onGatewaySubnet(table({}, []), "GatewaySubnet", azurermRoute), RULE);
    expectFinding(
      va,
      RULE,
      ASSOC,
      "route va (azurerm_route.va) to 10.0.255.0/28",
      "with next hop VirtualAppliance",
      "if the appliance drops",
    );
    expect(va.severity).toBe("warning");
  });

  test("passes: None or appliance routes that miss GatewaySubnet; gateway routes over it; service tags", () => {
    const d = onGatewaySubnet(
      table({}, [
        route("10.1.0.0/16", "None"),
        route("10.0.1.0/24", "VirtualAppliance"),
        route("10.0.0.0/8", "VirtualNetworkGateway"),
        route("AzureCloud", "None"),
      ]),
    );
    expect(run(d, RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: a next hop type from a variable on a covering route", () => {
    const r = run(onGatewaySubnet(table({}, [route("10.0.0.0/16", ref("var.hop"))])), RULE);
    expect(r.findings).toEqual([]);
    expect(r.unverifiable.map((u) => u.what)).toEqual([
      expect.stringContaining("its next_hop_type is ${var.hop}"),
    ]);
  });

  test("constructs: a blackhole route over the Vnet construct's GatewaySubnet", () => {
    const { app, stack } = constructApp();
    const net = new Vnet(stack, "hub", {
      name: "vnet-hub",
      resourceGroupName: "rg-net",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
      subnets: [{ name: "GatewaySubnet", addressPrefixes: ["10.0.255.0/27"] }],
    });
    const rt = new RouteTable(stack, "rt", {
      name: "rt-gw",
      resourceGroupName: "rg-net",
      location: "westeurope",
      route: [{ name: "drop", addressPrefix: "10.0.255.0/27", nextHopType: "None" }],
    });
    new SubnetRouteTableAssociation(stack, "gw-rt", {
      subnetId: net.subnets.GatewaySubnet.id,
      routeTableId: rt.id,
    });
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/gw-rt", "route drop to 10.0.255.0/27", "next hop None");
  });
});
