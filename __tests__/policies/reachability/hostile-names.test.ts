/**
 * Issue 16: names other people wrote reach the Markdown summary, the Mermaid and DOT diagrams and the diff, which
 * the CLI prints to a CI log and a pull-request comment: no control character, no bidirectional
 * override and no line a CI runner would read as a workflow command may come through.
 */
import { buildModel } from "../../../policies/model";
import { checkTerraformDocuments } from "../../../policies/check-terraform";
import { reachabilityTexts } from "../../../policies/reachability/outputs";
import { diffJson, diffMarkdown, diffSnapshots, snapshotOfModel } from "../../../policies/reachability/diff";
import { stackDoc, topology, vnet } from "../../../test-utils/terraform";

const { gateway, peer, peerBoth, s2s, site } = topology;

const HOSTILE = [
  "\n::error file=main.tf,line=1::forged",
  "x\r\n##[error]forged\n##vso[task.setvariable variable=a]b",
  "esc\u001b[31mred\u001b[0m",
  "csi\u009b31m c1\u0085next",
  "bidi\u202eevil\u2066x\u2069",
  "tab\there\u2028ls\u2029ps\u0000nul\u007fdel",
];

function doc(names: readonly string[]) {
  return stackDoc(
    "net",
    vnet("hub", ["10.0.0.0/16"], { name: names[0] }),
    gateway("hub", "10.0.255.0/27"),
    vnet("a", ["10.1.0.0/16"], { name: names[1] }),
    vnet("b", ["10.2.0.0/16"], { name: names[2] }),
    vnet("c", ["10.3.0.0/16"], { name: names[3] }),
    peerBoth("a", "hub", { transitVia: "hub" }),
    peer("b", "hub"),
    vnet("d", ["10.4.0.0/16"], { name: names[4] }),
    vnet("e", ["10.5.0.0/16"], { name: names[5] }),
    peerBoth("d", "e"),
    site("onprem", ["192.168.0.0/24"]),
    s2s("hub", "onprem"),
  );
}

/** Control characters but newline and tab, DEL, C1, line separators, bidirectional controls. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** What must never appear in text a terminal or a CI runner reads. */
function expectSafe(text: string): void {
  expect(text).not.toMatch(UNSAFE);
  for (const line of text.split("\n")) {
    expect(line).not.toMatch(/^\s*::/);
    expect(line).not.toMatch(/##\[|##vso\[/i);
  }
}

describe("hostile names in the text outputs", () => {
  const m = buildModel([{ stack: "net", doc: doc(HOSTILE) }]);
  const findings = checkTerraformDocuments([{ stack: "net", doc: doc(HOSTILE) }]).findings;
  const texts = reachabilityTexts(m, findings);

  it.each(["markdown", "mermaid", "dot"] as const)("%s", (kind) => {
    expectSafe(texts[kind]);
    expect(texts[kind]).toContain("forged");
  });

  it("the JSON keeps the names, escaped by JSON itself", () => {
    expectSafe(texts.json);
    const ids = (JSON.parse(texts.json) as { entities: { id: string }[] }).entities.map((e) => e.id);
    for (const name of HOSTILE) expect(ids).toContain(`network:${name}`);
  });

  it("the diff's Markdown", () => {
    const before = snapshotOfModel(buildModel([{ stack: "net", doc: doc(HOSTILE.map((n) => `${n}0`)) }]), []);
    const after = snapshotOfModel(m, findings);
    const d = diffSnapshots(before, after);
    const md = diffMarkdown(d);
    expectSafe(md);
    expect(md).toContain("forged");
    // The networks were renamed: the pairs they had are gone with them, said so, not a crash.
    expect(md).toContain("no longer in the app");
    expectSafe(diffJson(d));
    expect((JSON.parse(diffJson(d)) as { entitiesAdded: string[] }).entitiesAdded).toContain(
      `network:${HOSTILE[0]}`,
    );
  });
});
