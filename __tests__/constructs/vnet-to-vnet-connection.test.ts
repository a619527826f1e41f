import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import {
  SharedKey,
  Vnet,
  VnetToVnetConnection,
  VnetToVnetConnectionProps,
  VpnGateway,
  VpnGatewayProps,
  VpnNatRule,
} from "../../index";
import { gateway, newStack, resources } from "../../test-utils/vpn";

function setup(a: Partial<VpnGatewayProps> = {}, b: Partial<VpnGatewayProps> = {}) {
  const stack = newStack();
  const gw1 = gateway(stack, "Gw1", "10.11.0.0/16", "10.11.255.0/27", a);
  const gw4 = gateway(stack, "Gw4", "10.41.0.0/16", "10.41.255.0/27", { location: "westus", ...b });
  const key = SharedKey.generate(stack, "v2v_psk");
  const make = (props: Partial<VnetToVnetConnectionProps> = {}) =>
    new VnetToVnetConnection(stack, "V2V", { local: gw1, remote: gw4, sharedKey: key, ...props });
  return { stack, gw1, gw4, key, make };
}

describe("VnetToVnetConnection", () => {
  it("creates both directions, each in its gateway's region, with one shared key", () => {
    const { stack, make } = setup();
    const v2v = make();
    expect(v2v.localToRemote).toBeDefined();
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "vgw-gw1-to-vgw-gw4",
      type: "Vnet2Vnet",
      location: "eastus",
      resource_group_name: "rg-gw1net",
      connection_protocol: "IKEv2",
      shared_key: "${random_password.v2v_psk.result}",
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "vgw-gw4-to-vgw-gw1",
      type: "Vnet2Vnet",
      location: "westus",
      resource_group_name: "rg-gw4net",
      shared_key: "${random_password.v2v_psk.result}",
    });
    const list = resources(stack, "azurerm_virtual_network_gateway_connection");
    expect(list).toHaveLength(2);
    const [forward, reverse] = list;
    expect(forward.virtual_network_gateway_id).toBe(reverse.peer_virtual_network_gateway_id);
    expect(reverse.virtual_network_gateway_id).toBe(forward.peer_virtual_network_gateway_id);
    expect(forward.local_network_gateway_id).toBeUndefined();
  });

  it("gives both directions the same IPsec policy, DPD and BGP, and takes names", () => {
    const { stack, make } = setup({ bgp: { asn: 65010 } }, { bgp: { asn: 65020 } });
    make({
      localToRemoteName: "VNet1toVNet4",
      remoteToLocalName: "VNet4toVNet1",
      bgp: true,
      dpdTimeoutSeconds: 30,
      ipsecPolicy: {
        ikeEncryption: "GCMAES256",
        ikeIntegrity: "SHA384",
        dhGroup: "ECP384",
        ipsecEncryption: "GCMAES256",
        ipsecIntegrity: "GCMAES256",
        pfsGroup: "ECP384",
      },
    });
    const list = resources(stack, "azurerm_virtual_network_gateway_connection");
    expect(list.map((c) => c.name).sort()).toEqual(["VNet1toVNet4", "VNet4toVNet1"]);
    expect(list[0].ipsec_policy).toEqual(list[1].ipsec_policy);
    expect(list.every((c) => c.enable_bgp === true && c.dpd_timeout_seconds === 30)).toBe(true);
  });

  it("creates each direction with its own gateway's provider (cross-subscription)", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    const p1 = new AzurermProvider(stack, "p1", { alias: "sub1", features: [{}] });
    const p2 = new AzurermProvider(stack, "p2", { alias: "sub2", features: [{}] });
    const mk = (id: string, space: string, gws: string, provider: AzurermProvider) =>
      new VpnGateway(stack, id, {
        vnet: new Vnet(stack, `${id}Net`, {
          name: `vnet-${id}`,
          resourceGroupName: "rg",
          location: "eastus",
          addressSpace: [space],
          provider,
        }),
        name: id,
        gatewaySubnetPrefix: gws,
      });
    const a = mk("a", "10.1.0.0/16", "10.1.255.0/27", p1);
    const b = mk("b", "10.2.0.0/16", "10.2.255.0/27", p2);
    new VnetToVnetConnection(stack, "V2V", {
      local: a,
      remote: b,
      sharedKey: SharedKey.generate(stack, "k"),
    });
    const synth = Testing.synth(stack);
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "a-to-b",
      provider: "azurerm.sub1",
    });
    expect(synth).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "b-to-a",
      provider: "azurerm.sub2",
    });
  });

  it("matches its HCL snapshot", () => {
    const { stack, make } = setup();
    make();
    expect(Testing.synthHcl(stack)).toMatchSnapshot();
  });

  describe("fails at construction", () => {
    it("for NAT rules (Azure has NAT on IPsec connections only)", () => {
      const { stack, gw1, make } = setup();
      const rule = new VpnNatRule(stack, "Egress", {
        gateway: gw1,
        name: "egress",
        mode: "EgressSnat",
        internalMappings: [{ addressSpace: "10.11.0.0/16" }],
        externalMappings: [{ addressSpace: "100.11.0.0/16" }],
      });
      expect(() => make({ natRules: { egress: [rule] } })).toThrow(
        "[test/V2V] `natRules`: NAT rules (test/Egress) on a VNet-to-VNet connection; Azure supports NAT on IPsec connections only. Connect the networks with VnetToVnetIpsecConnection (each gateway sees the other as a site) to use NAT",
      );
    });

    it("for a gateway connected to itself", () => {
      const { stack, gw1 } = setup();
      expect(
        () =>
          new VnetToVnetConnection(stack, "V2V", {
            local: gw1,
            remote: gw1,
            sharedKey: SharedKey.generate(stack, "x"),
          }),
      ).toThrow(
        "[test/V2V] `local` and `remote` are the same gateway ('test/Gw1'); connect two different gateways",
      );
    });

    it("for a policy-based gateway", () => {
      const { make } = setup({}, { sku: "Basic", vpnType: "PolicyBased", generation: "Generation1" });
      expect(() => make()).toThrow(
        "[test/V2V] `remote`: gateway 'test/Gw4' is 'PolicyBased'; VNet-to-VNet needs RouteBased gateways on both sides",
      );
    });

    it("for BGP when one gateway has none", () => {
      const { make } = setup({ bgp: { asn: 65010 } });
      expect(() => make({ bgp: true })).toThrow(
        "[test/V2V] `bgp` is true but gateway 'test/Gw4' has no BGP settings; give the gateway `bgp: { asn }` (not available on Basic) or set bgp to false",
      );
    });

    it("for BGP between gateways with the same ASN", () => {
      const { make } = setup({ bgp: { asn: 65515 } }, { bgp: { asn: 65515 } });
      expect(() => make({ bgp: true })).toThrow(
        "[test/V2V] `bgp`: both gateways use ASN '65515'; gateways joined by BGP need different ASNs: change the ASN of one gateway (e.g. 65010 and 65020)",
      );
    });

    it("for a custom policy on a Basic gateway (either side)", () => {
      const { make } = setup({}, { sku: "Basic" });
      expect(() =>
        make({
          ipsecPolicy: {
            ikeEncryption: "AES256",
            ikeIntegrity: "SHA256",
            dhGroup: "DHGroup14",
            ipsecEncryption: "AES256",
            ipsecIntegrity: "SHA256",
            pfsGroup: "None",
          },
        }),
      ).toThrow("gateway 'test/Gw4' has sku 'Basic', which does not support custom IPsec/IKE policies");
    });
  });
});
