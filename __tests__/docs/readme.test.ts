import * as fs from "fs";
import * as path from "path";
import { ALL_RULES } from "../../policies/rules";
import { gateway, newStack, resources } from "../../test-utils/vpn";

const ROOT = path.resolve(__dirname, "../..");
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), "utf8");
const readme = read("README.md");
const DOCS = fs
  .readdirSync(path.join(ROOT, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `docs/${f}`);

/** Rows of the rule table (docs/policies.md): rule id -> severity cell. */
function ruleRows(): Map<string, string> {
  const page = read("docs/policies.md");
  const start = page.indexOf("## Rules");
  const table = page.slice(start, page.indexOf("\n## ", start + 1) >>> 0);
  const rows = new Map<string, string>();
  for (const line of table.split("\n")) {
    const m = /^\|\s*`([A-Za-z0-9]+\.[A-Za-z0-9]+)`\s*\|\s*([^|]+?)\s*\|/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  return rows;
}

/** Relative link targets of a Markdown page (outside code blocks), resolved from its folder. */
function links(file: string): string[] {
  const text = read(file).replace(/```[\s\S]*?```/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1].split("#")[0])
    .filter((t) => t && !/^[a-z]+:/.test(t))
    .map((t) => path.relative(ROOT, path.resolve(ROOT, path.dirname(file), t)));
}

describe("README and docs", () => {
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

  it("gives the two set-up commands that CI runs (docs/contributing.md)", () => {
    const page = read("docs/contributing.md");
    expect(page).toContain("npm ci && npm run synth");
    expect(page).toContain("npm test");
    const ci = read(".ci/run");
    expect(ci).toMatch(/npm ci/);
    expect(ci).toMatch(/npm test/);
  });

  it("keeps the README a front door: under 200 lines, linking every docs page", () => {
    expect(readme.split("\n").length).toBeLessThan(200);
    const linked = new Set(links("README.md"));
    for (const page of DOCS) expect({ page, linked: linked.has(page) }).toEqual({ page, linked: true });
  });

  it("links only to files that exist", () => {
    for (const file of ["README.md", ...DOCS]) {
      for (const target of links(file)) {
        expect({ file, target, exists: fs.existsSync(path.join(ROOT, target)) }).toEqual({
          file,
          target,
          exists: true,
        });
      }
    }
  });

  it("maps the package to a private registry before the first install (dependency confusion)", () => {
    const npmrc = readme.indexOf("@your-org:registry=");
    const install = readme.indexOf("npm install -E");
    expect(npmrc).toBeGreaterThan(0);
    expect(npmrc).toBeLessThan(install);
    expect(readme).toContain("unclaimed on the public registry");
    for (const pkg of ["cdktf-azure-connectivity", "cdktn-azure-connectivity"]) {
      expect(readme).toContain(`${pkg}@npm:@your-org/${pkg}@`);
    }
  });

  it("states VpnGateway's defaults as it synthesizes them (docs/constructs.md)", () => {
    const page = read("docs/constructs.md");
    const start = page.indexOf("### Documented defaults of `VpnGateway`");
    expect(start).toBeGreaterThan(0);
    const rows = [
      ...page.slice(start).matchAll(/^\| `(azurerm_[a-z_]+)(?:\.([a-z_]+))?`[^|]*\| ([^|]+?) +\|$/gm),
    ];
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const stack = newStack();
    gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    for (const [, type, attr, cell] of rows) {
      const all = resources(stack, type);
      const actual =
        attr === undefined
          ? all.length
          : Array.isArray(all[0][attr]) && attr === "ip_configuration"
            ? all[0][attr].length
            : all[0][attr];
      const text = cell.replace(/`/g, "");
      const stated = /^[[\d]|^(true|false)$/.test(text) ? JSON.parse(text) : text;
      expect({ type, attr, value: actual }).toEqual({ type, attr, value: stated });
    }
  });

  it("shows the test of docs/testing-your-app.md word for word (it runs as __tests__/docs/testing-your-app)", () => {
    const code = read("__tests__/docs/testing-your-app/network.test.ts").replace(
      'from "../../../index";',
      'from "cdktf-azure-connectivity";',
    );
    expect(read("docs/testing-your-app.md")).toContain("```ts\n" + code + "```");
  });
});
