/** A site-to-site connection of our constructs, for the IPsec policy rule tests. */
import { App } from "cdktf";
import { LocalSite } from "../../../constructs/local-site";
import { SharedKey } from "../../../constructs/shared-key";
import { SiteToSiteConnection, SiteToSiteConnectionProps } from "../../../constructs/site-to-site-connection";
import { VpnGateway, VpnGatewayProps } from "../../../constructs/vpn-gateway";
import { IpsecPolicy } from "../../../constructs/vpn-connection-options";
import { RG } from "../../../test-utils/terraform";
import { constructApp, constructGateway } from "../../../test-utils/vpn";

/** A policy Microsoft's guidance is happy with. */
export const STRONG: IpsecPolicy = {
  ikeEncryption: "AES256",
  ikeIntegrity: "SHA256",
  dhGroup: "DHGroup14",
  ipsecEncryption: "GCMAES256",
  ipsecIntegrity: "GCMAES256",
  pfsGroup: "PFS2048",
};

export interface S2sSetup {
  readonly app: App;
  readonly gateway: VpnGateway;
  readonly connection: SiteToSiteConnection;
}

/** Gateway (VpnGw2AZ unless `gw` says otherwise) + site + connection with `props`. */
export function s2s(
  props: Partial<SiteToSiteConnectionProps> = {},
  gw: Partial<VpnGatewayProps> = {},
): S2sSetup {
  const { app, stack } = constructApp();
  const gateway = constructGateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27", gw);
  const site = new LocalSite(stack, "Branch", {
    name: "branch",
    resourceGroupName: RG,
    location: "westeurope",
    gatewayAddress: "203.0.113.10",
    addressSpace: ["192.168.0.0/16"],
    ...(props.bgp ? { bgp: { asn: 65010, peeringAddress: "169.254.21.10" } } : {}),
  });
  const connection = new SiteToSiteConnection(stack, "ToBranch", {
    gateway,
    site,
    sharedKey: SharedKey.fromVariable(stack, "psk"),
    ...props,
  });
  return { app, gateway, connection };
}
