/**
 * Hostile and random input through the front end (issue 16): random JSON documents, configurations of
 * the right shape with random values and random expressions in them, plans with random modules, and
 * random files on disk (JSON, HCL, plans) through `checkTerraform` and the CLI. Each gives findings
 * or an `UnusableInputError` (exit 2 with one line), never another exception, never the CLI's
 * "internal error", and never exit 1 without an error finding.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { main } from "../../../bin/cli";
import { UnusableInputError, checkTerraform } from "../../../policies/check-terraform";
import { tmpdir } from "../../../test-utils/files";
import {
  NEW_USER_HCL,
  hub,
  localSite,
  moduleCall,
  peerBoth,
  requiredAzurerm,
  spokeModule,
  tfDoc,
  twoPeeredPlan,
  variable,
  vnet,
} from "../../../test-utils/terraform";

type Json = Record<string, unknown>;

/** `FUZZ_SCALE=10 npx jest ... fuzz` runs ten times as many cases (a few seconds each by default). */
const SCALE = Number(process.env.FUZZ_SCALE ?? "1") || 1;
const runs = (n: number) => Math.round(n * SCALE);

/** Runs the check; true when it gave findings or refused the document as unusable. */
function checksOrRefuses(doc: unknown): true {
  try {
    expect(Array.isArray(checkTerraform(doc))).toBe(true);
  } catch (e) {
    if (!(e instanceof UnusableInputError)) {
      throw new Error(`not an UnusableInputError: ${(e as Error)?.stack ?? String(e)}`);
    }
    expect(e.message).not.toMatch(/\n/);
  }
  return true;
}

/** Names that are special to JavaScript and ordinary to Terraform. */
const NAMES = ["hub", "spoke", "a", "b", "__proto__", "constructor", "prototype", "toString", "gw"];

/** Pieces of Terraform expressions: references, functions, operators, literals, broken syntax. */
const TOKENS = [
  "var.space",
  "var.missing",
  "local.x",
  "count.index",
  "each.key",
  "each.value",
  "azurerm_virtual_network.hub.id",
  "azurerm_virtual_network.hub.address_space[0]",
  "azurerm_virtual_network.__proto__.id",
  "azurerm_virtual_network.spoke[*].id",
  "module.spoke.id",
  "data.azurerm_virtual_network.x.id",
  "cidrsubnet(",
  "cidrsubnets(",
  "cidrhost(",
  "toset(",
  "merge(",
  "lookup(",
  "element(",
  "format(",
  "try(",
  "nosuchfunction(",
  "[",
  "]",
  "{",
  "}",
  "(",
  ")",
  ",",
  ".",
  "...",
  "?",
  ":",
  "==",
  "&&",
  "!",
  "-",
  "*",
  "/",
  "%",
  "=>",
  "for x in",
  "if",
  '"10.0.0.0/16"',
  '"${"',
  '"%{ for',
  '"__proto__"',
  "0",
  "-1",
  "1e308",
  "99999999999999999999",
  "8",
  "true",
  "null",
  "[0]",
  '["key"]',
];

const expression = fc
  .array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 })
  .map((t) => `\${${t.join(" ")}}`);

/** Random values: JSON, expressions, prefixes, hostile strings. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  expression,
  fc.constantFrom("10.0.0.0/16", "10.0.1.0/24", "300.0.0.0/8", "10.0.0.0/33", "::/0", "", "\u0000\u001b[2J"),
  fc.array(fc.oneof(expression, fc.constantFrom("10.0.0.0/16", "10.1.0.0/16")), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...NAMES), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

/** Topologies of the right shape the mutations start from. */
function bases(): Json[] {
  return [
    tfDoc(vnet("hub", ["10.0.0.0/16"]), vnet("spoke", ["10.0.1.0/24"]), peerBoth("hub", "spoke")),
    tfDoc(requiredAzurerm("~> 3.100"), hub(), localSite("onprem", ["192.168.0.0/16"])),
    tfDoc(
      variable("spaces", "map(string)", { a: "10.1.0.0/16", b: "10.2.0.0/16" }),
      vnet("hub", ["10.0.0.0/16"]),
      {
        resource: {
          azurerm_virtual_network: {
            spoke: {
              for_each: "${var.spaces}",
              name: "${each.key}",
              resource_group_name: "rg-net",
              location: "westeurope",
              address_space: ["${each.value}"],
            },
          },
        },
      },
    ),
    tfDoc(vnet("hub", ["10.0.0.0/16"]), moduleCall("spoke", "./spoke", { name: "s", space: "10.0.1.0/24" })),
    twoPeeredPlan("10.0.1.0/24") as Json,
  ];
}

/** Every path to a value in a document (objects and arrays), as keys. */
function paths(
  doc: unknown,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  if (at.length > 0) out.push(at);
  if (Array.isArray(doc)) doc.forEach((v, i) => paths(v, [...at, i], out));
  else if (doc !== null && typeof doc === "object") {
    for (const k of Object.keys(doc)) paths((doc as Json)[k], [...at, k], out);
  }
  return out;
}

