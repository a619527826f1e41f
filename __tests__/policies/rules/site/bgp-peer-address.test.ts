import { LocalSite } from "../../../../index";
import { SiteBgpPeerAddress } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { connection, hub, localSite, ref, tfDoc } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = SiteBgpPeerAddress;
const SITE = "azurerm_local_network_gateway.onprem";

function site(peer: unknown, space: string[] = ["192.168.0.0/16"]) {
  return localSite("onprem", space, { bgp_settings: { asn: 65020, bgp_peering_address: peer } });
}

/** The site connected to the hub (10.0.0.0/16). */
function connected(peer: unknown) {
  return tfDoc(
    hub({ asn: 65010 }),
    site(peer),
    connection("s2s", "hub", { type: "IPsec", site: "onprem", extra: { bgp_enabled: true } }),
  );
}

describe("Site.BgpPeerAddress", () => {
  test("fails: the device's public address; an address inside the connected gateway's network", () => {
    const [f, ...rest] = findings(site("203.0.113.10"), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      SITE,
      "site lng-onprem has BGP peer address 203.0.113.10, its device's public address",
    );
    const [n] = findings(connected("10.0.5.5"), RULE);
    expectFinding(n, RULE, SITE, "BGP peer address 10.0.5.5, inside network hub (10.0.0.0/16)");
  });

  test("fails: an APIPA peer address covered by the address space; warns on a non-APIPA peer /32", () => {
    const [f, ...rest] = findings(site("169.254.21.1", ["169.254.21.1/32"]), RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      SITE,
      "APIPA BGP peer address 169.254.21.1 covered by its address_space entry 169.254.21.1/32",
    );
    expect(f.severity).toBe("error");
    const [w] = findings(site("10.51.255.254", ["192.168.0.0/16", "10.51.255.254/32"]), RULE);
    expectFinding(w, RULE, SITE, "lists 10.51.255.254/32, its BGP peer address", "redundant");
    expect(w.severity).toBe("warning");
  });

  test("passes: a loopback or APIPA peer address outside everything; a site without BGP", () => {
    expect(run(connected("10.51.255.254"), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(site("169.254.21.1", []), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(localSite("onprem", ["192.168.0.0/16"]), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: a peer address from a variable", () => {
    const report = run(connected(ref("var.peer")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([
      expect.objectContaining({ ruleId: RULE.id, path: SITE, what: expect.stringContaining("var.peer") }),
    ]);
  });

  test("constructs: LocalSite refuses the device address and an APIPA peer in the space (same predicate); an override fails synth", () => {
    const { app, stack } = constructApp();
    const props = {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
    };
    expect(
      () =>
        new LocalSite(stack, "dev", {
          ...props,
          addressSpace: [],
          bgp: { asn: 65020, peeringAddress: "203.0.113.10" },
        }),
    ).toThrow(/net\/dev.*device's public address/);
    expect(
      () =>
        new LocalSite(stack, "apipa", {
          ...props,
          addressSpace: ["169.254.21.0/30"],
          bgp: { asn: 65020, peeringAddress: "169.254.21.1" },
        }),
    ).toThrow(/net\/apipa.*169.254.21.0\/30' covers the APIPA BGP peer address/);
    const onprem = new LocalSite(stack, "onprem", {
      ...props,
      addressSpace: ["192.168.0.0/16"],
      bgp: { asn: 65020, peeringAddress: "10.51.255.254" },
    });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    onprem.resource.addOverride("bgp_settings.bgp_peering_address", "203.0.113.10");
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/onprem/Resource", "its device's public address");
  });
});
