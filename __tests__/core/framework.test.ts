import * as fc from "fast-check";
import {
  CloudBackend,
  Fn,
  Lazy,
  NamedCloudWorkspace,
  TerraformLocal,
  TerraformOutput,
  TerraformVariable,
  Token,
} from "cdktf";
import * as encoding from "cdktf/lib/tokens/private/encoding";
// The module object renderStack swaps `resolve` on, and the framework's own resolve.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tokens = require("cdktf/lib/_tokens");
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { DataAzurermResourceGroup } from "@cdktf/provider-azurerm/lib/data-azurerm-resource-group";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { App, TerraformStack, isUnresolved, renderStack, settlePlainDocument } from "../../core/framework";
import { buildReferenceApp } from "../../stacks/app";

const originalResolve = tokens.resolve;

describe("isUnresolved", () => {
  const stack = new TerraformStack(new App(), "s");
  const variable = new TerraformVariable(stack, "v", { type: "string" });
  const tokens = [
    variable.stringValue,
    Token.asString(variable.value),
    Token.asList(variable.value)[0],
    Fn.join("-", variable.listValue),
  ];

  it("rests on every token marker of the framework holding a '{'", () => {
    for (const marker of [
      encoding.BEGIN_STRING_TOKEN_MARKER,
      encoding.BEGIN_LIST_TOKEN_MARKER,
      encoding.BEGIN_MAP_TOKEN_MARKER,
    ]) {
      expect(marker).toContain("{");
    }
  });

  it("answers as the framework does for any string, with or without tokens in it", () => {
    const piece = fc.oneof(fc.string(), fc.constantFrom(...tokens, "${", "{", "#{", "&{", "}"));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), (pieces) => {
        const s = pieces.join("");
        expect(isUnresolved(s)).toBe(Token.isUnresolved(s));
      }),
      { numRuns: 1000 },
    );
  });

  it("tells tokens from literals", () => {
    for (const t of [variable.stringValue, Token.asString(variable.value), Fn.join("-", variable.listValue)])
      expect(isUnresolved(t)).toBe(true);
    // One element of a list token is not a string token (as the framework answers).
    expect(isUnresolved(Token.asList(variable.value)[0])).toBe(false);
    expect(isUnresolved(`prefix-${variable.stringValue}`)).toBe(true);
    expect(isUnresolved("vnet-hub")).toBe(false);
    expect(isUnresolved("${var.x}")).toBe(false);
    expect(isUnresolved(variable.listValue)).toBe(true);
    expect(isUnresolved(["10.0.0.0/16"])).toBe(false);
  });
});