/** The document with the value at `at` replaced (or, for a key, renamed). */
function mutate(doc: unknown, at: (string | number)[], v: unknown, rename: string | undefined): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  let parent = copy;
  for (const k of at.slice(0, -1)) parent = parent[k];
  const last = at[at.length - 1];
  if (rename !== undefined && !Array.isArray(parent)) {
    const body = parent[last];
    delete parent[last];
    Object.defineProperty(parent, rename, {
      value: body,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    parent[last] = v;
  }
  return copy;
}

const mutated = fc
  .record({
    base: fc.nat(),
    edits: fc.array(
      fc.record({
        at: fc.nat(),
        value,
        rename: fc.option(fc.constantFrom(...NAMES, "count", "for_each", "dynamic", "source"), { freq: 4 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ base, edits }) => {
    const all = bases();
    let doc: unknown = all[base % all.length];
    for (const e of edits) {
      const ps = paths(doc);
      if (ps.length === 0) break;
      doc = mutate(doc, ps[e.at % ps.length], e.value, e.rename ?? undefined);
    }
    return doc;
  });

describe("fuzz: checkTerraform gives findings or refuses the document, nothing else", () => {
  test("random JSON values as documents", () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), checksOrRefuses), { numRuns: runs(500) });
  });

  test("random sections of a configuration, special names included", () => {
    const section = fc.dictionary(
      fc.constantFrom("resource", "data", "variable", "locals", "module", "output", "terraform", "__proto__"),
      fc.dictionary(fc.constantFrom(...NAMES, "azurerm_virtual_network", "azurerm_subnet"), value, {
        maxKeys: 3,
      }),
      { minKeys: 1, maxKeys: 4 },
    );
    fc.assert(fc.property(section, checksOrRefuses), { numRuns: runs(500) });
  });

  test("configurations and plans of the right shape with random values, keys and expressions", () => {
    fc.assert(fc.property(mutated, checksOrRefuses), { numRuns: runs(1500) });
  });

  test("a value nested deeper than the reader walks is refused, not a stack overflow", () => {
    let deep: unknown = "10.0.0.0/16";
    for (let i = 0; i < 20_000; i++) deep = [deep];
    expect(checksOrRefuses(tfDoc(vnet("hub", deep as string[])))).toBe(true);
    let deepExpr = "1";
    for (let i = 0; i < 5_000; i++) deepExpr = `(${deepExpr})`;
    expect(checksOrRefuses(tfDoc(vnet("hub", [`\${${deepExpr}}`])))).toBe(true);
  });
});

describe("fuzz: the CLI exits 0, 1 with an error finding, or 2 with one line", () => {
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
    return { code, out, err };
  }

  function expectSound(r: { code: number; out: string[]; err: string[] }): void {
    expect([0, 1, 2]).toContain(r.code);
    expect(r.err.join("\n")).not.toMatch(/internal error/);
    if (r.code === 1) expect(r.out.some((l) => / error: /.test(l))).toBe(true);
    if (r.code === 2) {
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).not.toMatch(/\n|^\s+at /);
    }
  }

  test("random documents as .tf.json files, plan files and module folders", async () => {
    await fc.assert(
      fc.asyncProperty(
        mutated,
        fc.constantFrom("main.tf.json", "plan.json", "spoke/main.tf.json"),
        async (doc, name) => {
          const dir = tmpdir("cac-fuzz-");
          try {
            fs.mkdirSync(path.join(dir, "spoke"));
            fs.writeFileSync(path.join(dir, "spoke", "main.tf.json"), JSON.stringify(spokeModule()));
            fs.writeFileSync(path.join(dir, name), JSON.stringify(doc));
            expectSound(await cli(["check", name === "plan.json" ? path.join(dir, name) : dir]));
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: runs(150) },
    );
  });

  test("HCL with random lines cut, duplicated or replaced by random expressions", async () => {
    const lines = NEW_USER_HCL.split("\n");
    const edit = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom("cut", "dup", "expr", "value"),
      text: expression,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const ls = [...lines];
        for (const e of edits) {
          const i = e.at % ls.length;
          if (e.kind === "cut") ls.splice(i, 1);
          else if (e.kind === "dup") ls.splice(i, 0, ls[i]);
          else if (e.kind === "expr") ls.splice(i, 0, `  x${i} = "${e.text}"`);
          else ls[i] = ls[i].replace(/=\s*(.*)$/, `= ${e.text.slice(2, -1)}`);
        }
        const dir = tmpdir("cac-fuzz-hcl-");
        try {
          fs.writeFileSync(path.join(dir, "main.tf"), ls.join("\n"));
          expectSound(await cli(["check", dir]));
          expectSound(await cli(["check", "--strict", dir]));
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: runs(60) },
    );
  });

  test("random bytes as a .tf, .tf.json or plan file", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom("main.tf", "main.tf.json", "plan.json", "terraform.tfvars"),
        async (bytes, name) => {
          const dir = tmpdir("cac-fuzz-bytes-");
          try {
            fs.writeFileSync(path.join(dir, name), bytes);
            if (name === "terraform.tfvars") fs.writeFileSync(path.join(dir, "main.tf"), NEW_USER_HCL);
            expectSound(await cli(["check", name === "plan.json" ? path.join(dir, name) : dir]));
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: runs(60) },
    );
  });
});
