import { describeProblem, tryParsePrefix } from "../../../core/cidr";
import {
  AZURE_RESERVED_PREFIXES,
  RFC1918_RANGES,
  SHARED_ADDRESS_SPACE,
  reservedOverlaps,
} from "../../../core/azure/address";
import { orList } from "../../../core/text";
import { NetworkModel, Value, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { networkLabel, subnetLabel } from "../labels";

/**
 * `AddressSpace.Reserved`: a virtual network's address spaces and its subnets' prefixes must be
 * valid CIDR blocks (no host bits set) outside the ranges Azure refuses: 224.0.0.0/4 (multicast),
 * 255.255.255.255/32 (broadcast), 127.0.0.0/8 (loopback), 169.254.0.0/16 (link-local) and
 * 168.63.129.16/32 (Azure's internal DNS). ARM answers malformed prefixes with
 * `InvalidAddressPrefixFormat`. Networks and subnets read by data sources are not checked.
 *
 * Catalogue: ADDR-RESERVED.
 * Catalogue (partly): ADDR-CIDR-FORMAT, ADDR-CANONICAL.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#what-address-ranges-can-i-use-in-my-virtual-networks
 */
export const AddressSpaceReserved: Rule = {
  id: "AddressSpace.Reserved",
  severity: "error",
  description: `A VNet address space or subnet prefix is not a valid CIDR block, or lies in a range Azure reserves (${AZURE_RESERVED_PREFIXES.map((r) => r.prefix.text).join(", ")}).`,
  source:
    "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq#what-address-ranges-can-i-use-in-my-virtual-networks",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    // The owner's label and the finding's values are made only for a finding: thousands of networks
    // and subnets are checked on every synth, and almost all of them pass.
    const checkList = (
      path: string,
      ownerOf: () => string,
      what: string,
      list: Value<string[]>,
      valuesOf: () => Record<string, string>,
    ) => {
      if (list === undefined) return;
      if (isUnknown(list)) {
        out.cannotVerify(
          path,
          `whether the ${what} of ${ownerOf()} is valid and outside Azure's reserved ranges: it is ${list.unknown}`,
        );
        return;
      }
      for (let i = 0; i < list.length; i++) {
        const text = list[i];
        const parsed = tryParsePrefix(text);
        if (!parsed.ok) {
          out.find({
            path,
            message: `${ownerOf()} has ${what} ${describeProblem(text, parsed.problem)}; Azure refuses it (InvalidAddressPrefixFormat).`,
            fix: "Write each prefix as a network address and prefix length, e.g. '10.0.0.0/16', with no host bits set.",
            values: { ...valuesOf(), prefix: text },
          });
          continue;
        }
        const reserved = reservedOverlaps(parsed.prefix);
        for (let j = 0; j < reserved.length; j++) {
          const res = reserved[j];
          out.find({
            path,
            message: `${ownerOf()} has ${what} ${parsed.prefix.text}, which overlaps ${res.prefix.text} (${res.why}); Azure does not allow this range in a virtual network.`,
            fix: `Use private address space instead (${orList([...RFC1918_RANGES, SHARED_ADDRESS_SPACE])}).`,
            values: { ...valuesOf(), prefix: parsed.prefix.text, reserved: res.prefix.text },
          });
        }
      }
    };
    for (let at = 0; at < model.networks.length; at++) {
      const n = model.networks[at];
      if (n.kind !== "resource") continue;
      checkList(
        n.path,
        () => networkLabel(n),
        "address space",
        n.addressSpaceText,
        () => ({ network: n.label }),
      );
    }
    for (let at = 0; at < model.subnets.length; at++) {
      const sub = model.subnets[at];
      if (sub.kind === "inline" && sub.network) {
        const network = sub.network;
        checkList(
          sub.path,
          () => `inline subnet ${show(sub.name)} of ${networkLabel(network)}`,
          "prefix",
          sub.prefixText,
          () => ({ network: network.label, subnet: show(sub.name) }),
        );
      } else if (sub.kind === "resource") {
        checkList(
          sub.path,
          () => subnetLabel(sub),
          "prefix",
          sub.prefixText,
          () => ({ network: sub.network?.label ?? "(unknown)", subnet: show(sub.name) }),
        );
      }
    }
    return out;
  },
};
