import { describeProblem, reservedOverlaps, tryParsePrefix } from "../../../core/cidr";
import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { attr, blocks } from "../../input/terraform-json";
import { networkLabel, subnetLabel } from "../labels";

/**
 * `AddressSpace.Reserved`: a virtual network's address spaces and its subnets' prefixes must be
 * valid CIDR blocks (no host bits set) outside the ranges Azure refuses: 224.0.0.0/4 (multicast),
 * 255.255.255.255/32 (broadcast), 127.0.0.0/8 (loopback), 169.254.0.0/16 (link-local) and
 * 168.63.129.16/32 (Azure's internal DNS). ARM answers malformed prefixes with
 * `InvalidAddressPrefixFormat`. Networks and subnets read by data sources are not checked.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#what-address-ranges-can-i-use-in-my-virtual-networks
 */
export const AddressSpaceReserved: Rule = {
  id: "AddressSpace.Reserved",
  severity: "error",
  description:
    "A VNet address space or subnet prefix is not a valid CIDR block, or lies in a range Azure reserves (224.0.0.0/4, 127.0.0.0/8, 169.254.0.0/16, 168.63.129.16/32, 255.255.255.255/32).",
  source:
    "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#what-address-ranges-can-i-use-in-my-virtual-networks",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const r = model.resolver;
    const checkList = (
      stack: string,
      path: string,
      owner: string,
      what: string,
      value: unknown,
      values: Record<string, string>,
    ) => {
      const list = r.strList(stack, value);
      if (list === undefined) return;
      if (isUnknown(list)) {
        out.cannotVerify(
          path,
          `whether the ${what} of ${owner} is valid and outside Azure's reserved ranges: it is ${list.unknown}`,
        );
        return;
      }
      for (const text of list) {
        const parsed = tryParsePrefix(text);
        if (!parsed.ok) {
          out.find({
            path,
            message: `${owner} has ${what} ${describeProblem(text, parsed.problem)}; Azure refuses it (InvalidAddressPrefixFormat).`,
            fix: "Write each prefix as a network address and prefix length, e.g. '10.0.0.0/16', with no host bits set.",
            values: { ...values, prefix: text },
          });
          continue;
        }
        for (const res of reservedOverlaps(parsed.prefix)) {
          out.find({
            path,
            message: `${owner} has ${what} ${parsed.prefix.text}, which overlaps ${res.prefix.text} (${res.why}); Azure does not allow this range in a virtual network.`,
            fix: "Use private address space instead (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10).",
            values: { ...values, prefix: parsed.prefix.text, reserved: res.prefix.text },
          });
        }
      }
    };
    for (const n of model.networks) {
      if (n.kind !== "resource" || !n.block) continue;
      const stack = n.block.stack;
      checkList(stack, n.path, networkLabel(n), "address space", n.block.body?.address_space, {
        network: n.label,
      });
      for (const inline of blocks(n.block.body, "subnet")) {
        const name = r.str(stack, inline.name);
        checkList(
          stack,
          n.path,
          `inline subnet ${show(name)} of ${networkLabel(n)}`,
          "prefix",
          attr(inline, "address_prefixes", "address_prefix"),
          { network: n.label, subnet: show(name) },
        );
      }
    }
    for (const sub of model.subnets) {
      if (sub.kind !== "resource" || !sub.block) continue;
      checkList(
        sub.block.stack,
        sub.path,
        subnetLabel(sub),
        "prefix",
        attr(sub.block.body, "address_prefixes", "address_prefix"),
        {
          network: sub.network?.label ?? "(unknown)",
          subnet: show(sub.name),
        },
      );
    }
    return out;
  },
};
