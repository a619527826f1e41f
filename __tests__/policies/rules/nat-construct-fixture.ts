/** A site-to-site setup of our constructs with NAT rules, for the NAT rule tests. */
import { App, TerraformStack } from "cdktf";
import { LocalSite } from "../../../constructs/local-site";
import { SharedKey } from "../../../constructs/shared-key";
import { SiteToSiteConnection } from "../../../constructs/site-to-site-connection";
import { VpnGateway } from "../../../constructs/vpn-gateway";
import { VpnNatRule, VpnNatRuleProps } from "../../../constructs/vpn-nat-rule";
import { RG } from "../../../test-utils/terraform";
import { constructApp, constructGateway } from "../../../test-utils/vpn";

export interface NatSetup {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly gateway: VpnGateway;
  readonly site: LocalSite;
  readonly egress: VpnNatRule;
  readonly ingress: VpnNatRule;
  readonly connection: SiteToSiteConnection;
}

/**
 * Network 10.0.0.0/16 with a VpnGw2AZ gateway, site 10.0.1.0/24 (overlapping the network), one
 * EgressSnat and one IngressSnat rule on the connection; `egress` / `ingress` override their props.
 */
export function natSetup(
  egress: Partial<VpnNatRuleProps> = {},
  ingress: Partial<VpnNatRuleProps> = {},
): NatSetup {
  const { app, stack } = constructApp();
  const gateway = constructGateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
  const site = new LocalSite(stack, "Branch", {
    name: "branch",
    resourceGroupName: RG,
    location: "westeurope",
    gatewayAddress: "203.0.113.10",
    addressSpace: ["10.0.1.0/24"],
  });
  const egressRule = new VpnNatRule(stack, "VnetEgress", {
    gateway,
    name: "vnet-egress",
    mode: "EgressSnat",
    internalMappings: [{ addressSpace: "10.0.1.0/24" }],
    externalMappings: [{ addressSpace: "100.0.1.0/24" }],
    ...egress,
  });
  const ingressRule = new VpnNatRule(stack, "BranchIngress", {
    gateway,
    name: "branch-ingress",
    mode: "IngressSnat",
    internalMappings: [{ addressSpace: "10.0.1.0/24" }],
    externalMappings: [{ addressSpace: "100.0.2.0/24" }],
    ...ingress,
  });
  const connection = new SiteToSiteConnection(stack, "ToBranch", {
    gateway,
    site,
    sharedKey: SharedKey.fromVariable(stack, "psk"),
    natRules: { egress: [egressRule], ingress: [ingressRule] },
  });
  return { app, stack, gateway, site, egress: egressRule, ingress: ingressRule, connection };
}
