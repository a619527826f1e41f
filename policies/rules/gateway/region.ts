import { ConnectionM, GatewayM, NetworkModel, isUnknown, show } from "../../model";
import { Outcome, Rule } from "../../rule";
import { gatewayLabel, isCreated, networkLabel } from "../labels";
import { sameRegion } from "../../../core/azure/naming";

/**
 * `Gateway.Region`: a virtual network gateway is created in its virtual network's region ("The region
 * for the gateway must be the same as the virtual network"), and a connection in its gateway's region
 * (a connection in another region is refused: the AZ-700 labs had to move theirs). Regions compare as
 * Azure does: `West Europe` is `westeurope`. A location that is unknown at synth (a variable, a data
 * source's network, a network known only by id without a declared location) is not verifiable.
 * The `VpnGateway` construct refuses a `location` other than its network's; the connection constructs
 * take their gateway's.
 *
 * Catalogue: GW-LOCATION, CONN-LOCATION.
 * @see https://learn.microsoft.com/azure/vpn-gateway/tutorial-create-gateway-portal
 * @see https://github.com/MicrosoftLearning/AZ-700-Designing-and-Implementing-Microsoft-Azure-Networking-Solutions/issues/307
 * @see https://github.com/MicrosoftLearning/AZ-700-Designing-and-Implementing-Microsoft-Azure-Networking-Solutions/issues/301
 */
export const GatewayRegion: Rule = {
  id: "Gateway.Region",
  severity: "error",
  description:
    "A virtual network gateway is in another region than its virtual network, or a gateway connection in another region than its gateway.",
  source: "https://learn.microsoft.com/azure/vpn-gateway/tutorial-create-gateway-portal",
  check: (model: NetworkModel) => {
    const out = new Outcome();
    for (const g of model.gateways) if (isCreated(g) && g.network) checkGateway(g, out);
    for (const c of model.connections) if (isCreated(c)) checkConnection(c, out);
    return out;
  },
};

function checkGateway(g: GatewayM, out: Outcome): void {
  const n = g.network!;
  const mine = g.location;
  const theirs = n.location;
  if (mine === undefined) return;
  if (typeof mine !== "string" || typeof theirs !== "string") {
    out.cannotVerify(
      g.path,
      `whether ${gatewayLabel(g)} is in the region of ${networkLabel(n)}: ${typeof mine !== "string" ? `its location is ${show(mine)}` : `the network's location is ${theirs === undefined ? "not known at synth" : show(theirs)}`}`,
    );
    return;
  }
  if (sameRegion(mine, theirs)) return;
  out.find({
    path: g.path,
    message: `${gatewayLabel(g)} is in ${mine}, but its ${networkLabel(n)} is in ${theirs}; a virtual network gateway is created in its virtual network's region.`,
    fix: `Set the gateway's location to "${theirs}" (the network's).`,
    values: { gateway: show(g.name), location: mine, network: n.label, networkLocation: theirs },
  });
}

function checkConnection(c: ConnectionM, out: Outcome): void {
  const mine = c.location;
  if (mine === undefined) return;
  const label = `connection ${show(c.name)}`;
  if (!c.gateway) {
    out.cannotVerify(
      c.path,
      `whether ${label} is in its gateway's region: the gateway ${c.gatewayExpr} is not a gateway of the configuration`,
    );
    return;
  }
  const theirs = c.gateway.location;
  if (typeof mine !== "string" || typeof theirs !== "string") {
    if (isUnknown(mine) || isUnknown(theirs))
      out.cannotVerify(
        c.path,
        `whether ${label} is in the region of ${gatewayLabel(c.gateway)}: ${isUnknown(mine) ? `its location is ${mine.unknown}` : `the gateway's location is ${show(theirs)}`}`,
      );
    return;
  }
  if (sameRegion(mine, theirs)) return;
  out.find({
    path: c.path,
    message: `${label} is in ${mine}, but its ${gatewayLabel(c.gateway)} is in ${theirs}; a connection is created in its gateway's region.`,
    fix: `Set the connection's location to "${theirs}" (its gateway's).`,
    values: {
      connection: show(c.name),
      location: mine,
      gateway: show(c.gateway.name),
      gatewayLocation: theirs,
    },
  });
}
