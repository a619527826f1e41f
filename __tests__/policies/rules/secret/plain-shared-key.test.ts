import { SharedKey } from "../../../../constructs/shared-key";
import { VnetToVnetConnection } from "../../../../constructs/vnet-to-vnet-connection";
import { appFindings, appUnverified, expectWellFormed, findingsOf } from "../../../../test-utils/policy";
import {
  Json,
  connection,
  localSite,
  locals,
  networkWithGateway,
  ref,
  tfDoc,
} from "../../../../test-utils/terraform";
import { constructApp, constructGateway } from "../../../../test-utils/vpn";

const RULE = "Secret.PlainSharedKey";
const KEY = "Pl4inTextKey";

function withKey(sharedKey: unknown, ...more: Json[]) {
  return tfDoc(
    networkWithGateway("hub", "10.0.0.0/16", "10.0.255.0/27"),
    localSite("branch", ["192.168.0.0/16"], { name: "branch" }),
    connection("s2s", "hub_gw", { type: "IPsec", site: "branch", extra: { shared_key: sharedKey } }),
    ...more,
  );
}

describe("Secret.PlainSharedKey", () => {
  test("a literal shared_key is a warning that never shows the key", () => {
    const found = findingsOf(withKey(KEY), RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "warning",
      path: "azurerm_virtual_network_gateway_connection.s2s",
    });
    expect(found[0].message).toContain("connection s2s has a literal shared_key");
    expect(JSON.stringify(found)).not.toContain(KEY);
    expectWellFormed(found[0], RULE);
  });

  test("a literal behind a local value is a literal too", () => {
    const found = findingsOf(withKey(ref("local.psk"), locals({ psk: KEY })), RULE);
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found)).not.toContain(KEY);
  });

  test("a key from a variable, a Key Vault secret or random_password: no finding", () => {
    expect(findingsOf(withKey(ref("var.psk")), RULE)).toEqual([]);
    expect(findingsOf(withKey(ref("data.azurerm_key_vault_secret.psk.value")), RULE)).toEqual([]);
    expect(findingsOf(withKey(ref("random_password.psk.result")), RULE)).toEqual([]);
  });

  test("constructs: SharedKey.unsafePlainText warns without showing the key; SharedKey.generate does not", () => {
    const plain = constructApp();
    const g1 = constructGateway(plain.stack, "Gw1", "10.1.0.0/16", "10.1.255.0/27");
    const g2 = constructGateway(plain.stack, "Gw2", "10.2.0.0/16", "10.2.255.0/27");
    new VnetToVnetConnection(plain.stack, "G1G2", {
      local: g1,
      remote: g2,
      sharedKey: SharedKey.unsafePlainText(KEY),
    });
    const found = appFindings(plain.app, RULE);
    expect(found.map((f) => f.path).sort()).toEqual(["net/G1G2/LocalToRemote", "net/G1G2/RemoteToLocal"]);
    expect(JSON.stringify(found)).not.toContain(KEY);

    const generated = constructApp();
    const h1 = constructGateway(generated.stack, "Gw1", "10.1.0.0/16", "10.1.255.0/27");
    const h2 = constructGateway(generated.stack, "Gw2", "10.2.0.0/16", "10.2.255.0/27");
    new VnetToVnetConnection(generated.stack, "G1G2", {
      local: h1,
      remote: h2,
      sharedKey: SharedKey.generate(generated.stack, "psk"),
    });
    expect(appFindings(generated.app, RULE)).toEqual([]);
    expect(appUnverified(generated.app, RULE)).toEqual([]);
  });
});
