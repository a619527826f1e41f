import {
  CONNECTION_END,
  connectionEndRefused,
  connectionGatewayTypeViolation,
  connectionProtocolViolation,
  expressRouteSettingsRefused,
  ikev1DiscouragedOn,
  ikev1Violation,
  ipsecSettingsRefused,
  privateIpConnectionViolation,
  redundantGatewayTunnelsViolation,
  redundantSiteTunnelsViolation,
  routingWeightDiscouraged,
} from "../../../core/azure/connection";

describe("connection facts", () => {
  it.each([
    ["IPsec", "Vpn", undefined],
    ["Vnet2Vnet", "vpn", undefined],
    ["IPsec", "ExpressRoute", { expected: "Vpn" }],
    ["Vnet2Vnet", "ExpressRoute", { expected: "Vpn" }],
    ["ExpressRoute", "Vpn", { expected: "ExpressRoute" }],
    ["ExpressRoute", "ExpressRoute", undefined],
    ["Other", "Vpn", undefined],
    ["IPsec", "LocalGateway", undefined],
  ])("a %s connection on a %s gateway -> %j", (conn, gw, expected) => {
    expect(connectionGatewayTypeViolation(conn, gw)).toEqual(expected);
  });

  it("each type takes its own other end only", () => {
    expect(CONNECTION_END).toEqual({ IPsec: "site", Vnet2Vnet: "peerGateway", ExpressRoute: "circuit" });
    expect(connectionEndRefused("IPsec", "peerGateway")).toBe(true);
    expect(connectionEndRefused("IPsec", "site")).toBe(false);
    expect(connectionEndRefused("Vnet2Vnet", "site")).toBe(true);
    expect(connectionEndRefused("Unknown", "site")).toBeUndefined();
  });

  it("ExpressRoute settings only on ExpressRoute; IPsec settings never on it", () => {
    expect(expressRouteSettingsRefused("IPsec")).toBe(true);
    expect(expressRouteSettingsRefused("Vnet2Vnet")).toBe(true);
    expect(expressRouteSettingsRefused("ExpressRoute")).toBe(false);
    expect(ipsecSettingsRefused("ExpressRoute")).toBe(true);
    expect(ipsecSettingsRefused("IPsec")).toBe(false);
  });

  it.each([
    ["IKEv2", false],
    ["IKEv1", false],
    ["IKEv3", true],
    ["ikev2", true],
  ])("protocol %s refused: %s", (p, refused) => {
    expect(connectionProtocolViolation(p)).toBe(refused);
  });

  it.each([
    ["Basic", "RouteBased", true],
    ["Basic", undefined, true],
    ["Basic", "PolicyBased", false],
    ["VpnGw1AZ", "RouteBased", false],
    ["VpnGw5", undefined, false],
    ["Standard", "RouteBased", true],
    ["HighPerformance", undefined, true],
    ["UltraPerformance", undefined, false],
  ])("IKEv1 on %s %s refused: %s", (sku, vpnType, refused) => {
    expect(ikev1Violation(sku, vpnType) !== undefined).toBe(refused);
  });

  it("discourages IKEv1 on VNet-to-VNet and routing_weight on VPN connections", () => {
    expect(ikev1DiscouragedOn("Vnet2Vnet")).toBe(true);
    expect(ikev1DiscouragedOn("IPsec")).toBe(false);
    expect(routingWeightDiscouraged("IPsec")).toBe(true);
    expect(routingWeightDiscouraged("ExpressRoute")).toBe(false);
  });

  it("private-IP tunnels need the gateway's private IPs", () => {
    expect(privateIpConnectionViolation(true, undefined)).toBe(true);
    expect(privateIpConnectionViolation(true, false)).toBe(true);
    expect(privateIpConnectionViolation(true, true)).toBe(false);
    expect(privateIpConnectionViolation(false, undefined)).toBe(false);
  });

  it("redundant tunnels need BGP on each (to a site) and an active-active end (between gateways)", () => {
    expect(redundantSiteTunnelsViolation(2, 1)).toBe(true);
    expect(redundantSiteTunnelsViolation(2, 0)).toBe(false);
    expect(redundantSiteTunnelsViolation(1, 1)).toBe(false);
    expect(redundantGatewayTunnelsViolation(2, false)).toBe(true);
    expect(redundantGatewayTunnelsViolation(2, true)).toBe(false);
    expect(redundantGatewayTunnelsViolation(1, false)).toBe(false);
  });
});
