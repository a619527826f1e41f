import { SharedKey } from "../../../../constructs/shared-key";
import { VnetToVnetConnection } from "../../../../constructs/vnet-to-vnet-connection";
import { appFindings, expectWellFormed, findingsOf, unverifiedOf } from "../../../../test-utils/policy";
import {
  Json,
  STRONG_IPSEC_POLICY,
  connection,
  networkWithGateway,
  ref,
  resource,
  tfDoc,
} from "../../../../test-utils/terraform";
import { constructApp, constructGateway } from "../../../../test-utils/vpn";

const RULE = "Connection.Vnet2VnetPair";
const KEY_A = "Sup3rSecretKeyA";
const KEY_B = "Sup3rSecretKeyB";

function twoGateways(...more: Json[]): Json {
  return tfDoc(
    networkWithGateway("v1", "10.1.0.0/16", "10.1.255.0/27"),
    networkWithGateway("v2", "10.2.0.0/16", "10.2.255.0/27"),
    ...more,
  );
}

function pair(oneWay: Json = {}, otherWay: Json = {}): Json {
  return twoGateways(
    connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw", extra: oneWay }),
    connection("c21", "v2_gw", { type: "Vnet2Vnet", peer: "v1_gw", extra: otherWay }),
  );
}

describe("Connection.Vnet2VnetPair", () => {
  test("a Vnet2Vnet connection without the reverse connection is a warning naming both gateways", () => {
    const found = findingsOf(
      twoGateways(connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" })),
      RULE,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "warning",
      path: "azurerm_virtual_network_gateway_connection.c12",
    });
    expect(found[0].message).toContain(
      "connection c12 (Vnet2Vnet from gateway v1_gw to gateway v2_gw) has no connection back from gateway v2_gw",
    );
    expectWellFormed(found[0], RULE);
  });

  test("both directions with the same variable key and no custom policy: no finding", () => {
    const d = pair();
    expect(findingsOf(d, RULE)).toEqual([]);
    expect(unverifiedOf(d, RULE)).toEqual([]);
  });

  test("the same literal key on both sides passes; different literal keys are an error that never shows a key", () => {
    expect(findingsOf(pair({ shared_key: KEY_A }, { shared_key: KEY_A }), RULE)).toEqual([]);
    const found = findingsOf(pair({ shared_key: KEY_A }, { shared_key: KEY_B }), RULE);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("error");
    expect(found[0].message).toContain("connection c12 and connection c21");
    expect(found[0].message).toContain("different shared keys");
    expect(JSON.stringify(found)).not.toContain("Sup3rSecret");
    expectWellFormed(found[0], RULE);
  });

  test("a direction without shared_key is an error (Azure generates a different key per connection)", () => {
    const found = findingsOf(pair({}, { shared_key: undefined }), RULE);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("error");
    expect(found[0].message).toContain("connection c21 sets no shared_key");
  });

  test("keys from two different variables cannot be compared at synth: unverifiable, no finding", () => {
    const d = pair({ shared_key: ref("var.key_one") }, { shared_key: ref("var.key_two") });
    expect(findingsOf(d, RULE)).toEqual([]);
    const what = unverifiedOf(d, RULE)
      .map((u) => u.what)
      .join(" | ");
    expect(what).toContain("${var.key_one}");
    expect(what).toContain("${var.key_two}");
  });

  test("the same random_password on both sides passes", () => {
    const d = pair(
      { shared_key: ref("random_password.psk.result") },
      { shared_key: ref("random_password.psk.result") },
    );
    const withPassword = tfDoc(d, resource("random_password", "psk", { length: 32 }));
    expect(findingsOf(withPassword, RULE)).toEqual([]);
  });

  test("a custom IPsec policy on one direction only, or different algorithms, is an error", () => {
    const one = findingsOf(pair({ ipsec_policy: STRONG_IPSEC_POLICY }, {}), RULE);
    expect(one).toHaveLength(1);
    expect(one[0].message).toContain(
      "connection c12 has a custom ipsec_policy but its reverse connection c21 has none",
    );
    const differ = findingsOf(
      pair(
        { ipsec_policy: STRONG_IPSEC_POLICY },
        { ipsec_policy: { ...STRONG_IPSEC_POLICY, dh_group: "ECP384", sa_lifetime: 3600 } },
      ),
      RULE,
    );
    expect(differ).toHaveLength(1);
    expect(differ[0].message).toContain("dh_group DHGroup14 vs ECP384");
    expect(differ[0].message).not.toContain("sa_lifetime");
    expect(
      findingsOf(pair({ ipsec_policy: STRONG_IPSEC_POLICY }, { ipsec_policy: STRONG_IPSEC_POLICY }), RULE),
    ).toEqual([]);
  });

  test("constructs: VnetToVnetConnection passes; overriding one direction's key is caught without showing keys", () => {
    const { app, stack } = constructApp();
    const g1 = constructGateway(stack, "Gw1", "10.1.0.0/16", "10.1.255.0/27");
    const g2 = constructGateway(stack, "Gw2", "10.2.0.0/16", "10.2.255.0/27");
    const link = new VnetToVnetConnection(stack, "G1G2", {
      local: g1,
      remote: g2,
      sharedKey: SharedKey.generate(stack, "psk"),
    });
    expect(appFindings(app, RULE)).toEqual([]);

    link.remoteToLocal.addOverride("shared_key", KEY_B);
    link.localToRemote.addOverride("shared_key", KEY_A);
    const found = appFindings(app, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].severity).toBe("error");
    expect(found[0].path).toBe("net/G1G2/LocalToRemote");
    expect(JSON.stringify(found)).not.toContain("Sup3rSecret");
  });
});

describe("Connection.Vnet2VnetPair with a connection whose gateway cannot be resolved", () => {
  test("it may be the reverse: no 'missing reverse' warning, an unverifiable entry", () => {
    const d = twoGateways(
      connection("c12", "v1_gw", { type: "Vnet2Vnet", peer: "v2_gw" }),
      connection("c21", "v2_gw", {
        type: "Vnet2Vnet",
        peer: "v1_gw",
        extra: {
          peer_virtual_network_gateway_id: ref("var.v1_gateway_id"),
        },
      }),
    );
    expect(findingsOf(d, RULE)).toEqual([]);
    const what = unverifiedOf(d, RULE)
      .map((u) => `${u.path}: ${u.what}`)
      .join(" | ");
    expect(what).toContain(
      "azurerm_virtual_network_gateway_connection.c12: whether the VNet-to-VNet connection has a reverse connection",
    );
  });
});
