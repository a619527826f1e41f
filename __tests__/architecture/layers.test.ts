import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkLayers } from "../../scripts/check-layers";

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cac-layers-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe("the layering check", () => {
  it("passes on this repository: every import runs downward", () => {
    expect(checkLayers()).toEqual([]);
  });

  it("fails on an import that runs up a layer, naming the file, the line and the rule", () => {
    const root = tree({
      "core/cidr.ts": 'import { x } from "./other";\nimport { Vnet } from "../constructs/vnet";\n',
      "core/other.ts": "export const x = 1;\n",
      "constructs/vnet.ts": "export class Vnet {}\n",
    });
    expect(checkLayers(root)).toEqual([
      {
        file: path.join("core", "cidr.ts"),
        line: 2,
        spec: "../constructs/vnet",
        why: "core may import only core; constructs is a layer above it",
      },
    ]);
  });

  it("fails on a cycle between constructs/ and policies/ in either direction", () => {
    const root = tree({
      "constructs/a.ts": 'import { r } from "../policies/rule";\n',
      "policies/rule.ts": 'export { A } from "../constructs/a";\nexport const r = 1;\n',
    });
    expect(checkLayers(root).map((v) => `${v.file} ${v.why}`)).toEqual([
      `${path.join("constructs", "a.ts")} constructs may import only core, constructs; policies is beside it (a cycle between top-level folders)`,
      `${path.join("policies", "rule.ts")} policies may import only core, policies; constructs is beside it (a cycle between top-level folders)`,
    ]);
  });

  it("fails when the library imports tests, and when a reference stack goes around the public API", () => {
    const root = tree({
      "policies/engine.ts": 'import { doc } from "../test-utils/tf";\n',
      "test-utils/tf.ts": "export const doc = 1;\n",
      "stacks/main.ts": 'import { a } from "../policies/engine";\nimport { b } from "../index";\n',
      "index.ts": "export const b = 1;\n",
    });
    expect(checkLayers(root).map((v) => v.why)).toEqual([
      "policies is part of the library and may not import test-utils/",
      "stacks may import only index.ts, stacks; policies is below it but outside what it may use",
    ]);
  });
});
