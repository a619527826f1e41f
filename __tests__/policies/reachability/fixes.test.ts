/**
 * Sound explanations: a change is offered for an intent only once it has been applied to a copy of the
 * model and re-checked (the intent holds, no other intent breaks, no rule reports a new error);
 * otherwise the next candidate, or "no single change does it, because ...".
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { buildReferenceApp } from "../../../stacks/app";
import { checkTerraformDocuments } from "../../../policies/check-terraform";
import { Finding } from "../../../policies/finding";
import { buildModel } from "../../../policies/model";
import { analyzeReachability } from "../../../policies/reachability/analysis";
import { FixChecker, applyChanges, explainIntent } from "../../../policies/reachability/fixes";
import { ALL_RULES, REACHABILITY_RULES } from "../../../policies/rules";
import { IntentMeta, METADATA_KEY } from "../../../core/metadata";
import { Json, stackDoc, topology, vnet } from "../../../test-utils/terraform";

const { gateway, natRule, peer, peerBoth, s2s, site, v2v } = topology;

/** A stack-level intent between two blocks of stack `net` (by Terraform name). */
function intent(kind: IntentMeta["kind"], from: string, to: string): IntentMeta {
  const end = (tf: string) => ({ path: `net/${tf}`, text: tf });
  return { kind, path: "net", from: end(from), to: end(to) };
}

function doc(intents: IntentMeta[], ...fragments: Json[]): Json {
  return stackDoc("net", ...fragments, { "//": { [METADATA_KEY]: { intents } } });
}

function intentFindings(d: Json): Finding[] {
  return checkTerraformDocuments([{ stack: "net", doc: d }]).findings.filter(
    (f) => f.ruleId === "Reachability.Intent",
  );
}

