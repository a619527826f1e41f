import * as fs from "fs";
import * as path from "path";
import { ALL_RULES } from "../../policies/rules";

const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

/** Rows of the README's rule table: rule id -> severity cell. */
function ruleRows(): Map<string, string> {
  const start = readme.indexOf("### Rules");
  const table = readme.slice(start, readme.indexOf("\n## ", start));
  const rows = new Map<string, string>();
  for (const line of table.split("\n")) {
    const m = /^\|\s*`([A-Za-z0-9]+\.[A-Za-z0-9]+)`\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  return rows;
}

describe("README", () => {
  it("has a rule table row for every rule, with its severity, and no row for a rule that does not exist", () => {
    const rows = ruleRows();
    for (const rule of ALL_RULES) {
      expect({ id: rule.id, severity: rows.get(rule.id)?.startsWith(rule.severity) ?? false }).toEqual({
        id: rule.id,
        severity: true,
      });
    }
    expect([...rows.keys()].sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });

  it("gives the two set-up commands that CI runs", () => {
    expect(readme).toContain("npm ci && npm run synth");
    expect(readme).toContain("npm test");
    const ci = fs.readFileSync(path.resolve(__dirname, "../../.ci/run"), "utf8");
    expect(ci).toMatch(/npm ci/);
    expect(ci).toMatch(/npm test/);
  });
});
