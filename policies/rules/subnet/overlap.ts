import { Tagged, findOverlaps } from "../../../core/cidr";
import { NetworkM, NetworkModel, SubnetM, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { networkLabel, subnetLabel } from "../labels";

/**
 * `Subnet.Overlap`: the subnets of one virtual network must not overlap each other ("subnet address
 * spaces can't overlap one another"); ARM refuses the second one. The VNet construct refuses this at
 * construction; this rule sees raw resources, inline blocks and overrides too. Sort-and-sweep per
 * network, never pairwise over all prefixes.
 *
 * Catalogue: SUBNET-NO-OVERLAP, GW-SUBNET-IN-VNET.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#is-there-a-limit-to-the-number-of-subnets-in-my-virtual-network
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-vnet-plan-design-arm#subnets
 */
export const SubnetOverlap: Rule = {
  id: "Subnet.Overlap",
  severity: "error",
  description: "Two subnets of one virtual network have overlapping prefixes.",
  source:
    "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#is-there-a-limit-to-the-number-of-subnets-in-my-virtual-network",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    model.networks.forEach((n) => checkNetwork(n, out));
    return out;
  },
};

function checkNetwork(n: NetworkM, out: Outcome): void {
  const subs = n.subnets.filter((s) => s.kind === "resource" || s.kind === "inline");
  if (subs.length < 2) return;
  const items: Tagged<SubnetM>[] = [];
  for (const sub of subs) {
    if (!sub.prefixes.known) {
      out.cannotVerify(
        sub.path,
        `whether ${subnetLabel(sub)} overlaps its sibling subnets: ${sub.prefixes.why}`,
      );
      continue;
    }
    for (const prefix of sub.prefixes.prefixes) items.push({ prefix, tag: sub });
  }
  for (const [a, b] of findOverlaps(items, (x, y) => x.key === y.key)) {
    out.find({
      path: b.tag.path,
      message: `subnet ${show(a.tag.name)} (${a.prefix.text}) and subnet ${show(b.tag.name)} (${b.prefix.text}) of ${networkLabel(n)} overlap; Azure refuses overlapping subnets in one virtual network.`,
      fix: "Give one of the subnets a prefix that does not overlap the other's.",
      values: {
        network: n.label,
        subnet: show(a.tag.name),
        prefix: a.prefix.text,
        otherSubnet: show(b.tag.name),
        otherPrefix: b.prefix.text,
      },
    });
  }
}
