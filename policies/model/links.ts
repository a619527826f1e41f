/**
 * Model builder, links section: peerings (directed, with their transit flags and subnet-level
 * peering) and gateway connections (directed, with type, ends, shared key, IPsec policy, BGP, NAT).
 */
import { Block, attr, blocks, firstBlock } from "../input/terraform-json";
import { BuildContext, sourceOf } from "./context";
import { ConnectionM, IpsecPolicyM, NatRuleM, PeeringM, show } from "./types";
import { bareReference } from "../input/values";

export function readPeering(ctx: BuildContext, b: Block): PeeringM {
  const s = b.stack;
  const r = ctx.r;
  const bool = (v: unknown, d: boolean) => r.bool(s, v) ?? d;
  return {
    key: b.key,
    source: sourceOf(b),
    path: b.path,
    stack: s,
    name: r.str(s, b.body.name),
    local: ctx.networkOfNameRef(s, b.body.virtual_network_name, b.body.resource_group_name),
    remote: ctx.networkFromId(s, b.body.remote_virtual_network_id),
    localExpr: show(b.body.virtual_network_name),
    remoteExpr: show(b.body.remote_virtual_network_id),
    // Provider defaults: access true, the others false, complete networks true.
    allowAccess: bool(b.body.allow_virtual_network_access, true),
    allowForwardedTraffic: bool(b.body.allow_forwarded_traffic, false),
    allowGatewayTransit: bool(b.body.allow_gateway_transit, false),
    useRemoteGateways: bool(b.body.use_remote_gateways, false),
    completeNetworks: bool(b.body.peer_complete_virtual_networks_enabled, true),
    localSubnetNames: r.strList(s, b.body.local_subnet_names),
    remoteSubnetNames: r.strList(s, b.body.remote_subnet_names),
    dependsOn: dependencies(ctx, b),
  };
}

/** Model keys of the blocks in `depends_on` (`${azurerm_x.y}` or `azurerm_x.y`). */
function dependencies(ctx: BuildContext, b: Block): string[] {
  const out: string[] = [];
  for (const d of Array.isArray(b.body.depends_on) ? b.body.depends_on : []) {
    if (typeof d !== "string") continue;
    const address = bareReference(d);
    const block = ctx.r.block(b.stack, address);
    if (block) out.push(block.key);
  }
  return out;
}

function ipsecPolicy(ctx: BuildContext, stack: string, p: any): IpsecPolicyM {
  const r = ctx.r;
  return {
    dhGroup: r.str(stack, p.dh_group),
    ikeEncryption: r.str(stack, p.ike_encryption),
    ikeIntegrity: r.str(stack, p.ike_integrity),
    ipsecEncryption: r.str(stack, p.ipsec_encryption),
    ipsecIntegrity: r.str(stack, p.ipsec_integrity),
    pfsGroup: r.str(stack, p.pfs_group),
    saLifetime: r.num(stack, p.sa_lifetime),
    saDatasize: r.num(stack, p.sa_datasize),
  };
}

const expr = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : show(v));

export function readConnection(ctx: BuildContext, b: Block): ConnectionM {
  const s = b.stack;
  const r = ctx.r;
  const natList = (value: unknown, unresolved: string[]): NatRuleM[] => {
    const out: NatRuleM[] = [];
    const resolved = r.resolve(s, value);
    const items =
      resolved.kind === "literal" && Array.isArray(resolved.value)
        ? resolved.value
        : value === undefined
          ? []
          : [value];
    for (const item of items) {
      const ref = r.ref(s, item);
      const rule = ref ? ctx.natRules.get(ref.block.key) : undefined;
      if (rule) out.push(rule);
      else unresolved.push(show(item));
    }
    return out;
  };
  const unresolvedNat: string[] = [];
  const gateway = ctx.gatewayFrom(s, b.body.virtual_network_gateway_id);
  const policies = blocks(b.body, "ipsec_policy").map((p) => ipsecPolicy(ctx, s, p));
  const custom = firstBlock(b.body, "custom_bgp_addresses");
  const siteRef = r.ref(s, b.body.local_network_gateway_id);
  const c: ConnectionM = {
    key: b.key,
    source: sourceOf(b),
    path: b.path,
    name: r.str(s, b.body.name),
    location: r.str(s, b.body.location),
    type: r.str(s, b.body.type),
    gateway,
    gatewayExpr: show(b.body.virtual_network_gateway_id),
    peerGateway: ctx.gatewayFrom(s, b.body.peer_virtual_network_gateway_id),
    peerExpr: expr(b.body.peer_virtual_network_gateway_id),
    site: siteRef ? ctx.sites.get(siteRef.block.key) : undefined,
    siteExpr: expr(b.body.local_network_gateway_id),
    expressRouteCircuitExpr: expr(b.body.express_route_circuit_id),
    authorizationKeySet: b.body.authorization_key !== undefined && b.body.authorization_key !== null,
    expressRouteGatewayBypass: r.bool(s, b.body.express_route_gateway_bypass),
    privateLinkFastPathEnabled: r.bool(s, b.body.private_link_fast_path_enabled),
    sharedKey: ctx.sharedKey(s, b.body.shared_key),
    ipsecPolicies: policies,
    ipsecPolicy: policies[0],
    usePolicyBasedTrafficSelectors: r.bool(s, b.body.use_policy_based_traffic_selectors),
    bgpEnabled: r.bool(s, attr(b.body, "bgp_enabled", "enable_bgp")),
    dpdTimeoutSeconds: r.num(s, b.body.dpd_timeout_seconds),
    connectionProtocol: r.str(s, b.body.connection_protocol),
    connectionMode: r.str(s, b.body.connection_mode),
    routingWeight: r.num(s, b.body.routing_weight),
    privateIpAddressEnabled: r.bool(s, b.body.local_azure_ip_address_enabled),
    customBgpAddresses: custom
      ? { primary: r.str(s, custom.primary), secondary: r.str(s, custom.secondary) }
      : undefined,
    trafficSelectorPolicyCount: blocks(b.body, "traffic_selector_policy").length,
    ingressNat: natList(b.body.ingress_nat_rule_ids, unresolvedNat),
    egressNat: natList(b.body.egress_nat_rule_ids, unresolvedNat),
    unresolvedNat,
  };
  gateway?.connections.push(c);
  return c;
}
