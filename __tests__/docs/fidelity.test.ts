import * as fs from "fs";
import * as path from "path";
import {
  CatalogueScope,
  DOC_FILE,
  END,
  SCOPE_FILE,
  START,
  TagSource,
  fidelity,
  fidelityTable,
  readTags,
  repoFidelity,
  scopeFromCatalogue,
} from "../../scripts/fidelity";

/** The cells of every table row of a markdown block, whitespace-normalized (prettier aligns columns). */
function tableRows(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|[\s|:-]+\|$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split("|")
        .map((c) => c.trim()),
    );
}

describe("docs/fidelity.md", () => {
  it("shows the table npm run fidelity prints (run `npm run fidelity -- --write` when this fails)", () => {
    const doc = fs.readFileSync(DOC_FILE, "utf8");
    const a = doc.indexOf(START);
    const b = doc.indexOf(END);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(tableRows(doc.slice(a, b))).toEqual(tableRows(fidelityTable(repoFidelity())));
  });

  it("is linked from the README", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    expect(readme).toContain("(docs/fidelity.md)");
  });

  it("every Catalogue tag of the rules and constructs names a catalogue id, and every tagged rule is in the pack", () => {
    expect(repoFidelity().problems).toEqual([]);
  });

  it("the checked-in scope counts the issue's 126 ids and the corrected 123", () => {
    const scope = JSON.parse(fs.readFileSync(SCOPE_FILE, "utf8")) as CatalogueScope;
    expect(scope.ids).toHaveLength(182);
    expect(scope.ids.filter((e) => e.inScope)).toHaveLength(126);
    expect(scope.ids.filter((e) => e.inScopeCorrected)).toHaveLength(123);
    expect(
      scope.ids
        .filter((e) => e.inScope && !e.inScopeCorrected)
        .map((e) => e.id)
        .sort(),
    ).toEqual(["CONN-ROUTING-WEIGHT", "IPSEC-PBTS-NEEDS-POLICY", "IPSEC-PFS-VALUES"]);
    const f = repoFidelity();
    expect(f.issue.total).toBe(126);
    expect(f.corrected.total).toBe(123);
  });
});

const CATALOGUE = `# Catalogue

## A. Gateways

| ID | Rule | azurerm resource / attribute | Severity | Source |
|---|---|---|---|---|
| GW-ONE | One gateway. | \`x\` | REJECT-ARM | [S] |
| GW-TF | Provider check. | \`x\` | REJECT-TF (enum) + REJECT-ARM | [S] |
| GW-UNSUP | Not supported. | \`x\` | UNSUPPORTED (M) | [S] |
| GW-BP | A recommendation. | \`x\` | BEST-PRACTICE | [S] |
| GW-SKU-RESIZE | A change between plans. | \`x\` | REJECT-ARM | [S] |

## E3. IPsec

| ID | Rule | azurerm resource / attribute | Severity | Source |
|---|---|---|---|---|
| IPSEC-PFS-VALUES | Values. | \`x\` | BEST-PRACTICE (warning) for PFS14 | [S] |
| IPSEC-PBTS-NEEDS-POLICY | Policy. | \`x\` | none; UNSUPPORTED without | [S] |
`;

describe("scopeFromCatalogue (the scoping method of the fidelity research, section 1.1)", () => {
  const scope = scopeFromCatalogue(CATALOGUE);
  const entry = (id: string) => scope.ids.find((e) => e.id === id)!;

  it("reads every id with its section and severity", () => {
    expect(scope.ids.map((e) => e.id)).toEqual([
      "GW-ONE",
      "GW-TF",
      "GW-UNSUP",
      "GW-BP",
      "GW-SKU-RESIZE",
      "IPSEC-PFS-VALUES",
      "IPSEC-PBTS-NEEDS-POLICY",
    ]);
    expect(entry("GW-TF")).toMatchObject({
      section: "A. Gateways",
      severity: "REJECT-TF (enum) + REJECT-ARM",
    });
    expect(entry("IPSEC-PFS-VALUES").section).toBe("E3. IPsec");
  });

  it("takes REJECT and UNSUPPORTED ids, minus the excluded ones, plus those the issue counted", () => {
    const inScope = scope.ids.filter((e) => e.inScope).map((e) => e.id);
    expect(inScope).toEqual(["GW-ONE", "GW-TF", "GW-UNSUP", "IPSEC-PFS-VALUES", "IPSEC-PBTS-NEEDS-POLICY"]);
    expect(entry("GW-SKU-RESIZE").reason).toContain("a change between two plans");
    expect(entry("GW-BP").reason).toContain("not REJECT/UNSUPPORTED");
  });

  it("takes the corrections' ids out of the corrected scope only", () => {
    expect(scope.ids.filter((e) => e.inScopeCorrected).map((e) => e.id)).toEqual([
      "GW-ONE",
      "GW-TF",
      "GW-UNSUP",
    ]);
  });
});

