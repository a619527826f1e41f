/**
 * The package's metadata in Terraform JSON (`"//": {"cdktf-azure-connectivity": {...}}`) is written by
 * the constructs and, for raw Terraform, by hand: what its readers do not know is reported, never
 * skipped (a misspelled `intent` dropped the intents it held, and the check passed without them).
 */
import { METADATA_KEY, readResourceMetadata, readStackMetadata } from "../../core/metadata";
import { checkTerraformDocuments } from "../../policies/check-terraform";
import { stackDoc, topology, vnet } from "../../test-utils/terraform";

const intent = {
  kind: "mustReach",
  path: "net",
  from: { path: "net/a", text: "a" },
  to: { path: "net/b", text: "b" },
};

/** Two networks that cannot reach each other, and the package's section of the stack as given. */
function doc(section: unknown) {
  return stackDoc("net", vnet("a", ["10.1.0.0/16"]), vnet("b", ["10.2.0.0/16"]), {
    "//": { [METADATA_KEY]: section },
  });
}

const unread = (d: unknown) =>
  checkTerraformDocuments([{ stack: "net", doc: d as object }]).unverifiable.filter(
    (u) => u.ruleId === "Input.Unread",
  );

describe("the package's metadata, what its readers do not know", () => {
  it("a misspelled key of a stack is Input.Unread, with the key it meant; the intent it held is not checked in silence", () => {
    // Spelled right, the intent is checked and broken.
    const right = checkTerraformDocuments([{ stack: "net", doc: doc({ intents: [intent] }) }]);
    expect(right.findings.map((f) => f.ruleId)).toContain("Reachability.Intent");
    expect(unread(doc({ intents: [intent] }))).toEqual([]);
    // Misspelled: no finding, but it is said.
    const wrong = doc({ intent: [intent] });
    expect(checkTerraformDocuments([{ stack: "net", doc: wrong }]).findings).toEqual([]);
    expect(unread(wrong).map((u) => u.what)).toEqual([
      `net: the package's metadata of a stack has "intent", which it does not know (did you mean "intents"?), so what it holds was not read`,
    ]);
    expect(readStackMetadata(wrong, "net").problems).toHaveLength(1);
  });

  it("an unknown key with no near miss names the keys it knows; a section that is not an object is said to be one", () => {
    expect(readStackMetadata(doc({ supress: [] }), "net").problems).toEqual([
      `net: the package's metadata of a stack has "supress", which it does not know (it knows "suppressions" and "intents"), so what it holds was not read`,
    ]);
    expect(readStackMetadata(doc("suppress everything"), "net").problems).toEqual([
      `net: the package's metadata of a stack is a string, not an object, so it was not read`,
    ]);
    expect(readStackMetadata(doc([intent]), "net").problems).toEqual([
      `net: the package's metadata of a stack is a list, not an object, so it was not read`,
    ]);
  });

  it("on a resource: an unknown key is reported, the keys it knows are read", () => {
    const body = {
      "//": {
        [METADATA_KEY]: { representsGateway: "${azurerm_virtual_network_gateway.x.id}", existingNetwork: [] },
      },
    };
    const read = readResourceMetadata(body, "azurerm_local_network_gateway.s");
    expect(read.value.representsGateway).toBe("${azurerm_virtual_network_gateway.x.id}");
    expect(read.problems).toEqual([
      `azurerm_local_network_gateway.s: the package's metadata of a resource has "existingNetwork", which it does not know (did you mean "existingNetworks"?), so what it holds was not read`,
    ]);
    // Through the checker: Input.Unread at the resource, failing --strict.
    const d = stackDoc("net", topology.site("s", ["192.168.1.0/24"]));
    d.resource.azurerm_local_network_gateway.s["//"] = body["//"];
    expect(unread(d).map((u) => u.what)).toEqual([`net/${read.problems[0]}`]);
    const strict = checkTerraformDocuments([{ stack: "net", doc: d }], { strict: true });
    expect(strict.findings.filter((f) => f.ruleId === "Input.Unread").map((f) => f.severity)).toEqual([
      "error",
    ]);
  });

  it("what the constructs write is read without a word", () => {
    expect(readStackMetadata(doc({ suppressions: [], intents: [] }), "net").problems).toEqual([]);
    expect(
      readResourceMetadata({ "//": { [METADATA_KEY]: { existingNetworks: [] } } }, "x").problems,
    ).toEqual([]);
  });
});
