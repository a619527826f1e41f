import { IConstruct } from "constructs";
import { ConnectivityValidationError } from "../../core/errors";
import { tryParseIpv4Address } from "../../core/cidr";
import { isUnresolved } from "./validate";
import {
  AZURE_GATEWAY_DEFAULT_ASN,
  PRIVATE_ASN_RANGES,
  asnViolation,
  azureApipaViolation,
  peerWeightViolation,
  privateAsnRangesText,
} from "../../core/azure/bgp";

/** Who the ASN belongs to: an Azure gateway may keep Azure's default ASN, a peer (site) may not. */
export type AsnOwner = "gateway" | "peer";

/**
 * Throws unless Azure accepts `asn` for its owner (core/azure/bgp: an integer in the ASN range outside the
 * reserved ASNs; the same predicate as the Bgp.ReservedAsn rule). Tokens pass unchecked. Azure's default
 * gateway ASN is accepted for an Azure gateway: the FAQ reserves it only against on-premises peers.
 */
export function validateAsn(scope: IConstruct, prop: string, asn: number, owner: AsnOwner): void {
  if (isUnresolved(asn)) return;
  const problem = asnViolation(asn, owner === "peer" ? "site" : "gateway");
  if (problem?.kind === "invalid") {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${asn}' is not a valid ASN; use an integer from ${problem.min} to ${problem.max}, e.g. a private ASN in ${privateAsnRangesText()}`,
    );
  }
  if (problem?.kind === "reserved") {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${asn}' is ${problem.reserved.why} and Azure refuses it for BGP peers; ` +
        `use another ASN, e.g. a private one in ${privateAsnRangesText()}`,
    );
  }
}

/**
 * Throws when the gateway's ASN may not be used by a site, for a gateway that another gateway sees as a
 * site (VNet-to-VNet over IPsec): Azure's default gateway ASN, which sites may not use (VPN FAQ, BGP).
 * Tokens pass unchecked.
 */
export function validateGatewayAsnAsSite(scope: IConstruct, gatewayPath: string, asn: number): void {
  if (isUnresolved(asn)) return;
  const problem = asnViolation(asn, "site");
  if (problem?.kind === "reserved" && problem.reserved.from === AZURE_GATEWAY_DEFAULT_ASN) {
    throw new ConnectivityValidationError(
      scope,
      `\`bgp\`: gateway '${gatewayPath}' uses ASN '${asn}', Azure's default, which a site (the other gateway's ` +
        `view of it) may not use; give the gateway another ASN, e.g. a private one in ${PRIVATE_ASN_RANGES[0].from}-${PRIVATE_ASN_RANGES[0].to}`,
    );
  }
}

/** Throws unless the weight is one Azure accepts for a BGP peer (core/azure/bgp). Tokens and undefined pass. */
export function validatePeerWeight(scope: IConstruct, prop: string, weight: number | undefined): void {
  if (weight === undefined || isUnresolved(weight)) return;
  const problem = peerWeightViolation(weight);
  if (problem) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${weight}' is out of range; use an integer from ${problem.min} to ${problem.max}`,
    );
  }
}

/** Parses a single IPv4 address prop (no prefix length); undefined for tokens. */
export function parseIpv4Prop(scope: IConstruct, prop: string, text: string): bigint | undefined {
  if (isUnresolved(text)) return undefined;
  const value = tryParseIpv4Address(text);
  if (value === undefined) {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${text}' is not an IPv4 address; write a single address like '203.0.113.10'`,
    );
  }
  return value;
}

/** Throws unless the address is an IPv4 address in Azure's APIPA range (core/azure/bgp). Tokens pass unchecked. */
export function validateAzureApipa(scope: IConstruct, prop: string, text: string): void {
  parseIpv4Prop(scope, prop, text);
  if (isUnresolved(text)) return;
  const problem = azureApipaViolation(text);
  if (problem?.kind === "outside") {
    throw new ConnectivityValidationError(
      scope,
      `\`${prop}\`: '${text}' is outside the range Azure allows for custom APIPA BGP addresses ` +
        `(${problem.range}); choose an address in it`,
    );
  }
}