describe("renderStack", () => {
  /** A stack with tokens of every kind in its resources, a data source, outputs and the local backend. */
  function busyStack(app: App, id: string): TerraformStack {
    const stack = new TerraformStack(app, id);
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const count = new TerraformVariable(stack, "count", { type: "number", default: 2 });
    const spaces = new TerraformVariable(stack, "spaces", { type: "list(string)" });
    const tags = new TerraformVariable(stack, "tags", { type: "map(string)" });
    const rg = new DataAzurermResourceGroup(stack, "rg", { name: "rg-net" });
    const hub = new VirtualNetwork(stack, "hub", {
      name: `vnet-${Fn.lower("HUB")}`,
      resourceGroupName: rg.name,
      location: rg.location,
      addressSpace: spaces.listValue,
      tags: tags.value,
      dnsServers: [Token.asString(Fn.element(spaces.listValue, 0)), "10.0.0.4"],
      bgpCommunity: "12076:20000",
    });
    hub.addOverride("lifecycle.ignore_changes", ["tags"]);
    hub.addOverride("timeouts.create", `${count.numberValue}m`);
    const subnet = new Subnet(stack, "subnet", {
      name: "workload",
      resourceGroupName: rg.name,
      virtualNetworkName: hub.name,
      addressPrefixes: [Fn.cidrsubnet(Token.asString(Fn.element(spaces.listValue, 0)), 8, count.numberValue)],
    });
    new TerraformOutput(stack, "subnet_id", { value: subnet.id });
    new TerraformOutput(stack, "count_plus", { value: Token.asNumber(Fn.max([count.numberValue, 3])) });
    new TerraformLocal(stack, "literal", { text: "${not.a.token} 1.5e+17", n: 1e30, undef: undefined });
    return stack;
  }

  const stringify = (v: unknown) => JSON.stringify(v, null, 1);

  it("answers what toTerraform() answers, with the last pass skipped or taken", () => {
    const app = new App();
    const plain = busyStack(app, "plain");
    const overridden = busyStack(app, "overridden");
    // Raw stack overrides (here with a token) are merged before the last pass: the pass is taken.
    overridden.addOverride("terraform.required_version", `>= ${Token.asString(Fn.abs(1))}`);
    const cloud = busyStack(app, "cloud");
    new CloudBackend(cloud, { organization: "org", workspaces: new NamedCloudWorkspace("net") });
    // Literal values that look like parts of tokens: the walk leaves them to the framework's pass.
    const lookalike = busyStack(app, "lookalike");
    new TerraformLocal(lookalike, "odd", { text: "TfToken[ e+289", n: 1e300 });
    const all = [plain, overridden, cloud, lookalike];
    for (const s of all) s.prepareStack();
    for (const s of all) {
      const expected = s.toTerraform();
      const rendered = renderStack(s);
      expect(rendered).toStrictEqual(expected);
      expect(stringify(rendered)).toBe(stringify(expected));
    }
    // The last pass is skipped where it changes nothing, and left to cdktf for raw overrides and look-alikes.
    const lastPasses = (s: TerraformStack) => {
      let n = 0;
      tokens.resolve = function <T>(scope: any, obj: T, preparing?: boolean): T {
        // The merged document: the stack's "//" block, with the outputs, at its top.
        const block = obj !== null && typeof obj === "object" ? (obj as any)["//"] : undefined;
        if (block && typeof block === "object" && "outputs" in block) n++;
        return originalResolve(scope, obj, preparing);
      };
      try {
        renderStack(s);
      } finally {
        tokens.resolve = originalResolve;
      }
      return n;
    };
    expect(all.map(lastPasses)).toEqual([0, 1, 0, 1]);
    // The metadata's `cloud: undefined` of a local backend is left out, as the framework's pass does.
    expect(Object.keys((renderStack(plain) as any)["//"].metadata)).not.toContain("cloud");
    // The framework's module is as it was afterwards.
    expect(tokens.resolve).toBe(originalResolve);
  });

  it("answers as toTerraform() for the reference app's stacks", () => {
    const app = buildReferenceApp(new App());
    const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
    expect(stacks.length).toBeGreaterThan(5);
    for (const s of stacks) s.prepareStack();
    for (const s of stacks) expect(renderStack(s)).toStrictEqual(s.toTerraform());
  });

  it("lets the framework's pass decide anything that is not plain resolved data (property, against the framework's resolve)", () => {
    const stack = new TerraformStack(new App(), "s");
    const variable = new TerraformVariable(stack, "v", { type: "string" });
    const numberVariable = new TerraformVariable(stack, "n", { type: "number" });
    const leaf = fc.oneof(
      fc.string(),
      fc.constantFrom(
        "${var.x}",
        "$${literal}",
        "TfToken[",
        "1e+250",
        "a 1.5e+289 b",
        variable.stringValue,
        `prefix-${variable.stringValue}`,
        String(numberVariable.numberValue),
      ),
      fc.double(),
      fc.constantFrom(numberVariable.numberValue, 1e300, -0, 0, Number.NaN),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(Lazy.stringValue({ produce: () => "lazy" })),
      fc.constant(new Date(0)),
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
      array: fc.array(tie("tree"), { maxLength: 4 }),
      object: fc.dictionary(
        fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("TfToken[", "x e+2", variable.stringValue)),
        tie("tree"),
        { maxKeys: 4 },
      ),
    }));
    fc.assert(
      fc.property(tree, (t) => {
        let expected: unknown;
        try {
          expected = originalResolve(stack, t);
        } catch {
          // The framework refuses it: the shortcut must not take it either.
          expect(settlePlainDocument(copy(t))).toBe(false);
          return;
        }
        const mine = copy(t);
        if (settlePlainDocument(mine)) expect(mine).toStrictEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

/** A copy of the containers of a tree (arrays and plain objects); anything else is shared. */
function copy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copy);
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = copy((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
