import { GatewayM, NatRuleM, NetworkModel, isUnknown } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, natRuleLabel } from "../link-helpers";
import { natRuleNeedsInstance } from "../../../core/azure/nat";

/**
 * `Nat.ActiveActive`: on an active-active gateway, a Dynamic NAT rule applies to one gateway instance,
 * named by `ip_configuration_id`: "A NAT rule must be configured to a specific VPN Gateway instance. This
 * is applicable to Dynamic NAT only. Static NAT rules are automatically applied to both VPN Gateway
 * instances." So a Dynamic rule without `ip_configuration_id`, naming an IP configuration the gateway does
 * not have, or without a twin (same mode and internal mapping) for the other instance leaves half the
 * traffic untranslated ("In active-active gateways, create a separate NAT rule for each gateway
 * instance"). Static rules without an IP configuration are fine (Microsoft's NAT how-to creates them so).
 *
 * Catalogue: NAT-AA-IPCONFIG.
 * @see https://learn.microsoft.com/rest/api/virtualnetwork/virtual-network-gateway-nat-rules/create-or-update
 * @see https://learn.microsoft.com/azure/vpn-gateway/nat-overview
 */
export const NatActiveActive: Rule = {
  id: "Nat.ActiveActive",
  severity: "error",
  description:
    "A Dynamic NAT rule of an active-active gateway names no gateway instance (ip_configuration_id), names one the gateway does not have, or has no twin rule for the other instance.",
  source:
    "https://learn.microsoft.com/rest/api/virtualnetwork/virtual-network-gateway-nat-rules/create-or-update",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    // Dynamic rules of each active-active gateway by what they translate: the instances they cover.
    const groups = new Map<string, { gateway: GatewayM; rules: NatRuleM[]; instances: Set<string> }>();
    for (const r of model.natRules) {
      const g = r.gateway;
      if (!g || typeof r.type !== "string") {
        if (g && isUnknown(r.type))
          out.cannotVerify(
            r.path,
            `whether ${natRuleLabel(r)} needs a gateway instance: its type is ${r.type.unknown}`,
          );
        continue;
      }
      if (isUnknown(g.activeActive)) {
        if (natRuleNeedsInstance(r.type, true))
          out.cannotVerify(
            r.path,
            `whether ${natRuleLabel(r)} needs a gateway instance: active_active of ${gatewayLabel(g)} is ${g.activeActive.unknown}`,
          );
        continue;
      }
      if (!natRuleNeedsInstance(r.type, g.activeActive === true)) continue;
      const label = natRuleLabel(r);
      const instance = r.ipConfiguration;
      if (instance === undefined) {
        out.find({
          path: r.path,
          message: `${label} is Dynamic on active-active ${gatewayLabel(g)} but sets no ip_configuration_id; a Dynamic rule applies to one gateway instance, so the other instance's traffic is not translated.`,
          fix: `Set ip_configuration_id to one IP configuration of ${gatewayLabel(g)} and create a twin rule for the other (one per instance).`,
          values: { rule: String(r.name ?? r.path), gateway: String(g.name ?? g.path) },
        });
        continue;
      }
      if (isUnknown(instance)) {
        out.cannotVerify(
          r.path,
          `which gateway instance ${label} applies to: ip_configuration_id is ${instance.unknown}`,
        );
        continue;
      }
      const names = g.ipConfigurations.map((ic) => ic.name);
      if (names.every((n) => typeof n === "string") && !names.includes(instance)) {
        out.find({
          path: r.path,
          message: `${label} has ip_configuration_id naming IP configuration ${instance}, which ${gatewayLabel(g)} does not have (${names.join(", ")}).`,
          fix: `Name one of the IP configurations of ${gatewayLabel(g)}: ${names.join(", ")}.`,
          values: { rule: String(r.name ?? r.path), ipConfiguration: instance },
        });
        continue;
      }
      const key = `${g.key}\u0000${String(r.mode)}\u0000${r.internal.map((m) => m.text).join(",")}`;
      const group = groups.get(key) ?? { gateway: g, rules: [], instances: new Set<string>() };
      group.rules.push(r);
      group.instances.add(instance);
      groups.set(key, group);
    }
    for (const { gateway: g, rules, instances } of groups.values()) {
      const names = g.ipConfigurations.map((ic) => ic.name);
      if (!names.every((n): n is string => typeof n === "string")) {
        out.cannotVerify(
          rules[0].path,
          `whether every instance of ${gatewayLabel(g)} has its Dynamic rule: the IP configuration names are not known at synth`,
        );
        continue;
      }
      if (isUnknown(g.ipConfigurationCount)) {
        out.cannotVerify(
          rules[0].path,
          `whether every instance of ${gatewayLabel(g)} has its Dynamic rule: ${g.ipConfigurationCount.unknown}`,
        );
        continue;
      }
      const missing = names.filter((n) => !instances.has(n));
      if (missing.length === 0) continue;
      for (const r of rules) {
        out.find({
          path: r.path,
          message: `${natRuleLabel(r)} is Dynamic for instance ${String(r.ipConfiguration)} of active-active ${gatewayLabel(g)}, with no twin rule (same mode and internal mapping) for ${missing.join(", ")}; that instance's traffic is not translated.`,
          fix: `Create the same Dynamic rule with ip_configuration_id naming ${missing.join(", ")}.`,
          values: { rule: String(r.name ?? r.path), missing: missing.join(", ") },
        });
      }
    }
    return out;
  },
};
