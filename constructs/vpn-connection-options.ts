import { VpnNatRule } from "./vpn-nat-rule";
import {
  DH_GROUPS,
  IKE_ENCRYPTION,
  IKE_INTEGRITY,
  IPSEC_ENCRYPTION,
  IPSEC_INTEGRITY,
  PFS_GROUPS,
  UNDOCUMENTED_PFS_GROUPS,
} from "../core/azure/ipsec";
import { ConnectionProtocolName } from "../core/azure/connection";

/**
 * IKE (phase 1) encryption: the values Microsoft documents for a custom policy. DES and DES3 are still
 * accepted by the API but no longer documented, so they are refused.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export type IkeEncryption = (typeof IKE_ENCRYPTION)[number];

/**
 * IKE (phase 1) integrity (the PRF when the IKE cipher is GCM).
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export type IkeIntegrity = (typeof IKE_INTEGRITY)[number];

/**
 * IKE Diffie-Hellman group. `DHGroup2048` is the same group as `DHGroup14`.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export type DhGroup = (typeof DH_GROUPS)[number];

/**
 * IPsec (phase 2) encryption.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export type IpsecEncryption = (typeof IPSEC_ENCRYPTION)[number];

/**
 * IPsec (phase 2) integrity. With a GCM cipher it must be the same GCM algorithm.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export type IpsecIntegrity = (typeof IPSEC_INTEGRITY)[number];

/**
 * Perfect forward secrecy group of the IPsec SAs. `PFS2048` is DH group 14. The undocumented `PFS14`
 * and `PFSMM` are accepted (Azure accepts them; the `Ipsec.PolicyValues` rule warns about them).
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 */
export type PfsGroup = (typeof PFS_GROUPS)[number] | (typeof UNDOCUMENTED_PFS_GROUPS)[number];

/**
 * A custom IPsec/IKE policy: every algorithm is required (Azure refuses partial policies). Not available
 * on the Basic SKU. Both directions of a VNet-to-VNet connection get the same policy.
 * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq#ipsecike-policy
 */
export interface IpsecPolicy {
  /** IKE encryption, e.g. `AES256`. */
  readonly ikeEncryption: IkeEncryption;
  /** IKE integrity, e.g. `SHA256`. */
  readonly ikeIntegrity: IkeIntegrity;
  /** IKE DH group, e.g. `DHGroup14`. */
  readonly dhGroup: DhGroup;
  /** IPsec encryption, e.g. `GCMAES256`. */
  readonly ipsecEncryption: IpsecEncryption;
  /** IPsec integrity, e.g. `GCMAES256` (must equal a GCM `ipsecEncryption`). */
  readonly ipsecIntegrity: IpsecIntegrity;
  /** PFS group, e.g. `PFS2048` or `None`. */
  readonly pfsGroup: PfsGroup;
  /**
   * IPsec SA lifetime in seconds, at least 300.
   * @default 27000 (Azure's default)
   */
  readonly saLifetimeSeconds?: number;
  /**
   * IPsec SA data size in KB: 0 (no rekey on volume) or 1024 to 2147483647.
   * @default 102400000 (Azure's default)
   */
  readonly saDataSizeKilobytes?: number;
}

/** A traffic selector (pair of prefix lists) proposed for a policy-based connection. */
export interface TrafficSelectorPolicy {
  /** Prefixes on the Azure side. */
  readonly localAddressCidrs: string[];
  /** Prefixes on the other side. */
  readonly remoteAddressCidrs: string[];
}

/**
 * IKE version of a connection. IKEv1 is not available on the Basic SKU and briefly drops the tunnel on
 * every main-mode rekey; IKEv2 is the default and the recommendation.
 * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
 */
export type VpnConnectionProtocol = ConnectionProtocolName;

/**
 * Who starts the tunnel: both sides (`Default`), only Azure (`InitiatorOnly`) or only the peer
 * (`ResponderOnly`).
 */
export type VpnConnectionMode = "Default" | "InitiatorOnly" | "ResponderOnly";

/** NAT rules attached to an IPsec connection. */
export interface VpnConnectionNatRules {
  /**
   * IngressSnat rules: translate the site's (the other side's) addresses.
   * @default - none
   */
  readonly ingress?: VpnNatRule[];
  /**
   * EgressSnat rules: translate this gateway's network's addresses.
   * @default - none
   */
  readonly egress?: VpnNatRule[];
}

/**
 * Tunnel settings common to every kind of connection. For a VNet-to-VNet link they apply to both
 * directions, which must agree.
 */
export interface VpnConnectionOptions {
  /**
   * Custom IPsec/IKE policy (not on Basic).
   * @default - Azure's default proposals
   * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
   */
  readonly ipsecPolicy?: IpsecPolicy;
  /**
   * Propose policy-based traffic selectors (for a policy-based on-premises device). Works with Azure's
   * default policy or a custom `ipsecPolicy` ("Either/both Policy-based traffic selector and DPD timeout
   * options can be specified with Default policy, without a custom IPsec/IKE policy"); not with NAT rules.
   * @default false
   * @see https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-connect-multiple-policybased-rm-ps
   */
  readonly usePolicyBasedTrafficSelectors?: boolean;
  /**
   * Custom traffic selectors (at most 100); they take effect only with `usePolicyBasedTrafficSelectors`.
   * @default - derived from the address spaces
   */
  readonly trafficSelectorPolicies?: TrafficSelectorPolicy[];
  /**
   * Dead peer detection timeout in seconds, 9 to 3600 (30-45 recommended).
   * @default 45 (Azure's default)
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-vpn-faq
   */
  readonly dpdTimeoutSeconds?: number;
  /**
   * IKE version. A PolicyBased gateway takes IKEv1 only.
   * @default "IKEv2", or "IKEv1" on a PolicyBased gateway
   */
  readonly connectionProtocol?: VpnConnectionProtocol;
  /**
   * Who may start the tunnel.
   * @default "Default"
   */
  readonly connectionMode?: VpnConnectionMode;
  /**
   * Exchange routes over BGP on this connection. Both ends need BGP (the gateway's `bgp`, the site's
   * `bgp`) with different ASNs.
   * @default false
   * @see https://learn.microsoft.com/azure/vpn-gateway/vpn-gateway-bgp-overview
   */
  readonly bgp?: boolean;
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}