describe("fidelity (statuses from Catalogue tags)", () => {
  const scope = scopeFromCatalogue(CATALOGUE);
  const rule = (file: string, text: string): TagSource => ({ file, text, kind: "rule" });
  const construct = (file: string, text: string): TagSource => ({ file, text, kind: "construct" });

  it("reads tags wrapped over doc comment lines, with their owner, and skips `none`", () => {
    const { tags, malformed } = readTags(
      rule(
        "a.ts",
        `/**
 * \`Gw.One\`: ...
 * Catalogue: GW-ONE,
 * GW-TF.
 * Catalogue (partly): GW-UNSUP.
 */
export const A: Rule = { id: "Gw.One", severity: "error" };
/**
 * Catalogue: none (a best practice).
 */
export const B: Rule = { id: "Gw.Two", severity: "warning" };`,
      ),
    );
    expect(malformed).toEqual([]);
    expect(tags.map((t) => [t.id, t.partly, t.by])).toEqual([
      ["GW-ONE", false, "Gw.One"],
      ["GW-TF", false, "Gw.One"],
      ["GW-UNSUP", true, "Gw.One"],
    ]);
    const c = readTags(construct("c.ts", "/**\n * Catalogue: GW-ONE.\n */\nexport class VpnGateway {}"));
    expect(c.tags.map((t) => [t.id, t.by, t.kind])).toEqual([["GW-ONE", "VpnGateway", "construct"]]);
  });

  it("raw beats partial beats construct-only; untagged ids are none; both denominators", () => {
    const f = fidelity(
      scope,
      [
        rule("r.ts", '/** Catalogue: GW-ONE. Catalogue (partly): GW-TF. */ const R = { id: "Gw.One" };'),
        construct("c.ts", "/** Catalogue: GW-ONE, GW-TF, GW-UNSUP. */ export class Gw {}"),
      ],
      new Set(["Gw.One"]),
    );
    expect(f.rows.map((r) => [r.id, r.status, r.by])).toEqual([
      ["GW-ONE", "raw", ["Gw", "Gw.One"]],
      ["GW-TF", "partial", ["Gw", "Gw.One (partly)"]],
      ["GW-UNSUP", "construct-only", ["Gw"]],
      ["IPSEC-PFS-VALUES", "none", []],
      ["IPSEC-PBTS-NEEDS-POLICY", "none", []],
    ]);
    expect(f.issue).toMatchObject({ total: 5, counts: { raw: 1, partial: 1, "construct-only": 1, none: 2 } });
    expect(f.corrected).toMatchObject({ total: 3, rawShare: 1 / 3 });
    expect(f.problems).toEqual([]);
    const table = fidelityTable(f);
    expect(table).toContain("| corrected (2026-12) | 3 | 1 | 1 | 1 | 0 | 33.3 % |");
    expect(table).toContain("| IPSEC-PFS-VALUES (issue's count only) | E3. IPsec | none | - |");
  });

  it("a partly tag of a construct alone makes an id partial", () => {
    const f = fidelity(scope, [construct("c.ts", "/** Catalogue (partly): GW-UNSUP. */ export class Gw {}")]);
    expect(f.rows.find((r) => r.id === "GW-UNSUP")!.status).toBe("partial");
  });

  it("reports tags naming unknown ids, malformed tags and rules outside the pack, and counts none of them", () => {
    const f = fidelity(
      scope,
      [
        rule("r.ts", '/** Catalogue: GW-ONEE, gw-tf. */ const R = { id: "Gw.One" };'),
        rule("s.ts", '/** Catalogue: GW-UNSUP. */ const S = { id: "Gw.Gone" };'),
      ],
      new Set(["Gw.One"]),
    );
    expect(f.rows.every((r) => r.status === "none")).toBe(true);
    expect(f.problems).toEqual([
      "malformed tag: r.ts: 'gw-tf' in \"Catalogue: GW-ONEE, gw-tf.\"",
      "r.ts: Gw.One names GW-ONEE, which the catalogue does not have",
      "s.ts: Gw.Gone names GW-UNSUP but is not a rule of the default pack",
    ]);
  });
});
