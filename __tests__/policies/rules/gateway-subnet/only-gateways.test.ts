import { NetworkInterface } from "@cdktf/provider-azurerm/lib/network-interface";
import { Vnet, VpnGateway } from "../../../../index";
import { GatewaySubnetOnlyGateways } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import {
  LOCATION,
  RG,
  armSubnetId,
  hub,
  idOf,
  ref,
  resource,
  subnet,
  tfDoc,
} from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = GatewaySubnetOnlyGateways;

/** A NIC `<tf>` whose ip_configuration is on `subnetId`. */
function nic(tf: string, subnetId: string) {
  return resource("azurerm_network_interface", tf, {
    name: tf,
    resource_group_name: RG,
    location: LOCATION,
    ip_configuration: { name: "ip", subnet_id: subnetId, private_ip_address_allocation: "Dynamic" },
  });
}

/** A NAT gateway association `<tf>` on `subnetId`. */
function natGateway(tf: string, subnetId: string) {
  return resource("azurerm_subnet_nat_gateway_association", tf, {
    subnet_id: subnetId,
    nat_gateway_id: idOf("azurerm_nat_gateway", "ng"),
  });
}

describe("GatewaySubnet.OnlyGateways", () => {
  test("fails: a NIC, a private endpoint and a NAT gateway on GatewaySubnet (by reference, built id and literal id)", () => {
    const doc = tfDoc(
      hub(),
      nic("vm_nic", idOf("azurerm_subnet", "gw")),
      resource("azurerm_private_endpoint", "pe", {
        name: "pe",
        resource_group_name: RG,
        location: LOCATION,
        subnet_id: "${azurerm_virtual_network.hub.id}/subnets/GatewaySubnet",
      }),
      natGateway("ng_gw", armSubnetId("hub", "GatewaySubnet")),
    );
    const found = findings(doc, RULE);
    expect(found.map((f) => f.path)).toEqual([
      "azurerm_network_interface.vm_nic",
      "azurerm_private_endpoint.pe",
      "azurerm_subnet_nat_gateway_association.ng_gw",
    ]);
    expectFinding(
      found[0],
      RULE,
      "azurerm_network_interface.vm_nic",
      "azurerm_network_interface azurerm_network_interface.vm_nic is placed in subnet GatewaySubnet of network hub",
      "nothing but virtual network gateways",
    );
    expectFinding(
      found[2],
      RULE,
      "azurerm_subnet_nat_gateway_association.ng_gw",
      "a NAT gateway is attached to subnet GatewaySubnet",
      "cannot be attached to a gateway subnet",
    );
  });

  test("passes: the gateway itself; NICs and NAT gateways on other subnets; a service-endpoint rule naming GatewaySubnet", () => {
    const doc = tfDoc(
      hub(),
      subnet("app", "hub", "app", ["10.0.1.0/24"]),
      nic("vm_nic", idOf("azurerm_subnet", "app")),
      natGateway("ng_app", idOf("azurerm_subnet", "app")),
      resource("azurerm_mssql_virtual_network_rule", "sql", {
        name: "sql",
        server_id: "x",
        subnet_id: idOf("azurerm_subnet", "gw"),
      }),
      resource("azurerm_storage_account", "sa", {
        name: "sa",
        network_rules: { default_action: "Deny", virtual_network_subnet_ids: [idOf("azurerm_subnet", "gw")] },
      }),
    );
    expect(run(doc, RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: a resource on a subnet whose name is a variable", () => {
    const doc = tfDoc(
      hub(),
      subnet("s", "hub", ref("var.subnet_name"), ["10.0.2.0/24"]),
      nic("vm_nic", idOf("azurerm_subnet", "s")),
    );
    const r = run(doc, RULE);
    expect(r.findings).toEqual([]);
    expect(r.unverifiable).toEqual([
      expect.objectContaining({
        path: "azurerm_network_interface.vm_nic",
        what: expect.stringContaining("${var.subnet_name}"),
      }),
    ]);
  });

  test("constructs: a NIC on a VpnGateway's GatewaySubnet fails synth", () => {
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
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    new NetworkInterface(stack, "nic", {
      name: "nic",
      resourceGroupName: "rg-net",
      location: "westeurope",
      ipConfiguration: [{ name: "ip", subnetId: gw.gatewaySubnet.id, privateIpAddressAllocation: "Dynamic" }],
    });
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "net/nic",
      "azurerm_network_interface net/nic is placed in subnet GatewaySubnet of network vnet-hub",
    );
  });
});
