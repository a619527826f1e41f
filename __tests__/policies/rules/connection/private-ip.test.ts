import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import { S2S, ref, siteToSite } from "../../../../test-utils/terraform";
import { s2s } from "../ipsec-construct-fixture";

const RULE = "Connection.PrivateIp";

describe("Connection.PrivateIp", () => {
  test("a private-IP tunnel on a gateway without private IPs is an error", () => {
    const found = findingsOf(siteToSite({ local_azure_ip_address_enabled: true }), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "error", path: S2S });
    expect(found[0].message).toContain(
      "sets local_azure_ip_address_enabled, but gateway hub_gw does not set private_ip_address_enabled",
    );
    expectWellFormed(found[0], RULE);
  });

  test("with the gateway's private IPs enabled, or without a private-IP tunnel: no finding", () => {
    const d = siteToSite(
      { local_azure_ip_address_enabled: true },
      { extra: { private_ip_address_enabled: true } },
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(findingsOf(siteToSite({ local_azure_ip_address_enabled: false }), RULE)).toEqual([]);
  });

  test("unknown values give an unverifiable entry, no finding", () => {
    const d = siteToSite(
      { local_azure_ip_address_enabled: true },
      { extra: { private_ip_address_enabled: ref("var.private") } },
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.private");
    const c = siteToSite({ local_azure_ip_address_enabled: ref("var.local") });
    expect(unverifiedOf(c, RULE)[0].what).toContain("var.local");
  });

  test("constructs set neither; through the escape hatch the rule reports the connection", () => {
    const s = s2s();
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.connection.resource.addOverride("local_azure_ip_address_enabled", true);
    expect(appFindings(s.app, RULE).map((f) => [f.severity, f.path])).toEqual([
      ["error", "net/ToBranch/Resource"],
    ]);
    s.gateway.resource.addOverride("private_ip_address_enabled", true);
    expect(appFindings(s.app, RULE)).toEqual([]);
  });
});
