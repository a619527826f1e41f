import { describeProblem, tryParsePrefix } from "../../../core/cidr";
import { NetworkModel, Value, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, siteLabel } from "../labels";
import { natRuleLabel } from "../link-helpers";

/**
 * `AddressSpace.CidrFormat`: every prefix written outside the virtual networks must be a valid CIDR block
 * with no host bits set, like those of the networks and subnets (`AddressSpace.Reserved`): a site's
 * `address_space`, a gateway's point-to-site client pool (`vpn_client_configuration.address_space`) and
 * a NAT rule's `internal_mapping` / `external_mapping` `address_space`. ARM answers a malformed prefix with
 * `InvalidAddressPrefixFormat` and refuses one with host bits set. Without this rule these prefixes are
 * only "not known" to the other rules.
 *
 * Catalogue: ADDR-CIDR-FORMAT, ADDR-CANONICAL.
 * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
 * @see https://github.com/MicrosoftDocs/azure-docs/issues/88101
 */
export const AddressSpaceCidrFormat: Rule = {
  id: "AddressSpace.CidrFormat",
  severity: "error",
  description:
    "A site address space, point-to-site client pool or NAT mapping prefix is not a valid CIDR block or has host bits set.",
  source: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const checkList = (path: string, owner: string, what: string, list: Value<string[]>) => {
      if (list === undefined) return;
      if (isUnknown(list)) {
        out.cannotVerify(path, `whether the ${what} of ${owner} is valid CIDR: it is ${list.unknown}`);
        return;
      }
      for (const text of list) {
        const parsed = tryParsePrefix(text);
        if (parsed.ok) continue;
        out.find({
          path,
          message: `${owner} has ${what} ${describeProblem(text, parsed.problem)}; Azure refuses it (InvalidAddressPrefixFormat).`,
          fix: "Write each prefix as a network address and prefix length, e.g. '192.168.0.0/16', with no host bits set.",
          values: { owner, prefix: text },
        });
      }
    };
    for (const s of model.sites) {
      if (isCreated(s)) checkList(s.path, siteLabel(s), "address_space", s.addressSpaceText);
    }
    for (const g of model.gateways) {
      if (isCreated(g) && g.pointToSite)
        checkList(g.path, gatewayLabel(g), "point-to-site client pool", g.pointToSite.addressSpace);
    }
    for (const r of model.natRules) {
      if (!isCreated(r)) continue;
      const owner = natRuleLabel(r);
      for (const [what, list] of [
        ["internal_mapping", r.internal],
        ["external_mapping", r.external],
      ] as const) {
        for (const m of list) if (m.invalid) checkList(r.path, owner, `${what} address_space`, [m.text]);
      }
    }
    return out;
  },
};
