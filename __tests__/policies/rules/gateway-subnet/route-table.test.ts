import { RouteTable } from "@cdktf/provider-azurerm/lib/route-table";
import { SubnetRouteTableAssociation } from "@cdktf/provider-azurerm/lib/subnet-route-table-association";
import { Vnet } from "../../../../index";
import { GatewaySubnetRouteTable } from "../../../../policies/rules";
import {
  Json,
  RG,
  checkApp,
  constructApp,
  doc,
  expectFinding,
  findings,
  idOf,
  ref,
  resource,
  run,
  subnet,
  vnet,
} from "../gateway-fixtures";

const RULE = GatewaySubnetRouteTable;
const ASSOC = "azurerm_subnet_route_table_association.gw_rt";

function routeTable(
  extra: Json = {},
  routes: Json[] = [
    { name: "to-onprem", address_prefix: "192.168.0.0/16", next_hop_type: "VirtualNetworkGateway" },
  ],
): Json {
  return resource("azurerm_route_table", "rt", {
    name: "rt-gw",
    resource_group_name: RG,
    location: "westeurope",
    route: routes,
    ...extra,
  });
}

function onGatewaySubnet(table: Json, subnetName = "GatewaySubnet", ...more: Json[]): Json {
  return doc(
    vnet("hub", ["10.0.0.0/16"]),
    subnet("gw", "hub", subnetName, ["10.0.255.0/27"]),
    table,
    resource("azurerm_subnet_route_table_association", "gw_rt", {
      subnet_id: idOf("azurerm_subnet", "gw"),
      route_table_id: idOf("azurerm_route_table", "rt"),
    }),
    ...more,
  );
}

describe("GatewaySubnet.RouteTable", () => {
  test("fails: an inline 0.0.0.0/0 route in the route table on GatewaySubnet", () => {
    const d = onGatewaySubnet(
      routeTable({}, [
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
      routeTable({}, []),
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
    const [f4] = findings(onGatewaySubnet(routeTable({ bgp_route_propagation_enabled: false })), RULE);
    expectFinding(f4, RULE, ASSOC, "BGP route propagation disabled");
    const [f3] = findings(onGatewaySubnet(routeTable({ disable_bgp_route_propagation: true })), RULE);
    expectFinding(f3, RULE, ASSOC, "BGP route propagation disabled");
  });

  test("fails: the route_table_id of an inline subnet block named GatewaySubnet", () => {
    const d = doc(
      routeTable({ bgp_route_propagation_enabled: false }),
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
    expect(findings(onGatewaySubnet(routeTable()), RULE)).toEqual([]);
    const other = onGatewaySubnet(
      routeTable({ bgp_route_propagation_enabled: false }, [
        { name: "default", address_prefix: "0.0.0.0/0", next_hop_type: "Internet" },
      ]),
      "workloads",
    );
    expect(findings(other, RULE)).toEqual([]);
  });

  test("unknown: a route prefix and the propagation flag from variables are unverifiable", () => {
    const d = onGatewaySubnet(
      routeTable({ bgp_route_propagation_enabled: ref("var.propagate") }, [
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
