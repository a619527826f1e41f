/** Text of reachability answers for messages, the Markdown summary and the diagram. */
import { PairReach, ReachStep } from "./analysis";

const LINK_TEXT: Record<ReachStep["link"], string> = {
  peering: "peering",
  "gateway-transit": "gateway transit",
  "vnet-to-vnet": "VNet-to-VNet",
  "site-to-site": "site-to-site",
};

/** `network:a` -> `network a`. */
export function entityText(id: string): string {
  const i = id.indexOf(":");
  return i < 0 ? id : `${id.slice(0, i)} ${id.slice(i + 1)}`;
}

/** One step: `network a -> network b by peering (net/a-to-b, net/b-to-a)`. */
export function describeStep(s: ReachStep): string {
  return `${entityText(s.from)} -> ${entityText(s.to)} by ${LINK_TEXT[s.link]} (${s.via.join(", ")})`;
}

/** The path of an answer, with the NAT translations and the subnets that meet. */
export function describePath(r: PairReach): string {
  const parts = [(r.path ?? []).map(describeStep).join("; ")];
  for (const t of r.translations ?? [])
    parts.push(`${entityText(t.of)} ${t.original} is seen as ${t.translated} (NAT rule ${t.rule})`);
  if (r.subnets) {
    parts.push(
      `subnet-level peering: only ${Object.entries(r.subnets)
        .map(([id, names]) => `${entityText(id)} subnets ${names.join(", ")}`)
        .join(" and ")} meet`,
    );
  }
  return parts.filter((p) => p !== "").join("; ");
}

export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
