import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  STRONG_IPSEC_POLICY,
  connection,
  localSite,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { STRONG, s2s } from "../ipsec-construct-fixture";

const RULE = "Ipsec.GcmMismatch";

function withPolicy(policy: Record<string, unknown>) {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    localSite("branch", ["192.168.0.0/16"], { name: "branch" }),
    connection("s2s", "hub_gw", {
      type: "IPsec",
      site: "branch",
      extra: { ipsec_policy: { ...STRONG_IPSEC_POLICY, ...policy } },
    }),
  );
}

describe("Ipsec.GcmMismatch", () => {
  test("GCM encryption with a different integrity algorithm is an error naming both", () => {
    const found = findingsOf(withPolicy({ ipsec_encryption: "GCMAES256", ipsec_integrity: "SHA256" }), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      path: "azurerm_virtual_network_gateway_connection.s2s",
    });
    expect(found[0].message).toContain("ipsec_encryption GCMAES256 and ipsec_integrity SHA256");
    expectWellFormed(found[0], RULE);
    expect(
      findingsOf(withPolicy({ ipsec_encryption: "GCMAES128", ipsec_integrity: "GCMAES256" }), RULE),
    ).toHaveLength(1);
  });

  test("the same GCM algorithm on both, or AES with SHA256: no finding", () => {
    expect(findingsOf(withPolicy({}), RULE)).toEqual([]);
    expect(findingsOf(withPolicy({ ipsec_encryption: "AES256", ipsec_integrity: "SHA256" }), RULE)).toEqual(
      [],
    );
  });

  test("an unknown algorithm gives no finding but an unverifiable entry", () => {
    const d = withPolicy({ ipsec_integrity: ref("var.integrity") });
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)[0].what).toContain("var.integrity");
  });

  test("constructs: the construct refuses the mismatch; the escape hatch is caught", () => {
    expect(() => s2s({ ipsecPolicy: { ...STRONG, ipsecIntegrity: "SHA256" } })).toThrow(/GCM/);
    const s = s2s({ ipsecPolicy: STRONG });
    expect(appFindings(s.app, RULE)).toEqual([]);
    s.connection.resource.putIpsecPolicy({
      ikeEncryption: "AES256",
      ikeIntegrity: "SHA256",
      dhGroup: "DHGroup14",
      ipsecEncryption: "GCMAES256",
      ipsecIntegrity: "SHA256",
      pfsGroup: "PFS2048",
    });
    const found = appFindings(s.app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("net/ToBranch/Resource");
  });
});