describe("the fix offered for an intent is re-checked", () => {
  it("two overlapping networks: peering them would be refused (AddressSpace.NoOverlap), so no single change does it", () => {
    const d = doc(
      [intent("mustReach", "london", "spoke1")],
      vnet("london", ["10.1.0.0/16"]),
      vnet("spoke1", ["10.1.0.0/16"]),
    );
    const [f] = intentFindings(d);
    expect(f.values).toMatchObject({ status: "no", fixChecked: "no" });
    expect(f.fix).toBe(
      'No single change does it, because peer network london and network spoke1 (both directions): the answer would be "no" (Azure refuses this peering: network london (10.1.0.0/16) and network spoke1 (10.1.0.0/16) overlap (AddressSpace.NoOverlap)).',
    );
    expect(f.message).not.toContain("Fix: Peer");
  });

  it("an overlapping peered pair is 'no: Azure refuses this peering' with the rule id, and no single change fixes it", () => {
    const d = doc(
      [intent("mustReach", "a", "b")],
      vnet("a", ["10.1.0.0/16"]),
      vnet("b", ["10.1.0.0/17"]),
      peerBoth("a", "b"),
    );
    const [f] = intentFindings(d);
    expect(f.message).toContain(
      "but they cannot exchange traffic: Azure refuses this peering: network a (10.1.0.0/16)",
    );
    expect(f.values).toMatchObject({
      code: "refused-overlap",
      rule: "AddressSpace.NoOverlap",
      fixChecked: "no",
    });
    expect(f.fix).toBe(
      "No single change does it, because the address spaces overlap, so Azure refuses a peering between them, and no other link between them passes the rules; one network needs a non-overlapping address space.",
    );
  });

  it("the split reference set: a hub with its own gateway is not told to use another hub's (Peering.GatewayTransit refuses it); the next candidate, a site-to-site connection from its own gateway, is offered", () => {
    const app = buildReferenceApp(new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "cac-fixes-")) }));
    const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
    const docs = stacks.map((s) => ({ stack: s.node.path, doc: s.toTerraform() as Json }));
    const connectivity = docs.find((d) => d.stack === "split-connectivity")!;
    const hub = "split-connectivity/Network/westeurope/Hub";
    const branch = "split-connectivity/Network/northeurope/Site-branch-northeurope";
    connectivity.doc["//"][METADATA_KEY] = {
      intents: [
        {
          kind: "mustReach",
          path: "split-connectivity",
          from: { path: hub, text: "network vnet-hub-westeurope" },
          to: { path: branch, text: "site lng-branch-northeurope" },
        },
      ],
    };
    const model = buildModel(docs);
    const a = analyzeReachability(model);
    const asked = model.intents.find((i) => i.path === "split-connectivity")!;
    const from = a.resolveEndpoint(asked.from)!;
    const to = a.resolveEndpoint(asked.to)!;
    const r = a.pair(from.id, to.id);
    expect(r).toMatchObject({ status: "no", code: "transit-not-enabled" });
    const e = explainIntent(model, asked, from, to, r, new FixChecker(model, ALL_RULES));
    expect(e.refused[0].fix.text).toContain("set use_remote_gateways = true on peering");
    expect(e.refused[0].why).toContain("it would be refused: Peering.GatewayTransit:");
    expect(e.fix!.text).toBe(
      "connect site lng-branch-northeurope to gateway vgw-hub-westeurope with a site-to-site connection",
    );
    const report = checkTerraformDocuments(docs);
    const [f] = report.findings.filter(
      (x) => x.ruleId === "Reachability.Intent" && x.path === "split-connectivity",
    );
    expect(f.fix).toBe(
      "Connect site lng-branch-northeurope to gateway vgw-hub-westeurope with a site-to-site connection.",
    );
  });

  it("a one-sided peering: the missing direction", () => {
    const [f] = intentFindings(
      doc(
        [intent("mustReach", "a", "b")],
        vnet("a", ["10.1.0.0/16"]),
        vnet("b", ["10.2.0.0/16"]),
        peer("a", "b"),
      ),
    );
    expect(f.fix).toBe(
      "Add the peering from network b to network a (VnetPeering creates both directions unless createReverse is false).",
    );
  });

  /** Hub `hub` with a gateway and a site-to-site connection to `onprem`, spoke `spoke`, and `peerings`. */
  const spokeToSite = (...peerings: Json[]) =>
    intentFindings(
      doc(
        [intent("mustReach", "spoke", "onprem")],
        vnet("hub", ["10.0.0.0/16"]),
        gateway("hub", "10.0.255.0/27"),
        site("onprem", ["192.168.0.0/24"]),
        s2s("hub", "onprem"),
        vnet("spoke", ["10.1.0.0/16"]),
        ...peerings,
      ),
    );

  it("a spoke whose peering with the hub has only the hub's direction: the spoke's, using the hub's gateway", () => {
    const [f] = spokeToSite(peer("hub", "spoke", { allow_gateway_transit: true }));
    expect(f.values).toMatchObject({ status: "no", code: "one-sided-peering", fixChecked: "yes" });
    // The reason names the peering that carries nothing, not only "not connected".
    expect(f.message).toContain(
      "but they cannot exchange traffic: the peering between network spoke and network hub carries no traffic (peering net/hub-to-spoke goes from network hub to network spoke, but there is no peering back from spoke to hub: a one-sided peering stays Initiated and carries no traffic); the gateway of hub is what reaches site onprem.",
    );
    expect(f.fix).toBe(
      "Add the peering from network spoke to network hub with use_remote_gateways = true and gateway gw-hub in its depends_on (network spoke then uses the gateway of network hub; VnetPeering creates both directions unless createReverse is false).",
    );
  });

  it("a spoke whose peering with the hub has only the spoke's direction: the hub's, allowing gateway transit", () => {
    const [f] = spokeToSite(
      peer("spoke", "hub", {
        use_remote_gateways: true,
        depends_on: ["azurerm_virtual_network_gateway.gw_hub"],
      }),
    );
    expect(f.values).toMatchObject({ status: "no", fixChecked: "yes" });
    expect(f.fix).toBe(
      "Add the peering from network hub to network spoke with allow_gateway_transit = true (network spoke then uses the gateway of network hub; VnetPeering creates both directions unless createReverse is false).",
    );
  });

  const hubDependency = { depends_on: ["azurerm_virtual_network_gateway.gw_hub"] };

  it("a spoke that uses the hub's gateway, whose hub does not allow transit: only allow_gateway_transit is set", () => {
    const [f] = spokeToSite(
      peer("hub", "spoke"),
      peer("spoke", "hub", { use_remote_gateways: true, ...hubDependency }),
    );
    expect(f.values).toMatchObject({ status: "no", fixChecked: "yes" });
    expect(f.fix).toBe(
      "Set allow_gateway_transit = true on peering net/hub-to-spoke (network spoke then uses the gateway of network hub).",
    );
  });

  it("a spoke whose peering with the hub has access turned off: turned back on", () => {
    const [f] = spokeToSite(
      peer("hub", "spoke", { allow_gateway_transit: true }),
      peer("spoke", "hub", {
        use_remote_gateways: true,
        allow_virtual_network_access: false,
        ...hubDependency,
      }),
    );
    expect(f.values).toMatchObject({ status: "no", fixChecked: "yes" });
    expect(f.fix).toBe(
      "Set allow_virtual_network_access = true on peering net/spoke-to-hub (network spoke then uses the gateway of network hub).",
    );
  });

  it("a spoke's own direction that already waits for the gateway: the flag alone, no second depends_on", () => {
    const [f] = spokeToSite(peer("spoke", "hub", hubDependency));
    expect(f.values).toMatchObject({ status: "no", fixChecked: "yes" });
    expect(f.fix).toBe(
      "Add the peering from network hub to network spoke with allow_gateway_transit = true, and set use_remote_gateways = true on peering net/spoke-to-hub (network spoke then uses the gateway of network hub; VnetPeering creates both directions unless createReverse is false).",
    );
  });

  it("a spoke not peered with the hub: both directions, the spoke using the hub's gateway", () => {
    const [f] = spokeToSite();
    expect(f.values).toMatchObject({ status: "no", fixChecked: "yes" });
    expect(f.fix).toMatch(
      /^Peer network spoke and network hub \(both directions, network spoke using the gateway of network hub/,
    );
  });

  it("access disabled: turned back on", () => {
    const [f] = intentFindings(
      doc(
        [intent("mustReach", "a", "b")],
        vnet("a", ["10.1.0.0/16"]),
        vnet("b", ["10.2.0.0/16"]),
        peer("a", "b"),
        peer("b", "a", { allow_virtual_network_access: false }),
      ),
    );
    expect(f.fix).toBe("Set allow_virtual_network_access = true on peering net/b-to-a.");
  });

  it("a VNet-to-VNet link with one direction: the connection back", () => {
    const [f] = intentFindings(
      doc(
        [intent("mustReach", "east", "west")],
        vnet("east", ["10.1.0.0/16"]),
        gateway("east", "10.1.255.0/27"),
        vnet("west", ["10.2.0.0/16"]),
        gateway("west", "10.2.255.0/27"),
        v2v("east", "west"),
      ),
    );
    expect(f.fix).toBe(
      "Add the VNet-to-VNet connection from gateway gw-west to gateway gw-east, with the same shared key (VnetToVnetConnection creates both).",
    );
  });

  it("a site whose prefixes overlap the network's: NAT on the IPsec connection, to a free block", () => {
    const [f] = intentFindings(
      doc(
        [intent("mustReach", "hub", "branch")],
        vnet("hub", ["10.0.0.0/16"]),
        gateway("hub", "10.0.255.0/27"),
        site("branch", ["10.0.1.0/24"]),
        s2s("hub", "branch"),
      ),
    );
    // The overlap is an error of its own (AddressSpace.NoOverlap); the intent's fix resolves both: the
    // site must not see the network's 10.0.0.0/16 over its own 10.0.1.0/24 either, so NAT both ways.
    expect(f.values).toMatchObject({ code: "overlap", fixChecked: "yes" });
    expect(f.fix).toBe(
      "Add static NAT rules on gateway gw-hub and attach them to connection net/hub-to-branch: IngressSnat site branch's 10.0.1.0/24 as 100.64.0.0/24, EgressSnat network hub's 10.0.0.0/16 as 100.65.0.0/16.",
    );
  });

  it("NAT is not offered on a gateway whose SKU lacks it (Gateway.SkuFeature would refuse it)", () => {
    const d = doc(
      [intent("mustReach", "hub", "branch")],
      vnet("hub", ["10.0.0.0/16"]),
      { ...gateway("hub", "10.0.255.0/27") },
      site("branch", ["10.0.1.0/24"]),
      s2s("hub", "branch"),
    );
    d.resource.azurerm_virtual_network_gateway.gw_hub.sku = "VpnGw1AZ";
    const [f] = intentFindings(d);
    expect(f.values).toMatchObject({ fixChecked: "no" });
    expect(f.fix).toContain("it would be refused: Gateway.SkuFeature:");
    // One full stop at the end, not the refusing finding's and the sentence's.
    expect(f.fix).not.toMatch(/\.\.$/);
  });

  it("must not reach over two paths: cutting the first is not enough, so the search goes on", () => {
    const d = doc(
      [intent("mustNotReach", "a", "b")],
      vnet("a", ["10.1.0.0/16"]),
      gateway("a", "10.1.255.0/27"),
      vnet("b", ["10.2.0.0/16"]),
      gateway("b", "10.2.255.0/27"),
      peerBoth("a", "b"),
      v2v("a", "b"),
      v2v("b", "a"),
    );
    const [f] = intentFindings(d);
    expect(f.values).toMatchObject({ status: "yes", fixChecked: "no" });
    expect(f.fix).toContain(
      'No single change does it, because remove the peering between network a and network b (net/a-to-b, net/b-to-a): the answer would be "yes"',
    );
  });

  it("a change that would break another intent is refused, and the next is offered", () => {
    // The spoke must not reach site a but must reach site b, both behind the hub's gateway: turning off
    // gateway transit (the first link of the path) would break the second intent; removing the
    // connection to site a does not.
    const d = doc(
      [intent("mustNotReach", "spoke", "a"), intent("mustReach", "spoke", "b")],
      vnet("hub", ["10.0.0.0/16"]),
      gateway("hub", "10.0.255.0/27"),
      vnet("spoke", ["10.1.0.0/16"]),
      peerBoth("spoke", "hub", { transitVia: "hub" }),
      site("a", ["192.168.1.0/24"]),
      site("b", ["192.168.2.0/24"]),
      s2s("hub", "a"),
      s2s("hub", "b"),
    );
    const model = buildModel([{ stack: "net", doc: d }]);
    const an = analyzeReachability(model);
    const [asked] = model.intents;
    const from = an.resolveEndpoint(asked.from)!;
    const to = an.resolveEndpoint(asked.to)!;
    const e = explainIntent(
      model,
      asked,
      from,
      to,
      an.pair(from.id, to.id),
      new FixChecker(model, ALL_RULES),
    );
    expect(e.refused.map((x) => x.why)).toEqual(['intent "spoke must reach b" would no longer hold']);
    expect(e.fix!.text).toBe("remove the site-to-site connection net/hub-to-a");
  });

  it("sites on one gateway without BGP: unknown, with a re-checked fix when both sites have BGP settings", () => {
    const d = doc(
      [intent("mustReach", "s1", "s2")],
      vnet("hub", ["10.0.0.0/16"]),
      gateway("hub", "10.0.255.0/27", { asn: 65010 }),
      site("s1", ["192.168.1.0/24"], { asn: 65101 }),
      site("s2", ["192.168.2.0/24"], { asn: 65102 }),
      s2s("hub", "s1"),
      s2s("hub", "s2"),
    );
    const [f] = intentFindings(d);
    expect(f).toMatchObject({ severity: "warning" });
    expect(f.values).toMatchObject({ status: "unknown", code: "sites-without-bgp", fixChecked: "yes" });
    expect(f.fix).toBe(
      "Enable BGP on connection net/hub-to-s1 and connection net/hub-to-s2 and on gateway gw-hub (both sites have BGP settings).",
    );
  });

  it("a BGP-only site reached without BGP: enable BGP on its connection", () => {
    const [f] = intentFindings(
      doc(
        [intent("mustReach", "hub", "bgponly")],
        vnet("hub", ["10.0.0.0/16"]),
        gateway("hub", "10.0.255.0/27", { asn: 65010 }),
        site("bgponly", [], { asn: 65101 }),
        s2s("hub", "bgponly"),
      ),
    );
    expect(f.fix).toBe(
      "Enable BGP on connection net/hub-to-bgponly and on gateway gw-hub (site bgponly has BGP settings; its routes are then learned over BGP).",
    );
  });

  it("re-checks with the rules of the evaluation: with the reachability pack alone, no SKU rule refuses the NAT", () => {
    const d = doc(
      [intent("mustReach", "hub", "branch")],
      vnet("hub", ["10.0.0.0/16"]),
      gateway("hub", "10.0.255.0/27"),
      site("branch", ["10.0.1.0/24"]),
      s2s("hub", "branch"),
    );
    d.resource.azurerm_virtual_network_gateway.gw_hub.sku = "VpnGw1AZ";
    const [f] = checkTerraformDocuments([{ stack: "net", doc: d }], { rules: REACHABILITY_RULES }).findings;
    expect(f.values).toMatchObject({ fixChecked: "yes" });
  });

  it("applyChanges edits a copy and never the model it was given", () => {
    const model = buildModel([
      {
        stack: "net",
        doc: doc(
          [],
          vnet("a", ["10.1.0.0/16"]),
          vnet("b", ["10.2.0.0/16"]),
          natRule("a", "x", "EgressSnat", "10.1.0.0/16", "100.1.0.0/16"),
        ),
      },
    ]);
    const before = JSON.stringify(model, (_k, v) => (typeof v === "bigint" ? String(v) : v), 0).length;
    const copy = applyChanges(model, [
      { kind: "add-peering", from: model.networks[0].key, to: model.networks[1].key },
    ]);
    expect(copy.peerings).toHaveLength(1);
    expect(model.peerings).toHaveLength(0);
    expect(copy.peerings[0].local).toBe(copy.networks[0]);
    expect(copy.peerings[0].local).not.toBe(model.networks[0]);
    expect(JSON.stringify(model, (_k, v) => (typeof v === "bigint" ? String(v) : v), 0).length).toBe(before);
  });
});
