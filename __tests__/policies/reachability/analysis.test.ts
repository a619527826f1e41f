/**
 * Each routing fact of the reachability analysis, on raw Terraform JSON, and golden matrices of small
 * topologies (jest snapshots, reviewed).
 */
import { buildModel } from "../../../policies/model";
import { analyzeReachability, PairReach } from "../../../policies/reachability/analysis";
import { reachabilityMatrix } from "../../../policies/reachability/matrix";
import {
  Json,
  armVnetId,
  routeTable,
  routeTableAssociation,
  stackDoc,
  subnet,
  topology,
  vnet,
} from "../../../test-utils/terraform";

const { gateway, natRule, peer, peerBoth, s2s, site, v2v } = topology;

function analysis(...fragments: Json[]) {
  return analyzeReachability(buildModel([{ stack: "net", doc: stackDoc("net", ...fragments) }]));
}

function pair(fragments: Json[], a: string, b: string): PairReach {
  return analysis(...fragments).pair(a, b);
}

const hubWithSite = [
  vnet("hub", ["10.0.0.0/16"]),
  gateway("hub", "10.0.255.0/27"),
  site("onprem", ["192.168.0.0/16"]),
  s2s("hub", "onprem"),
];

describe("peering", () => {
  it("carries traffic when both directions exist and allow access", () => {
    const r = pair(
      [vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.2.0.0/16"]), peerBoth("a", "b")],
      "network:a",
      "network:b",
    );
    expect(r).toMatchObject({
      status: "yes",
      path: [{ link: "peering", from: "network:a", to: "network:b" }],
    });
    expect(r.path![0].via).toEqual(["net/a-to-b", "net/b-to-a"]);
  });

  it("a one-sided peering carries nothing (no fix: nobody asked; fixes come with intents)", () => {
    const r = pair(
      [vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.2.0.0/16"]), peer("a", "b")],
      "network:a",
      "network:b",
    );
    expect(r.status).toBe("no");
    expect(r.code).toBe("one-sided-peering");
    expect(r.reason).toBe(
      "peering net/a-to-b goes from network a to network b, but there is no peering back from b to a: a one-sided peering stays Initiated and carries no traffic",
    );
    expect(r.fix).toBeUndefined();
  });

  it("access disabled on either direction blocks traffic", () => {
    const r = pair(
      [
        vnet("a", ["10.1.0.0/16"]),
        vnet("b", ["10.2.0.0/16"]),
        peer("a", "b"),
        peer("b", "a", { allow_virtual_network_access: false }),
      ],
      "network:a",
      "network:b",
    );
    expect(r).toMatchObject({
      status: "no",
      code: "access-disabled",
      reason: expect.stringContaining("peering net/b-to-a sets allow_virtual_network_access = false"),
    });
  });

  it("is not transitive: A-B and B-C give no A-C", () => {
    const a = analysis(
      vnet("a", ["10.1.0.0/16"]),
      vnet("b", ["10.2.0.0/16"]),
      vnet("c", ["10.3.0.0/16"]),
      peerBoth("a", "b"),
      peerBoth("b", "c"),
    );
    expect(a.pair("network:a", "network:b").status).toBe("yes");
    expect(a.pair("network:b", "network:c").status).toBe("yes");
    const r = a.pair("network:a", "network:c");
    expect(r).toMatchObject({ status: "no", code: "non-transitive" });
    expect(r.reason).toBe(
      "network a and network c are both peered with network b, but peering is not transitive: traffic does not cross b",
    );
    expect(r.fix).toBeUndefined();
  });

  it("overlapping peered networks: no, Azure refuses this peering, naming the rule that reports it", () => {
    const r = pair(
      [vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.1.128.0/17"]), peerBoth("a", "b")],
      "network:a",
      "network:b",
    );
    expect(r).toMatchObject({ status: "no", code: "refused-overlap", rule: "AddressSpace.NoOverlap" });
    expect(r.reason).toBe(
      "Azure refuses this peering: network a (10.1.0.0/16) and network b (10.1.128.0/17) overlap (AddressSpace.NoOverlap)",
    );
  });

  it("an unknown allow_virtual_network_access makes the pair unknown, never a guess", () => {
    const r = pair(
      [
        vnet("a", ["10.1.0.0/16"]),
        vnet("b", ["10.2.0.0/16"]),
        peer("a", "b"),
        peer("b", "a", { allow_virtual_network_access: "${var.open}" }),
      ],
      "network:a",
      "network:b",
    );
    expect(r).toMatchObject({ status: "unknown", code: "unknown-value" });
    expect(r.reason).toContain("var.open");
  });

  it("a peering to a network the app does not create is unknown: its peering back may exist elsewhere", () => {
    const r = pair(
      [vnet("a", ["10.1.0.0/16"]), peer("a", "x", { remote_virtual_network_id: armVnetId("x", "rg-other") })],
      "network:a",
      "network:x",
    );
    expect(r).toMatchObject({ status: "unknown", code: "managed-elsewhere" });
  });

  it("subnet-level peering names the subnets that meet", () => {
    const r = pair(
      [
        vnet("a", ["10.1.0.0/16"]),
        subnet("a_app", "a", "app", ["10.1.1.0/24"]),
        vnet("b", ["10.2.0.0/16"]),
        subnet("b_db", "b", "db", ["10.2.1.0/24"]),
        peer("a", "b", {
          peer_complete_virtual_networks_enabled: false,
          local_subnet_names: ["app"],
          remote_subnet_names: ["db"],
        }),
        peer("b", "a", {
          peer_complete_virtual_networks_enabled: false,
          local_subnet_names: ["db"],
          remote_subnet_names: ["app"],
        }),
      ],
      "network:a",
      "network:b",
    );
    expect(r.status).toBe("yes");
    expect(r.subnets).toEqual({ "network:a": ["app"], "network:b": ["db"] });
  });
});

describe("gateway transit", () => {
  it("a spoke using the hub's gateway reaches the hub's site", () => {
    const r = pair(
      [...hubWithSite, vnet("spoke", ["10.1.0.0/16"]), peerBoth("spoke", "hub", { transitVia: "hub" })],
      "network:spoke",
      "site:onprem",
    );
    expect(r.status).toBe("yes");
    expect(r.path!.map((s) => s.link)).toEqual(["gateway-transit", "site-to-site"]);
  });

  it("a spoke without use_remote_gateways does not reach the hub's site", () => {
    const r = pair(
      [...hubWithSite, vnet("spoke", ["10.1.0.0/16"]), peerBoth("spoke", "hub")],
      "network:spoke",
      "site:onprem",
    );
    expect(r).toMatchObject({ status: "no", code: "transit-not-enabled" });
    expect(r.reason).toContain("peering net/spoke-to-hub of network spoke does not set use_remote_gateways");
    expect(r.fix).toBeUndefined();
  });

  it("use_remote_gateways without the hub's allow_gateway_transit does not transit", () => {
    const r = pair(
      [
        ...hubWithSite,
        vnet("spoke", ["10.1.0.0/16"]),
        peer("spoke", "hub", { use_remote_gateways: true }),
        peer("hub", "spoke"),
      ],
      "network:spoke",
      "site:onprem",
    );
    expect(r).toMatchObject({ status: "no", code: "transit-not-enabled" });
    expect(r.reason).toContain("peering net/hub-to-spoke of network hub does not set allow_gateway_transit");
  });

  it("two spokes of one hub do not reach each other through it", () => {
    const r = pair(
      [
        ...hubWithSite,
        vnet("s1", ["10.1.0.0/16"]),
        vnet("s2", ["10.2.0.0/16"]),
        peerBoth("s1", "hub", { transitVia: "hub" }),
        peerBoth("s2", "hub", { transitVia: "hub" }),
      ],
      "network:s1",
      "network:s2",
    );
    expect(r).toMatchObject({ status: "no", code: "non-transitive" });
  });

  it("a user-defined route towards the other spoke makes the pair unknown (the next hop is not modelled)", () => {
    const routes = [
      routeTable("rt", [
        {
          name: "to-s2",
          address_prefix: "10.2.0.0/16",
          next_hop_type: "VirtualAppliance",
          next_hop_in_ip_address: "10.0.1.4",
        },
      ]),
      routeTableAssociation("rta", "s1_app", "rt"),
    ];
    const r = pair(
      [
        ...hubWithSite,
        vnet("s1", ["10.1.0.0/16"]),
        subnet("s1_app", "s1", "app", ["10.1.1.0/24"]),
        vnet("s2", ["10.2.0.0/16"]),
        peerBoth("s1", "hub"),
        peerBoth("s2", "hub"),
        ...routes,
      ],
      "network:s1",
      "network:s2",
    );
    expect(r).toMatchObject({ status: "unknown", code: "user-defined-routes" });
    expect(r.reason).toContain("route to-s2 (10.2.0.0/16) on subnet app of network s1");
  });
});

describe("VNet-to-VNet", () => {
  const two = [
    vnet("east", ["10.1.0.0/16"]),
    gateway("east", "10.1.255.0/27"),
    vnet("west", ["10.2.0.0/16"]),
    gateway("west", "10.2.255.0/27"),
  ];

  it("works with a connection in each direction", () => {
    const r = pair([...two, v2v("east", "west"), v2v("west", "east")], "network:east", "network:west");
    expect(r.status).toBe("yes");
    expect(r.path).toEqual([
      {
        link: "vnet-to-vnet",
        from: "gateway:gw-east",
        to: "gateway:gw-west",
        via: ["net/east-v2v-west", "net/west-v2v-east"],
      },
    ]);
  });

  it("a missing direction carries nothing", () => {
    const r = pair([...two, v2v("east", "west")], "network:east", "network:west");
    expect(r).toMatchObject({ status: "no", code: "v2v-missing-direction" });
    expect(r.reason).toContain("there is no connection back");
  });

  it("spokes of both hubs reach each other through the hubs' gateways", () => {
    const r = pair(
      [
        ...two,
        v2v("east", "west"),
        v2v("west", "east"),
        vnet("es", ["10.11.0.0/16"]),
        vnet("ws", ["10.12.0.0/16"]),
        peerBoth("es", "east", { transitVia: "east" }),
        peerBoth("ws", "west", { transitVia: "west" }),
      ],
      "network:es",
      "network:ws",
    );
    expect(r.status).toBe("yes");
    expect(r.path!.map((s) => s.link)).toEqual(["gateway-transit", "vnet-to-vnet", "gateway-transit"]);
  });

  it("two gateway hops: yes with BGP on every hop, unknown without", () => {
    const three = (bgp: boolean) => [
      vnet("a", ["10.1.0.0/16"]),
      gateway("a", "10.1.255.0/27", { asn: bgp ? 65001 : undefined }),
      vnet("b", ["10.2.0.0/16"]),
      gateway("b", "10.2.255.0/27", { asn: bgp ? 65002 : undefined }),
      vnet("c", ["10.3.0.0/16"]),
      gateway("c", "10.3.255.0/27", { asn: bgp ? 65003 : undefined }),
      ...[
        ["a", "b"],
        ["b", "a"],
        ["b", "c"],
        ["c", "b"],
      ].map(([x, y]) => v2v(x, y, { extra: { bgp_enabled: bgp } })),
    ];
    expect(pair(three(true), "network:a", "network:c").status).toBe("yes");
    expect(pair(three(false), "network:a", "network:c")).toMatchObject({
      status: "unknown",
      code: "multi-hop-without-bgp",
    });
  });
});

describe("site-to-site", () => {
  it("reaches the site's spaces, and reports the NAT translations on the way", () => {
    const r = pair(
      [
        vnet("hub", ["10.0.0.0/16"]),
        gateway("hub", "10.0.255.0/27"),
        site("branch", ["10.0.0.0/16"]),
        natRule("hub", "vnet-egress", "EgressSnat", "10.0.0.0/16", "100.0.0.0/16"),
        natRule("hub", "branch-ingress", "IngressSnat", "10.0.0.0/16", "100.1.0.0/16"),
        s2s("hub", "branch", { egress: ["vnet-egress"], ingress: ["branch-ingress"] }),
      ],
      "network:hub",
      "site:branch",
    );
    expect(r.status).toBe("yes");
    expect(r.translations).toEqual([
      {
        connection: "net/hub-to-branch",
        rule: "vnet-egress",
        mode: "EgressSnat",
        gateway: "gateway:gw-hub",
        of: "network:hub",
        original: "10.0.0.0/16",
        translated: "100.0.0.0/16",
      },
      {
        connection: "net/hub-to-branch",
        rule: "branch-ingress",
        mode: "IngressSnat",
        gateway: "gateway:gw-hub",
        of: "site:branch",
        original: "10.0.0.0/16",
        translated: "100.1.0.0/16",
      },
    ]);
  });

  it("two sites on one gateway: yes with BGP on both connections, unknown without", () => {
    const sites = (bgp: boolean) => [
      vnet("hub", ["10.0.0.0/16"]),
      gateway("hub", "10.0.255.0/27", { asn: bgp ? 65010 : undefined }),
      site("s1", ["192.168.1.0/24"], { asn: 65101 }),
      site("s2", ["192.168.2.0/24"], { asn: 65102 }),
      s2s("hub", "s1", { extra: { bgp_enabled: bgp } }),
      s2s("hub", "s2", { extra: { bgp_enabled: bgp } }),
    ];
    expect(pair(sites(true), "site:s1", "site:s2").status).toBe("yes");
    const r = pair(sites(false), "site:s1", "site:s2");
    expect(r).toMatchObject({ status: "unknown", code: "sites-without-bgp" });
  });

  it("a site with no address space, reached without BGP, gets nothing: the gateway routes only the listed prefixes", () => {
    const r = pair(
      [
        vnet("hub", ["10.0.0.0/16"]),
        gateway("hub", "10.0.255.0/27", { asn: 65010 }),
        site("bgponly", [], { asn: 65101 }),
        s2s("hub", "bgponly"),
      ],
      "network:hub",
      "site:bgponly",
    );
    expect(r).toMatchObject({ status: "no", code: "site-without-prefixes" });
    expect(r.reason).toBe(
      "site bgponly lists no address space and connection net/hub-to-bgponly does not run BGP: without BGP the gateway routes to a site only the prefixes its local network gateway lists, so nothing is routed to it",
    );
  });

  it("the same BGP-only site with BGP on the connection and the gateway is reached (the routes are learned from the device)", () => {
    const r = pair(
      [
        vnet("hub", ["10.0.0.0/16"]),
        gateway("hub", "10.0.255.0/27", { asn: 65010 }),
        site("bgponly", [], { asn: 65101 }),
        s2s("hub", "bgponly", { extra: { bgp_enabled: true } }),
      ],
      "network:hub",
      "site:bgponly",
    );
    expect(r.status).toBe("yes");
  });

  it("a BGP-only site without BGP on its connection is not reached from another site of the gateway either", () => {
    const r = pair(
      [
        vnet("hub", ["10.0.0.0/16"]),
        gateway("hub", "10.0.255.0/27", { asn: 65010 }),
        site("s1", ["192.168.1.0/24"], { asn: 65101 }),
        site("bgponly", [], { asn: 65102 }),
        s2s("hub", "s1", { extra: { bgp_enabled: true } }),
        s2s("hub", "bgponly"),
      ],
      "site:bgponly",
      "site:s1",
    );
    expect(r).toMatchObject({ status: "no", code: "site-without-prefixes" });
  });

  it("a site on no gateway the network uses is not reached", () => {
    const r = pair([...hubWithSite, vnet("other", ["10.5.0.0/16"])], "network:other", "site:onprem");
    expect(r).toMatchObject({ status: "no", code: "no-link" });
    expect(r.reason).toBe(
      "not connected: no site-to-site connection reaches site onprem from network other or from a gateway it uses",
    );
  });
});

describe("reach lists", () => {
  it("list what an entity exchanges traffic with, from its adjacency, without the pairs that cannot", () => {
    const a = analysis(
      ...hubWithSite,
      vnet("spoke1", ["10.1.0.0/16"]),
      vnet("spoke2", ["10.2.0.0/16"]),
      peerBoth("spoke1", "hub", { transitVia: "hub" }),
      peerBoth("spoke2", "hub"),
    );
    const ids = (id: string) => a.reach(id).map((r) => `${r.b}: ${r.status}`);
    expect(ids("network:spoke1")).toEqual(["network:hub: yes", "site:onprem: yes"]);
    expect(ids("network:spoke2")).toEqual(["network:hub: yes"]);
    expect(ids("site:onprem")).toEqual(["network:hub: yes", "network:spoke1: yes"]);
  });
});

describe("golden matrices", () => {
  it("hub and spoke with a site, a one-sided spoke and an isolated network", () => {
    const a = analysis(
      ...hubWithSite,
      vnet("spoke1", ["10.1.0.0/16"]),
      vnet("spoke2", ["10.2.0.0/16"]),
      vnet("lonely", ["10.9.0.0/16"]),
      vnet("isolated", ["10.8.0.0/16"]),
      peerBoth("spoke1", "hub", { transitVia: "hub" }),
      peerBoth("spoke2", "hub"),
      peer("lonely", "hub"),
    );
    expect(reachabilityMatrix(a)).toMatchSnapshot();
  });

  it("two regions joined by VNet-to-VNet, one with a NATed branch", () => {
    const a = analysis(
      vnet("east", ["10.1.0.0/16"]),
      gateway("east", "10.1.255.0/27"),
      vnet("west", ["10.2.0.0/16"]),
      gateway("west", "10.2.255.0/27"),
      v2v("east", "west"),
      v2v("west", "east"),
      site("branch", ["10.2.0.0/16"]),
      natRule("west", "branch-in", "IngressSnat", "10.2.0.0/16", "100.2.0.0/16"),
      s2s("west", "branch", { ingress: ["branch-in"] }),
    );
    expect(reachabilityMatrix(a)).toMatchSnapshot();
  });

  it("the summary form above the limit lists links, gateways and per-entity reach, not pairs", () => {
    const a = analysis(
      ...hubWithSite,
      vnet("spoke1", ["10.1.0.0/16"]),
      peerBoth("spoke1", "hub", { transitVia: "hub" }),
    );
    const m = reachabilityMatrix(a, { limit: 2 });
    expect(m.form).toBe("summary");
    expect(m.pairs).toBeUndefined();
    expect(m).toMatchSnapshot();
  });
});
