import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  Json,
  connection,
  localSite,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { s2s } from "../ipsec-construct-fixture";

const RULE = "Connection.CustomBgpAddresses";

const ACTIVE_ACTIVE_BGP: Json = {
  active_active: true,
  bgp_enabled: true,
  bgp_settings: {
    asn: 65010,
    peering_addresses: [
      { ip_configuration_name: "default", apipa_addresses: ["169.254.21.1"] },
      { ip_configuration_name: "second", apipa_addresses: ["169.254.22.1"] },
    ],
  },
};

function withCustom(
  custom: Json,
  extra: Json = {},
  gw: Json = ACTIVE_ACTIVE_BGP,
  type: "IPsec" | "Vnet2Vnet" = "IPsec",
): Json {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27", { extra: gw }),
    localSite("branch", ["192.168.0.0/16"], { name: "branch" }),
    connection("s2s", "hub_gw", {
      type,
      site: type === "IPsec" ? "branch" : undefined,
      extra: { enable_bgp: true, custom_bgp_addresses: custom, ...extra },
    }),
  );
}

const GOOD = { primary: "169.254.21.1", secondary: "169.254.22.1" };

describe("Connection.CustomBgpAddresses", () => {
  test("addresses among the active-active gateway's APIPA addresses on an IPsec connection with BGP: no finding", () => {
    const d = withCustom(GOOD);
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)).toEqual([]);
  });

  test("an address that is not one of the gateway's APIPA addresses is an error listing the gateway's", () => {
    const found = findingsOf(withCustom({ ...GOOD, primary: "169.254.21.9" }), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_connection.s2s",
    });
    expect(found[0].message).toContain("custom_bgp_addresses.primary 169.254.21.9");
    expect(found[0].message).toContain("(169.254.21.1, 169.254.22.1)");
    expectWellFormed(found[0], RULE);
  });

  test("custom addresses on a Vnet2Vnet connection are an error", () => {
    const d = tfDoc(
      withCustom(
        GOOD,
        { peer_virtual_network_gateway_id: ref("azurerm_virtual_network_gateway.hub_gw.id") },
        ACTIVE_ACTIVE_BGP,
        "Vnet2Vnet",
      ),
    );
    const found = findingsOf(d, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("type Vnet2Vnet and sets custom_bgp_addresses");
  });

  test("without BGP on the connection, or on a gateway that is not active-active, a warning", () => {
    const noBgp = findingsOf(withCustom(GOOD, { enable_bgp: false }), RULE);
    expect(noBgp).toHaveLength(1);
    expect(noBgp[0].severity).toBe("warning");
    expect(noBgp[0].message).toContain("sets custom_bgp_addresses but not BGP");
    const standby = findingsOf(
      withCustom({ primary: "169.254.21.1" }, {}, { ...ACTIVE_ACTIVE_BGP, active_active: false }),
      RULE,
    );
    expect(standby).toHaveLength(1);
    expect(standby[0].severity).toBe("warning");
    expect(standby[0].message).toContain("gateway hub_gw is not active-active");
  });

  test("primary and secondary addresses of the same IP configuration are an error", () => {
    const twoOnOne = {
      ...ACTIVE_ACTIVE_BGP,
      bgp_settings: {
        asn: 65010,
        peering_addresses: [
          { ip_configuration_name: "default", apipa_addresses: ["169.254.21.1", "169.254.21.2"] },
          { ip_configuration_name: "second", apipa_addresses: ["169.254.22.1"] },
        ],
      },
    };
    const found = findingsOf(
      withCustom({ primary: "169.254.21.1", secondary: "169.254.21.2" }, {}, twoOnOne),
      RULE,
    );
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("error");
    expect(found[0].message).toContain(
      "primary 169.254.21.1 and secondary 169.254.21.2, both addresses of IP configuration default of gateway hub_gw",
    );
    expectWellFormed(found[0], RULE);
    expect(
      findingsOf(withCustom({ primary: "169.254.21.1", secondary: "169.254.22.1" }, {}, twoOnOne), RULE),
    ).toEqual([]);
  });

  test("unknown values give no finding but unverifiable entries", () => {
    const d = withCustom({ primary: ref("var.apipa") }, { enable_bgp: true });
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.apipa");
    const b = withCustom(GOOD, { enable_bgp: ref("var.bgp") });
    expect(findingsOf(b, RULE)).toEqual([]);
    expect(unverifiedOf(b, RULE)[0].what).toContain("var.bgp");
  });

  test("constructs: valid custom addresses pass; an address outside the gateway's set via the escape hatch is caught", () => {
    const gw = {
      activeActive: true,
      bgp: {
        asn: 65020,
        peeringAddresses: [{ apipaAddresses: ["169.254.21.1"] }, { apipaAddresses: ["169.254.22.1"] }],
      },
    };
    // Azure accepts custom addresses on an active-standby gateway: the construct too, and the rule warns.
    const standby = { bgp: { asn: 65020, peeringAddresses: [{ apipaAddresses: ["169.254.21.1"] }] } };
    const sb = s2s({ bgp: true, customBgpAddresses: { primary: "169.254.21.1" } }, standby);
    expect(appFindings(sb.app, RULE).map((f) => [f.severity, f.path])).toEqual([
      ["warning", "net/ToBranch/Resource"],
    ]);
    expect(() => s2s({ customBgpAddresses: { primary: "169.254.21.1" } })).toThrow(
      "[net/ToBranch] `customBgpAddresses`: gateway 'net/Hub' has no BGP",
    );
    const s = s2s({ bgp: true, customBgpAddresses: GOOD }, gw);
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.connection.resource.putCustomBgpAddresses({ primary: "169.254.21.99", secondary: "169.254.22.1" });
    const found = appFindings(s.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/ToBranch/Resource");
    expect(found[0].message).toContain("169.254.21.99");
  });
});
