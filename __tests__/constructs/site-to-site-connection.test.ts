import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import { VirtualNetworkGatewayConnection } from "@cdktf/provider-azurerm/lib/virtual-network-gateway-connection";
import {
  IpsecPolicy,
  LocalSite,
  LocalSiteProps,
  SharedKey,
  SiteToSiteConnection,
  SiteToSiteConnectionProps,
  VpnGateway,
  VpnGatewayProps,
  VpnNatRule,
} from "../../index";
import { gateway, newStack, resources } from "../../test-utils/vpn";

const policy: IpsecPolicy = {
  ikeEncryption: "AES256",
  ikeIntegrity: "SHA256",
  dhGroup: "DHGroup14",
  ipsecEncryption: "GCMAES256",
  ipsecIntegrity: "GCMAES256",
  pfsGroup: "PFS2048",
  saLifetimeSeconds: 3600,
  saDataSizeKilobytes: 0,
};

interface Setup {
  stack: TerraformStack;
  gw: VpnGateway;
  site: LocalSite;
  key: SharedKey;
  make: (props?: Partial<SiteToSiteConnectionProps>) => SiteToSiteConnection;
}

function setup(gwProps: Partial<VpnGatewayProps> = {}, siteProps: Partial<LocalSiteProps> = {}): Setup {
  const stack = newStack();
  const gw = gateway(
    stack,
    "Gw",
    "10.0.0.0/16",
    gwProps.sku === "Basic" ? "10.0.255.0/29" : "10.0.255.0/27",
    gwProps,
  );
  const site = new LocalSite(stack, "OnPrem", {
    name: "lng-onprem",
    resourceGroupName: "rg-onprem",
    location: "westeurope",
    gatewayAddress: "203.0.113.10",
    addressSpace: ["192.168.0.0/16"],
    ...siteProps,
  });
  const key = SharedKey.fromVariable(stack, "psk");
  const make = (props: Partial<SiteToSiteConnectionProps> = {}) =>
    new SiteToSiteConnection(stack, "Conn", { gateway: gw, site, sharedKey: key, ...props });
  return { stack, gw, site, key, make };
}

function natRule(stack: TerraformStack, gw: VpnGateway, id: string, mode: "IngressSnat" | "EgressSnat") {
  return new VpnNatRule(stack, id, {
    gateway: gw,
    name: id.toLowerCase(),
    mode,
    internalMappings: [{ addressSpace: mode === "EgressSnat" ? "10.0.0.0/16" : "192.168.0.0/16" }],
    externalMappings: [{ addressSpace: mode === "EgressSnat" ? "100.64.0.0/16" : "100.65.0.0/16" }],
  });
}

