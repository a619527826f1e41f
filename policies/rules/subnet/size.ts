import {
  IPV6_SUBNET_LENGTH,
  LARGEST_IPV4_SUBNET,
  SMALLEST_IPV4_SUBNET,
  subnetSizeViolation,
} from "../../../core/azure/address";
import { isGatewaySubnetName } from "../../../core/azure/naming";
import { NetworkModel, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { subnetLabel } from "../labels";

/**
 * `Subnet.Size`: Azure refuses an IPv4 subnet smaller than /29 or larger than /2, and an IPv6 subnet
 * that is not exactly /64 ("The smallest supported IPv4 subnet is /29, and the largest is /2 ... IPv6
 * subnets must be exactly /64 in size"). Checked on every subnet the configuration declares (resources
 * and inline blocks); a GatewaySubnet smaller than /29 is left to `GatewaySubnet.Size`. The `Vnet`
 * construct refuses the same sizes with the same predicate (core/azure/address.ts subnetSizeViolation).
 *
 * Catalogue: SUBNET-MIN.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 */
export const SubnetSize: Rule = {
  id: "Subnet.Size",
  severity: "error",
  description: `A subnet prefix is smaller than /${SMALLEST_IPV4_SUBNET} or larger than /${LARGEST_IPV4_SUBNET} (IPv4), or is not a /${IPV6_SUBNET_LENGTH} (IPv6).`,
  source: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (let at = 0; at < model.subnets.length; at++) {
      const sub = model.subnets[at];
      if (sub.kind !== "resource" && sub.kind !== "inline") continue;
      if (!sub.prefixes.known) {
        out.cannotVerify(sub.path, `the size of ${subnetLabel(sub)}: ${sub.prefixes.why}`);
        continue;
      }
      for (const p of sub.prefixes.prefixes) {
        const v = subnetSizeViolation(p);
        if (!v || (v.kind === "ipv4-too-small" && isGatewaySubnetName(sub.name))) continue;
        const why =
          v.kind === "ipv4-too-small"
            ? `smaller than /${v.smallest}, the smallest IPv4 subnet Azure allows (it reserves five addresses per subnet)`
            : v.kind === "ipv4-too-large"
              ? `larger than /${v.largest}, the largest IPv4 subnet Azure allows`
              : `not a /${v.required}; Azure IPv6 subnets are exactly /${v.required}`;
        out.find({
          path: sub.path,
          message: `${subnetLabel(sub)} has prefix ${p.text}, ${why}.`,
          fix:
            v.kind === "ipv4-too-small"
              ? `Use a /${v.smallest} or larger prefix.`
              : v.kind === "ipv4-too-large"
                ? `Split it into /${v.largest} or smaller subnets.`
                : `Use a /${v.required} prefix.`,
          values: { subnet: show(sub.name), prefix: p.text },
        });
      }
    }
    return out;
  },
};
