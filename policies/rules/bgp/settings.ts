import { NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, siteLabel } from "../labels";
import { BGP_PEER_WEIGHT, peerWeightViolation } from "../../../core/azure/bgp";

/**
 * `Bgp.Settings`: the BGP settings of gateways and sites are complete and in range. A `peer_weight`
 * (gateway or site) is an integer from 0 to 100 (the provider documents the range, without checking it);
 * a site's `bgp_settings` has both `asn` and `bgp_peering_address` (required by the provider, refused at
 * plan). The `VpnGateway` and `LocalSite` constructs refuse the same weights with the same predicate and
 * require both site settings.
 *
 * Catalogue: BGP-PEER-WEIGHT, LNG-BGP-FIELDS.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/local_network_gateway
 */
export const BgpSettings: Rule = {
  id: "Bgp.Settings",
  severity: "error",
  description: `A gateway or site has a BGP peer_weight outside ${BGP_PEER_WEIGHT.min}-${BGP_PEER_WEIGHT.max}, or a site's bgp_settings lacks asn or bgp_peering_address.`,
  source:
    "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/virtual_network_gateway",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    const weight = (path: string, label: string, w: unknown) => {
      if (w === undefined) return;
      if (isUnknown(w)) {
        out.cannotVerify(path, `the BGP peer_weight of ${label}: it is ${w.unknown}`);
        return;
      }
      const v = typeof w === "number" ? peerWeightViolation(w) : undefined;
      if (v)
        out.find({
          path,
          message: `${label} has BGP peer_weight ${String(w)}; Azure takes an integer from ${v.min} to ${v.max}.`,
          fix: `Set peer_weight between ${v.min} and ${v.max} (or leave it out).`,
          values: { owner: label, peerWeight: String(w) },
        });
    };
    for (const g of model.gateways) if (isCreated(g)) weight(g.path, gatewayLabel(g), g.bgpPeerWeight);
    for (const s of model.sites) {
      if (!isCreated(s) || s.bgp === undefined) continue;
      weight(s.path, siteLabel(s), s.bgp.peerWeight);
      const missing = [
        s.bgp.asn === undefined ? "asn" : "",
        s.bgp.peeringAddress === undefined ? "bgp_peering_address" : "",
      ].filter((x) => x !== "");
      if (missing.length > 0)
        out.find({
          path: s.path,
          message: `${siteLabel(s)} has bgp_settings without ${missing.join(" and ")}; the provider requires both the device's ASN and its BGP peer address.`,
          fix: "Set asn and bgp_peering_address in the site's bgp_settings (or remove bgp_settings for a site without BGP).",
          values: { site: show(s.name), missing: missing.join(", ") },
        });
    }
    return out;
  },
};
