import { BgpExpressRouteTransitAsn } from "../../../../policies/rules";
import { expectFinding, findings, run } from "../../../../test-utils/policy";
import {
  erGateway,
  hub,
  idOf,
  LOCATION,
  ref,
  resource,
  RG,
  subnet,
  tfDoc,
} from "../../../../test-utils/terraform";

const RULE = BgpExpressRouteTransitAsn;
const GW = "azurerm_virtual_network_gateway.hub";

function routeServer(branch: unknown) {
  return tfDoc(
    subnet("rs", "hub", "RouteServerSubnet", ["10.0.254.0/27"]),
    resource("azurerm_route_server", "rs", {
      name: "rs-hub",
      resource_group_name: RG,
      location: LOCATION,
      sku: "Standard",
      public_ip_address_id: idOf("azurerm_public_ip", "rs_pip"),
      subnet_id: idOf("azurerm_subnet", "rs"),
      branch_to_branch_traffic_enabled: branch,
    }),
  );
}

/** The hub's VPN gateway (ASN `asn`), an ExpressRoute gateway and a Route Server (`branch`). */
function doc(asn: number | undefined, branch: unknown = true) {
  return tfDoc(hub(asn === undefined ? {} : { asn }), erGateway("er", "gw"), routeServer(branch));
}

describe("Bgp.ExpressRouteTransitAsn", () => {
  test("fails: a VPN gateway ASN other than 65515 with ExpressRoute transit through Route Server", () => {
    const [f, ...rest] = findings(doc(65010), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      GW,
      "gateway vgw-hub has BGP ASN 65010 in network hub",
      "gateway er-er",
      "must stay 65515",
    );
  });

  test("passes: ASN 65515 or unset; branch-to-branch off; no ExpressRoute gateway", () => {
    expect(run(doc(65515), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(doc(undefined), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(doc(65010, false), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(tfDoc(hub({ asn: 65010 }), routeServer(true)), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
  });

  test("unknown: branch-to-branch or the ASN from a variable", () => {
    const branch = run(doc(65010, ref("var.b2b")), RULE);
    expect(branch.findings).toEqual([]);
    expect(branch.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.b2b")]);
    const asn = run(
      tfDoc(
        hub({ extra: { bgp_enabled: true, bgp_settings: { asn: ref("var.asn") } } }),
        erGateway("er", "gw"),
        routeServer(true),
      ),
      RULE,
    );
    expect(asn.findings).toEqual([]);
    expect(asn.unverifiable.map((u) => u.what)).toEqual([expect.stringContaining("var.asn")]);
  });
});