describe("SiteToSiteConnection", () => {
  it("connects the gateway to the site over IKEv2 with an explicit key, in the gateway's region", () => {
    const { stack, make } = setup();
    make();
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "vgw-gw-to-lng-onprem",
      type: "IPsec",
      location: "eastus",
      resource_group_name: "rg-gwnet",
      connection_protocol: "IKEv2",
      enable_bgp: false,
      shared_key: "${var.psk}",
    });
    const [c] = resources(stack, "azurerm_virtual_network_gateway_connection");
    expect(c.local_network_gateway_id).toMatch(/^\$\{azurerm_local_network_gateway\.OnPrem_\w+\.id\}$/);
    expect(c.virtual_network_gateway_id).toMatch(/^\$\{azurerm_virtual_network_gateway\.Gw_\w+\.id\}$/);
    expect(c.peer_virtual_network_gateway_id).toBeUndefined();
    expect(c.ipsec_policy).toBeUndefined();
  });

  it("accepts policy-based traffic selectors with Azure's default policy (no ipsecPolicy needed)", () => {
    // ipsec-ike-policy-howto: "Either/both Policy-based traffic selector and DPD timeout options can be
    // specified with Default policy, without a custom IPsec/IKE policy" (azure-rules.md, 2026-12).
    const { stack, make } = setup();
    make({ usePolicyBasedTrafficSelectors: true, dpdTimeoutSeconds: 30 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      use_policy_based_traffic_selectors: true,
      dpd_timeout_seconds: 30,
    });
    const [c] = resources(stack, "azurerm_virtual_network_gateway_connection");
    expect(c.ipsec_policy).toBeUndefined();
  });

  it("sets a custom IPsec policy, policy-based selectors, DPD, mode and tags", () => {
    const { stack, make } = setup();
    make({
      name: "cn-onprem",
      ipsecPolicy: policy,
      usePolicyBasedTrafficSelectors: true,
      trafficSelectorPolicies: [
        { localAddressCidrs: ["10.0.0.0/16"], remoteAddressCidrs: ["192.168.0.0/16"] },
      ],
      dpdTimeoutSeconds: 30,
      connectionProtocol: "IKEv1",
      connectionMode: "ResponderOnly",
      tags: { env: "test" },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      name: "cn-onprem",
      ipsec_policy: {
        ike_encryption: "AES256",
        ike_integrity: "SHA256",
        dh_group: "DHGroup14",
        ipsec_encryption: "GCMAES256",
        ipsec_integrity: "GCMAES256",
        pfs_group: "PFS2048",
        sa_lifetime: 3600,
        sa_datasize: 0,
      },
      use_policy_based_traffic_selectors: true,
      traffic_selector_policy: [
        { local_address_cidrs: ["10.0.0.0/16"], remote_address_cidrs: ["192.168.0.0/16"] },
      ],
      dpd_timeout_seconds: 30,
      connection_protocol: "IKEv1",
      connection_mode: "ResponderOnly",
      tags: { env: "test" },
    });
  });

  it("enables BGP when both ends speak it, with custom APIPA addresses on an active-active gateway", () => {
    const { stack, make } = setup(
      {
        activeActive: true,
        bgp: {
          asn: 65010,
          peeringAddresses: [{ apipaAddresses: ["169.254.21.1"] }, { apipaAddresses: ["169.254.22.1"] }],
        },
      },
      { addressSpace: [], bgp: { asn: 65050, peeringAddress: "169.254.21.2" } },
    );
    make({ bgp: true, customBgpAddresses: { primary: "169.254.21.1", secondary: "169.254.22.1" } });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VirtualNetworkGatewayConnection, {
      enable_bgp: true,
      custom_bgp_addresses: { primary: "169.254.21.1", secondary: "169.254.22.1" },
    });
  });

  it("attaches ingress and egress NAT rules by id", () => {
    const { stack, gw, make } = setup();
    const egress = natRule(stack, gw, "VnetEgress", "EgressSnat");
    const ingress = natRule(stack, gw, "SiteIngress", "IngressSnat");
    make({ natRules: { ingress: [ingress], egress: [egress] } });
    const [c] = resources(stack, "azurerm_virtual_network_gateway_connection");
    expect(c.ingress_nat_rule_ids).toEqual([
      expect.stringMatching(/^\$\{azurerm_virtual_network_gateway_nat_rule\.SiteIngress_\w+\.id\}$/),
    ]);
    expect(c.egress_nat_rule_ids).toEqual([
      expect.stringMatching(/^\$\{azurerm_virtual_network_gateway_nat_rule\.VnetEgress_\w+\.id\}$/),
    ]);
  });

  it("does not guess values given as variables", () => {
    const { stack, make } = setup();
    const dpd = new TerraformVariable(stack, "dpd", { type: "number" });
    const life = new TerraformVariable(stack, "life", { type: "number" });
    expect(() =>
      make({
        dpdTimeoutSeconds: dpd.numberValue,
        ipsecPolicy: { ...policy, saLifetimeSeconds: life.numberValue },
      }),
    ).not.toThrow();
  });

  it("matches its HCL snapshot", () => {
    const { stack, gw, make } = setup();
    make({
      ipsecPolicy: policy,
      dpdTimeoutSeconds: 45,
      natRules: { egress: [natRule(stack, gw, "VnetEgress", "EgressSnat")] },
    });
    const hcl = Testing.synthHcl(stack);
    expect(hcl).toContain('shared_key = "${var.psk}"');
    expect(hcl).toMatchSnapshot();
  });

  describe("fails at construction", () => {
    const cases: [string, Partial<SiteToSiteConnectionProps>, string][] = [
      [
        "an IKE encryption Microsoft does not document",
        { ipsecPolicy: { ...policy, ikeEncryption: "DES3" as any } },
        "[test/Conn] `ipsecPolicy.ikeEncryption`: 'DES3' is not an algorithm Microsoft documents for a custom IPsec/IKE policy; use one of GCMAES256, GCMAES128, AES256, AES192, AES128",
      ],
      [
        "an undocumented IKE encryption",
        { ipsecPolicy: { ...policy, ikeEncryption: "DES3" as any } },
        "[test/Conn] `ipsecPolicy.ikeEncryption`: 'DES3' is not an algorithm Microsoft documents for a custom IPsec/IKE policy; use one of GCMAES256, GCMAES128, AES256, AES192, AES128",
      ],
      [
        "an unknown DH group",
        { ipsecPolicy: { ...policy, dhGroup: "DHGroup5" as any } },
        "[test/Conn] `ipsecPolicy.dhGroup`: 'DHGroup5' is not an algorithm",
      ],
      [
        "an unknown IKE integrity",
        { ipsecPolicy: { ...policy, ikeIntegrity: "GCMAES256" as any } },
        "[test/Conn] `ipsecPolicy.ikeIntegrity`: 'GCMAES256' is not an algorithm",
      ],
      [
        "an unknown IPsec encryption",
        { ipsecPolicy: { ...policy, ipsecEncryption: "AES512" as any, ipsecIntegrity: "SHA256" } },
        "[test/Conn] `ipsecPolicy.ipsecEncryption`: 'AES512' is not an algorithm",
      ],
      [
        "an unknown IPsec integrity",
        { ipsecPolicy: { ...policy, ipsecEncryption: "AES256", ipsecIntegrity: "SHA384" as any } },
        "[test/Conn] `ipsecPolicy.ipsecIntegrity`: 'SHA384' is not an algorithm",
      ],
      [
        "a partial policy",
        { ipsecPolicy: { ...policy, pfsGroup: undefined as any } },
        "[test/Conn] `ipsecPolicy.pfsGroup` is required: Azure refuses partial IPsec/IKE policies",
      ],
      [
        "GCM encryption with another integrity",
        { ipsecPolicy: { ...policy, ipsecEncryption: "GCMAES256", ipsecIntegrity: "SHA256" } },
        "[test/Conn] `ipsecPolicy`: ipsecEncryption 'GCMAES256' and ipsecIntegrity 'SHA256' do not match; with GCM both must be the same GCM algorithm, e.g. ipsecEncryption and ipsecIntegrity both 'GCMAES256'",
      ],
      [
        "an SA lifetime under 300 s",
        { ipsecPolicy: { ...policy, saLifetimeSeconds: 299 } },
        "[test/Conn] `ipsecPolicy.saLifetimeSeconds`: '299' is out of range; use at least 300 seconds (Azure's default is 27000)",
      ],
      [
        "an SA data size under 1024 KB",
        { ipsecPolicy: { ...policy, saDataSizeKilobytes: 1000 } },
        "[test/Conn] `ipsecPolicy.saDataSizeKilobytes`: '1000' is out of range; use 0 or 1024 to 2147483647 KB (Azure's default is 102400000)",
      ],
      [
        "traffic selectors without policy-based selectors",
        {
          ipsecPolicy: policy,
          trafficSelectorPolicies: [
            { localAddressCidrs: ["10.0.0.0/16"], remoteAddressCidrs: ["192.168.0.0/16"] },
          ],
        },
        "[test/Conn] `trafficSelectorPolicies` are given but `usePolicyBasedTrafficSelectors` is not true, so Azure would ignore them; set usePolicyBasedTrafficSelectors: true or remove trafficSelectorPolicies",
      ],
      [
        "more than 100 traffic selectors",
        {
          ipsecPolicy: policy,
          usePolicyBasedTrafficSelectors: true,
          trafficSelectorPolicies: Array.from({ length: 101 }, () => ({
            localAddressCidrs: ["10.0.0.0/16"],
            remoteAddressCidrs: ["192.168.0.0/16"],
          })),
        },
        "[test/Conn] `trafficSelectorPolicies`: 101 policies; Azure allows at most 100 per connection",
      ],
      [
        "a malformed traffic selector",
        {
          ipsecPolicy: policy,
          usePolicyBasedTrafficSelectors: true,
          trafficSelectorPolicies: [
            { localAddressCidrs: ["10.0.0.1/16"], remoteAddressCidrs: ["192.168.0.0/16"] },
          ],
        },
        "[test/Conn] `trafficSelectorPolicies[0].localAddressCidrs`: '10.0.0.1/16' has host bits set",
      ],
      [
        "a DPD timeout under 9 s",
        { dpdTimeoutSeconds: 8 },
        "[test/Conn] `dpdTimeoutSeconds`: '8' is out of range; use 9 to 3600 seconds (Azure's default is 45; 30-45 is recommended)",
      ],
      [
        "a DPD timeout over 3600 s",
        { dpdTimeoutSeconds: 3601 },
        "[test/Conn] `dpdTimeoutSeconds`: '3601' is out of range",
      ],
      [
        "an unknown IKE version",
        { connectionProtocol: "IKEv3" as any },
        "[test/Conn] `connectionProtocol`: 'IKEv3' is not an IKE version; use 'IKEv2' (recommended) or 'IKEv1'",
      ],
      [
        "an unknown connection mode",
        { connectionMode: "Passive" as any },
        "[test/Conn] `connectionMode`: 'Passive' is not a connection mode; use 'Default', 'InitiatorOnly' or 'ResponderOnly'",
      ],
      [
        "BGP on a gateway without BGP",
        { bgp: true },
        "[test/Conn] `bgp` is true but gateway 'test/Gw' has no BGP settings; give the gateway `bgp: { asn }` (not available on Basic) or set bgp to false",
      ],
      [
        "custom BGP addresses on a gateway without BGP",
        { customBgpAddresses: { primary: "169.254.21.1" } },
        "[test/Conn] `customBgpAddresses`: gateway 'test/Gw' has no BGP; custom BGP addresses apply only to gateways with BGP",
      ],
      [
        "a missing shared key",
        { sharedKey: undefined as any },
        "[test/Conn] `sharedKey` is required: use SharedKey.fromVariable, SharedKey.fromKeyVault or SharedKey.generate",
      ],
    ];
    it.each(cases)("for %s", (_name, props, message) => {
      const { make } = setup();
      expect(() => make(props)).toThrow(message);
    });

    it("for a custom policy on a Basic gateway", () => {
      const { make } = setup({ sku: "Basic" });
      expect(() => make({ ipsecPolicy: policy })).toThrow(
        "[test/Conn] `ipsecPolicy`: gateway 'test/Gw' has sku 'Basic', which does not support custom IPsec/IKE policies; use a VpnGw SKU such as 'VpnGw2AZ' or remove ipsecPolicy",
      );
    });

    it("not for IKEv1 on a PolicyBased Basic gateway (policy-based VPNs speak IKEv1 only)", () => {
      const { make } = setup({ sku: "Basic", vpnType: "PolicyBased", activeActive: false });
      expect(() => make({ connectionProtocol: "IKEv1" })).not.toThrow();
    });

    it("not for the undocumented PFS groups Azure accepts (PFS14, PFSMM): the rules warn", () => {
      const { make } = setup();
      expect(() => make({ ipsecPolicy: { ...policy, pfsGroup: "PFS14" } })).not.toThrow();
    });

    it("for IKEv1 on a Basic gateway", () => {
      const { make } = setup({ sku: "Basic" });
      expect(() => make({ connectionProtocol: "IKEv1" })).toThrow(
        "[test/Conn] `connectionProtocol`: 'IKEv1' is not supported on route-based gateway 'test/Gw' with sku 'Basic'; use 'IKEv2' or a VpnGw SKU",
      );
    });

    it("for BGP to a site without BGP", () => {
      const { make } = setup({ bgp: { asn: 65010 } });
      expect(() => make({ bgp: true })).toThrow(
        "[test/Conn] `bgp` is true but site 'test/OnPrem' has no BGP settings; give the site `bgp: { asn, peeringAddress }` or set bgp to false",
      );
    });

    it("for BGP between equal ASNs", () => {
      const { make } = setup(
        { bgp: { asn: 65010 } },
        { bgp: { asn: 65010, peeringAddress: "192.168.255.1" } },
      );
      expect(() => make({ bgp: true })).toThrow(
        "[test/Conn] `bgp`: site 'test/OnPrem' and gateway 'test/Gw' both use ASN '65010'; the two ends of a BGP session need different ASNs: change one of them",
      );
    });

    it("for custom BGP addresses outside Azure's APIPA range", () => {
      const { make } = setup({ activeActive: true, bgp: { asn: 65010 } });
      expect(() => make({ customBgpAddresses: { primary: "169.254.0.1" } })).toThrow(
        "[test/Conn] `customBgpAddresses.primary`: '169.254.0.1' is outside the range Azure allows for custom APIPA BGP addresses",
      );
    });

    it("for NAT with policy-based traffic selectors", () => {
      const { stack, gw, make } = setup();
      const egress = natRule(stack, gw, "VnetEgress", "EgressSnat");
      expect(() =>
        make({ ipsecPolicy: policy, usePolicyBasedTrafficSelectors: true, natRules: { egress: [egress] } }),
      ).toThrow(
        "[test/Conn] `natRules`: NAT rules (test/VnetEgress) with usePolicyBasedTrafficSelectors; Azure does not support NAT on connections with policy-based traffic selectors: remove one of them",
      );
    });

    it("for an egress rule given as ingress", () => {
      const { stack, gw, make } = setup();
      const egress = natRule(stack, gw, "VnetEgress", "EgressSnat");
      expect(() => make({ natRules: { ingress: [egress] } })).toThrow(
        "[test/Conn] `natRules.ingress`: NAT rule 'test/VnetEgress' has mode 'EgressSnat'; ingress rules must be IngressSnat (IngressSnat translates the site's addresses, EgressSnat the VNet's): move it to egress",
      );
    });

    it("for a NAT rule of another gateway", () => {
      const { stack, make } = setup();
      const other = gateway(stack, "Other", "10.9.0.0/16", "10.9.255.0/27");
      const rule = natRule(stack, other, "OtherEgress", "EgressSnat");
      expect(() => make({ natRules: { egress: [rule] } })).toThrow(
        "[test/Conn] `natRules.egress`: NAT rule 'test/OtherEgress' belongs to gateway 'test/Other', not to this connection's gateway 'test/Gw'; create the rule on 'test/Gw'",
      );
    });
  });
});
