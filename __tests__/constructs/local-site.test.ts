import "cdktf/lib/testing/adapters/jest";
import { Testing, TerraformVariable } from "cdktf";
import { LocalNetworkGateway } from "@cdktf/provider-azurerm/lib/local-network-gateway";
import { LocalSite, LocalSiteProps } from "../../index";
import { newStack } from "../../test-utils/vpn";

const base: LocalSiteProps = {
  name: "lng-onprem",
  resourceGroupName: "rg",
  location: "uksouth",
  gatewayAddress: "203.0.113.10",
  addressSpace: ["192.168.0.0/16"],
};

describe("LocalSite", () => {
  it("synthesizes a local network gateway with a public IP and address spaces", () => {
    const stack = newStack();
    const site = new LocalSite(stack, "OnPrem", { ...base, tags: { env: "test" } });
    expect(site.addressSpace).toEqual(["192.168.0.0/16"]);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(LocalNetworkGateway, {
      name: "lng-onprem",
      resource_group_name: "rg",
      location: "uksouth",
      gateway_address: "203.0.113.10",
      address_space: ["192.168.0.0/16"],
      tags: { env: "test" },
    });
  });

  it("accepts an FQDN and a BGP-only site", () => {
    const stack = newStack();
    const site = new LocalSite(stack, "OnPrem", {
      name: "lng-onprem",
      resourceGroupName: "rg",
      location: "uksouth",
      gatewayFqdn: "vpn.example.com",
      bgp: { asn: 65050, peeringAddress: "10.255.0.1", peerWeight: 5 },
    });
    expect(site.bgpAsn).toBe(65050);
    expect(Testing.synth(stack)).toHaveResourceWithProperties(LocalNetworkGateway, {
      gateway_fqdn: "vpn.example.com",
      bgp_settings: { asn: 65050, bgp_peering_address: "10.255.0.1", peer_weight: 5 },
    });
  });

  it("does not guess a device address or address space given as variables", () => {
    const stack = newStack();
    const ip = new TerraformVariable(stack, "ip", { type: "string" });
    const space = new TerraformVariable(stack, "space", { type: "list(string)" });
    expect(
      () =>
        new LocalSite(stack, "OnPrem", {
          ...base,
          gatewayAddress: ip.stringValue,
          addressSpace: space.listValue,
        }),
    ).not.toThrow();
  });

  it("matches its HCL snapshot", () => {
    const stack = newStack();
    new LocalSite(stack, "OnPrem", { ...base, bgp: { asn: 65050, peeringAddress: "192.168.255.1" } });
    expect(Testing.synthHcl(stack)).toMatchSnapshot();
  });

  describe("fails at construction", () => {
    const cases: [string, Partial<LocalSiteProps>, string][] = [
      [
        "without an address or FQDN",
        { gatewayAddress: undefined },
        "[test/S] `gatewayAddress` or `gatewayFqdn` is required: give the public IPv4 address or the DNS name of the site's VPN device",
      ],
      [
        "with both an address and an FQDN",
        { gatewayFqdn: "vpn.example.com" },
        "[test/S] `gatewayAddress` ('203.0.113.10') and `gatewayFqdn` ('vpn.example.com') are both set; give exactly one",
      ],
      [
        "with an IPv6 or malformed device address",
        { gatewayAddress: "2001:db8::1" },
        "[test/S] `gatewayAddress`: '2001:db8::1' is not an IPv4 address; write a single address like '203.0.113.10'",
      ],
      [
        "without address space nor BGP",
        { addressSpace: [] },
        "[test/S] `addressSpace` is empty and `bgp` is not set: without BGP Azure routes only the listed prefixes; list the site's prefixes, e.g. ['192.168.0.0/16'], or configure bgp",
      ],
      [
        "with a bad prefix",
        { addressSpace: ["192.168.1.0/16"] },
        "[test/S] `addressSpace`: '192.168.1.0/16' has host bits set; did you mean '192.168.0.0/16'?",
      ],
      [
        "with Azure's gateway ASN 65515",
        { bgp: { asn: 65515, peeringAddress: "192.168.255.1" } },
        "[test/S] `bgp.asn`: '65515' is the ASN of Azure's VPN gateways, reserved by Azure and Azure refuses it for BGP peers; use another ASN",
      ],
      [
        "with a reserved ASN",
        { bgp: { asn: 12076, peeringAddress: "192.168.255.1" } },
        "[test/S] `bgp.asn`: '12076' is reserved by Azure and Azure refuses it for BGP peers",
      ],
      [
        "with a BGP peer address that is the public address",
        { bgp: { asn: 65050, peeringAddress: "203.0.113.10" } },
        "[test/S] `bgp.peeringAddress`: '203.0.113.10' is the device's public address (gatewayAddress); Azure needs a different BGP peer address",
      ],
      [
        "with a BGP peer address that is a prefix",
        { bgp: { asn: 65050, peeringAddress: "192.168.255.1/32" } },
        "[test/S] `bgp.peeringAddress`: '192.168.255.1/32' is not an IPv4 address",
      ],
      [
        "with a peer weight out of range",
        { bgp: { asn: 65050, peeringAddress: "192.168.255.1", peerWeight: -1 } },
        "[test/S] `bgp.peerWeight`: '-1' is out of range; use an integer from 0 to 100",
      ],
    ];
    it.each(cases)("%s", (_name, props, message) => {
      const stack = newStack();
      expect(() => new LocalSite(stack, "S", { ...base, ...props })).toThrow(message);
    });
  });
});
