import * as fs from "fs";
import * as path from "path";
import { REFERENCE, interfacesOf, referencePage } from "../../scripts/constructs-reference";

const CONSTRUCTS = path.resolve(__dirname, "../../constructs");

describe("docs/reference.md (npm run docs:reference)", () => {
  /** Without the layout prettier gives tables (cell padding, dash runs). */
  const layoutFree = (text: string) =>
    text
      .split("\n")
      .map((l) => l.replace(/-{3,}/g, "---").replace(/\s+/g, " ").trim())
      .filter((l) => l !== "");

  it("is what the doc comments generate", () => {
    expect(layoutFree(fs.readFileSync(REFERENCE, "utf8"))).toEqual(layoutFree(referencePage()));
  });

  it("states a default for every optional prop of every construct's props", () => {
    const missing: string[] = [];
    for (const f of fs.readdirSync(CONSTRUCTS).filter((n) => n.endsWith(".ts"))) {
      for (const i of interfacesOf(path.join(CONSTRUCTS, f))) {
        if (!/(Props|Options)$/.test(i.name)) continue;
        for (const p of i.props)
          if (p.optional && p.default === undefined) missing.push(`${i.name}.${p.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
