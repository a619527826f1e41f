import { Prefix, containedInAny, contains } from "../../../core/cidr";
import { NetworkM, NetworkModel, SubnetM } from "../../model";
import { Outcome, Rule } from "../../rule";
import { networkLabel, subnetLabel } from "../labels";

/** The network's spaces sorted for binary search, and whether they overlap each other. */
function index(spaces: readonly Prefix[]): { sorted: Prefix[]; nested: boolean } {
  const order = (a: Prefix, b: Prefix) =>
    a.family - b.family || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
  // Spaces are mostly declared in order: copied and sorted only when they are not.
  let inOrder = true;
  for (let i = 1; i < spaces.length && inOrder; i++) inOrder = order(spaces[i - 1], spaces[i]) <= 0;
  const sorted = inOrder ? (spaces as Prefix[]) : spaces.slice().sort(order);
  let nested = false;
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].family === sorted[i - 1].family && sorted[i].start <= sorted[i - 1].end) nested = true;
  }
  return { sorted, nested };
}

/** True when a space contains `p`: binary search for the last space starting at or before it. */
function inside(ix: { sorted: Prefix[]; nested: boolean }, p: Prefix): boolean {
  if (ix.nested) return containedInAny(ix.sorted, p);
  let lo = 0;
  let hi = ix.sorted.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ix.sorted[mid];
    if (s.family < p.family || (s.family === p.family && s.start <= p.start)) {
      best = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return best >= 0 && contains(ix.sorted[best], p);
}

/** Subnets this configuration declares (resources and inline blocks), not data sources or ids. */
function declared(sub: SubnetM): boolean {
  return sub.kind === "resource" || sub.kind === "inline";
}

/**
 * `Subnet.OutsideVnet`: every prefix of a subnet must lie inside one of its virtual network's
 * address spaces ("a unique address range for each subnet, specified in CIDR format, within the
 * address space of the virtual network"); ARM refuses others. The VNet construct refuses this at construction; this
 * rule sees raw resources and overrides too. Binary search over the network's sorted spaces.
 *
 * Catalogue: SUBNET-IN-VNET, GW-SUBNET-IN-VNET.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-network-vnet-plan-design-arm#subnets
 * @see https://learn.microsoft.com/azure/virtual-network/manage-virtual-network
 */
export const SubnetOutsideVnet: Rule = {
  id: "Subnet.OutsideVnet",
  severity: "error",
  description: "A subnet prefix lies outside its virtual network's address spaces.",
  source: "https://learn.microsoft.com/azure/virtual-network/virtual-network-vnet-plan-design-arm#subnets",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    // Every kind of network: subnets created in an existing network (data source, or known by id
    // with declared spaces) are checked too, or reported unverifiable.
    model.networks.forEach((n) => checkNetwork(n, out));
    for (let at = 0; at < model.subnets.length; at++) {
      const sub = model.subnets[at];
      if (sub.kind === "resource" && !sub.network)
        out.cannotVerify(
          sub.path,
          `whether ${subnetLabel(sub)} lies inside its network's address space: its virtual network cannot be resolved at synth`,
        );
    }
    return out;
  },
};

function checkNetwork(n: NetworkM, out: Outcome): void {
  const subs = n.subnets.filter(declared);
  if (subs.length === 0) return;
  if (!n.spaces.known) {
    out.cannotVerify(
      n.path,
      `whether the subnets of ${networkLabel(n)} lie inside its address space: ${n.spaces.why}`,
    );
    return;
  }
  const ix = index(n.spaces.prefixes);
  // For the messages only: made when a subnet is outside.
  const spacesText = () => (n.spaces.known ? n.spaces.prefixes.map((p) => p.text).join(", ") : "");
  for (let i = 0; i < subs.length; i++) {
    const sub = subs[i];
    if (!sub.prefixes.known) {
      out.cannotVerify(
        sub.path,
        `whether ${subnetLabel(sub)} lies inside ${networkLabel(n)}: ${sub.prefixes.why}`,
      );
      continue;
    }
    const prefixes = sub.prefixes.prefixes;
    for (let j = 0; j < prefixes.length; j++) {
      const p = prefixes[j];
      if (inside(ix, p)) continue;
      const spaces = spacesText();
      out.find({
        path: sub.path,
        message: `${subnetLabel(sub)} has prefix ${p.text}, outside the network's address space (${spaces || "none"}); Azure refuses a subnet outside its virtual network.`,
        fix: "Choose a subnet prefix inside the network's address space, or add a range that contains it to the network's address_space.",
        values: { network: n.label, subnet: String(sub.name), prefix: p.text, addressSpace: spaces },
      });
    }
  }
}
