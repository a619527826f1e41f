import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  Json,
  connection,
  localSite,
  natRule,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { natSetup } from "../nat-construct-fixture";

const RULE = "Nat.Bgp";
const C = "azurerm_virtual_network_gateway_connection.s2s";

function natBgp(
  peer: unknown,
  gwExtra: Json = { bgp_route_translation_for_nat_enabled: true },
  bgp: unknown = true,
): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27", { asn: 65010, extra: gwExtra }),
    localSite("branch", ["10.0.1.0/24"], {
      name: "branch",
      bgp_settings: { asn: 65050, bgp_peering_address: peer },
    }),
    natRule("vnet_out", "hub_gw", "EgressSnat", "10.0.1.0/24", "100.0.1.0/24"),
    natRule("branch_in", "hub_gw", "IngressSnat", "10.0.1.0/24", "100.0.2.0/24"),
    connection("s2s", "hub_gw", {
      type: "IPsec",
      site: "branch",
      ingress: ["branch_in"],
      egress: ["vnet_out"],
      extra: { bgp_enabled: bgp },
    }),
  );
}

describe("Nat.Bgp", () => {
  test("an APIPA BGP peer address on a connection with NAT is an error", () => {
    const found = findingsOf(natBgp("169.254.21.5"), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: C });
    expect(found[0].message).toContain("whose BGP peer address 169.254.21.5 is an APIPA address");
    expectWellFormed(found[0], RULE);
  });

  test("a BGP peer address inside the IngressSnat internal mapping is an error; the post-NAT address is fine", () => {
    const found = findingsOf(natBgp("10.0.1.254"), RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain(
      "whose BGP peer address 10.0.1.254 lies in internal mapping 10.0.1.0/24 of gateway NAT rule branch_in",
    );
    expect(findingsOf(natBgp("100.0.2.254"), RULE)).toEqual([]);
  });

  test("without BGP route translation on the gateway: a warning on the gateway", () => {
    const found = findingsOf(natBgp("100.0.2.254", {}), RULE);
    expect(found.map((f) => [f.severity, f.path])).toEqual([
      ["warning", "azurerm_virtual_network_gateway.hub_gw"],
    ]);
  });

  test("without BGP on the connection: no finding; unknown BGP or peer address: unverifiable", () => {
    expect(findingsOf(natBgp("169.254.21.5", {}, false), RULE)).toEqual([]);
    const unknownBgp = natBgp("169.254.21.5", {}, ref("var.bgp"));
    expect(findingsOf(unknownBgp, RULE)).toEqual([]);
    expect(unverifiedOf(unknownBgp, RULE)[0].what).toContain("var.bgp");
    const unknownPeer = natBgp(ref("var.peer"));
    expect(findingsOf(unknownPeer, RULE)).toEqual([]);
    expect(unverifiedOf(unknownPeer, RULE)[0].what).toContain("var.peer");
  });

  test("constructs: BGP with an APIPA peer on a NAT connection through the escape hatch is reported", () => {
    const s = natSetup();
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.connection.resource.addOverride("enable_bgp", true);
    s.site.resource.addOverride("bgp_settings", {
      asn: 65050,
      bgp_peering_address: "169.254.21.5",
    });
    expect(appFindings(s.app, RULE).map((f) => [f.severity, f.path])).toEqual([
      ["warning", "net/Hub/Resource"],
      ["error", "net/ToBranch/Resource"],
    ]);
  });
});
