/**
 * A construct and the rule that check the same Azure fact call the same core/azure predicate, so they
 * agree: for each fact where they used to disagree, the construct refuses the value and the rule reports
 * it on raw Terraform (or neither does).
 */
import { Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { LocalSite, SharedKey, SiteToSiteConnection, Vnet, VpnGateway } from "../../../index";
import { checkTerraform } from "../../../policies/check-terraform";
import { ALL_RULES } from "../../../policies/rules";
import { Rule } from "../../../policies/rule";

const RG = { resource_group_name: "rg-net", location: "westeurope" };

function stack(): TerraformStack {
  const s = new TerraformStack(Testing.app(), "net");
  new AzurermProvider(s, "azurerm", { features: [{}] });
  return s;
}

function rule(id: string): Rule {
  return ALL_RULES.find((r) => r.id === id)!;
}

function siteDoc(asn: number) {
  return {
    resource: {
      azurerm_local_network_gateway: {
        onprem: {
          name: "lng-onprem",
          ...RG,
          gateway_address: "203.0.113.10",
          address_space: ["192.168.0.0/16"],
          bgp_settings: { asn, bgp_peering_address: "192.168.255.1" },
        },
      },
    },
  };
}

function connectionDoc(extra: Record<string, unknown>) {
  return {
    resource: {
      azurerm_virtual_network: { hub: { name: "hub", ...RG, address_space: ["10.0.0.0/16"] } },
      azurerm_subnet: {
        gw: {
          name: "GatewaySubnet",
          resource_group_name: "rg-net",
          virtual_network_name: "${azurerm_virtual_network.hub.name}",
          address_prefixes: ["10.0.255.0/27"],
        },
      },
      azurerm_public_ip: {
        pip: { name: "pip", ...RG, sku: "Standard", allocation_method: "Static", zones: ["1", "2", "3"] },
      },
      azurerm_virtual_network_gateway: {
        hub: {
          name: "vgw-hub",
          ...RG,
          type: "Vpn",
          vpn_type: "RouteBased",
          sku: "VpnGw2AZ",
          generation: "Generation2",
          ip_configuration: [
            {
              name: "ipconfig1",
              subnet_id: "${azurerm_subnet.gw.id}",
              public_ip_address_id: "${azurerm_public_ip.pip.id}",
            },
          ],
        },
      },
      ...siteDoc(65050).resource,
      azurerm_virtual_network_gateway_connection: {
        s2s: {
          name: "s2s",
          ...RG,
          type: "IPsec",
          virtual_network_gateway_id: "${azurerm_virtual_network_gateway.hub.id}",
          local_network_gateway_id: "${azurerm_local_network_gateway.onprem.id}",
          shared_key: "${var.psk}",
          ...extra,
        },
      },
    },
  };
}

const POLICY = {
  ike_encryption: "AES256",
  ike_integrity: "SHA256",
  dh_group: "DHGroup14",
  ipsec_encryption: "AES256",
  ipsec_integrity: "SHA256",
  pfs_group: "PFS2048",
};

function s2s(options: Record<string, unknown>) {
  const s = stack();
  const vnet = new Vnet(s, "hub", {
    name: "hub",
    resourceGroupName: "rg-net",
    location: "westeurope",
    addressSpace: ["10.0.0.0/16"],
  });
  const gateway = new VpnGateway(s, "gw", { vnet, name: "vgw-hub", gatewaySubnetPrefix: "10.0.255.0/27" });
  const site = new LocalSite(s, "onprem", {
    name: "lng-onprem",
    resourceGroupName: "rg-net",
    location: "westeurope",
    gatewayAddress: "203.0.113.10",
    addressSpace: ["192.168.0.0/16"],
  });
  return () =>
    new SiteToSiteConnection(s, "conn", {
      gateway,
      site,
      sharedKey: SharedKey.fromVariable(s, "psk"),
      ...options,
    });
}

describe("constructs and rules agree", () => {
  test.each([0, 4294967296])("ASN %d: LocalSite refuses it and Bgp.ReservedAsn reports it", (asn) => {
    const s = stack();
    const props = {
      name: "lng",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
    };
    expect(
      () => new LocalSite(s, "site", { ...props, bgp: { asn, peeringAddress: "192.168.255.1" } }),
    ).toThrow(/is not a valid ASN/);
    const found = checkTerraform(siteDoc(asn), { rules: [rule("Bgp.ReservedAsn")] });
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining(`BGP ASN ${asn}, which is not a valid ASN`),
    ]);
  });

  test.each([
    ["saLifetimeSeconds", "sa_lifetime", 2147483648],
    ["saLifetimeSeconds", "sa_lifetime", 3600.5],
    ["saDataSizeKilobytes", "sa_datasize", 2147483648],
  ])("%s (%s) %p: the connection refuses it and Ipsec.OutOfRange reports it", (prop, attribute, value) => {
    const policy = {
      ikeEncryption: "AES256",
      ikeIntegrity: "SHA256",
      dhGroup: "DHGroup14",
      ipsecEncryption: "AES256",
      ipsecIntegrity: "SHA256",
      pfsGroup: "PFS2048",
      [prop]: value,
    };
    expect(s2s({ ipsecPolicy: policy })).toThrow(
      new RegExp(`ipsecPolicy\\.${prop}\`: '${String(value).replace(".", "\\.")}' is out of range`),
    );
    const found = checkTerraform(connectionDoc({ ipsec_policy: { ...POLICY, [attribute]: value } }), {
      rules: [rule("Ipsec.OutOfRange")],
    });
    expect(found.map((f) => [f.severity, f.message])).toEqual([
      ["error", expect.stringContaining(`ipsec_policy.${attribute} ${value}`)],
    ]);
  });

  test("policy-based traffic selectors without a custom policy: the connection accepts them and no rule reports them", () => {
    expect(s2s({ usePolicyBasedTrafficSelectors: true })).not.toThrow();
    const found = checkTerraform(connectionDoc({ use_policy_based_traffic_selectors: true }));
    expect(found.filter((f) => /traffic.selector/i.test(f.message))).toEqual([]);
  });
});
