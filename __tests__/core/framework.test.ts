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
import * as privateResolve from "cdktf/lib/tokens/private/resolve";
// The module object renderStack swaps `resolve` on, and the framework's own resolve.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tokens = require("cdktf/lib/_tokens");
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { DataAzurermResourceGroup } from "@cdktf/provider-azurerm/lib/data-azurerm-resource-group";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import {
  App,
  TerraformStack,
  isUnresolved,
  renderStack,
  resolveFragment,
  settlePlainDocument,
} from "../../core/framework";
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

  it("answers what toTerraform() answers, handing the framework's resolve only the values that need it", () => {
    const app = new App();
    const plain = busyStack(app, "plain");
    const overridden = busyStack(app, "overridden");
    // Raw stack overrides (here with a token) are merged before the last pass.
    overridden.addOverride("terraform.required_version", `>= ${Token.asString(Fn.abs(1))}`);
    const cloud = busyStack(app, "cloud");
    new CloudBackend(cloud, { organization: "org", workspaces: new NamedCloudWorkspace("net") });
    // Literal values that look like parts of tokens: left to the framework's resolve.
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
    // cdktf's resolve of a whole fragment or document is never called: it gets the values that need it,
    // at their key paths (the merged document's values again only where it is not plain data).
    const handedOver = (s: TerraformStack) => {
      let whole = 0;
      tokens.resolve = function <T>(scope: any, obj: T, preparing?: boolean): T {
        whole++;
        return originalResolve(scope, obj, preparing);
      };
      const spy = jest.spyOn(privateResolve, "resolve");
      try {
        renderStack(s);
        expect(whole).toBe(0);
        for (const [, options] of spy.mock.calls) {
          expect(options.scope).toBe(s);
          expect(options.preparing).toBe(false);
        }
        return spy.mock.calls.map(([value, options]) => ({ value, at: options.prefix!.join("/") }));
      } finally {
        spy.mockRestore();
        tokens.resolve = originalResolve;
      }
    };
    const inPlain = handedOver(plain);
    expect(inPlain).toContainEqual({
      value: expect.stringContaining("TfToken["),
      at: "output/subnet_id/value",
    });
    expect(inPlain.filter((c) => c.at === "" || c.at.startsWith("//"))).toEqual([]);
    // The stack override's token, in the merged document.
    expect(handedOver(overridden)).toContainEqual({
      value: expect.stringContaining(">= ${TfToken["),
      at: "terraform/required_version",
    });
    // Look-alike literals, in the element's fragment and again in the merged document.
    const inLookalike = handedOver(lookalike).filter((c) => c.at.startsWith("locals/odd"));
    expect(inLookalike).toEqual([
      { value: "TfToken[ e+289", at: "locals/odd/text" },
      { value: 1e300, at: "locals/odd/n" },
      { value: "TfToken[ e+289", at: "locals/odd/text" },
      { value: 1e300, at: "locals/odd/n" },
    ]);
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

describe("resolveFragment", () => {
  const stack = new TerraformStack(new App(), "s");
  const variable = new TerraformVariable(stack, "v", { type: "string" });
  const listVariable = new TerraformVariable(stack, "l", { type: "list(string)" });
  const mapVariable = new TerraformVariable(stack, "m", { type: "map(string)" });
  const numberVariable = new TerraformVariable(stack, "n", { type: "number" });
  const numberToken = numberVariable.numberValue;
  class Settings {
    public readonly size = 3;
  }
  const bare = Object.assign(Object.create(null), { a: 1 });

  /** Strings made of the characters the framework's number and token scans look at. */
  const tricky = fc
    .array(
      fc.constantFrom("e", "E", "1", "9", "+", "-", ".", "|", "a", " ", "{", "}", "$", "TfToken[", "]}"),
      { maxLength: 8 },
    )
    .map((parts) => parts.join(""));
  /** Values the framework refuses: rarer, so that most trees are answered and compared. */
  const refused = fc.constantFrom<unknown>(
    Token.STRING_MAP_TOKEN_VALUE,
    Token.ANY_MAP_TOKEN_VALUE,
    Token.NUMBER_MAP_TOKEN_VALUE,
    () => "a function",
    stack,
    // A plain object the framework takes for a construct.
    { _children: {}, _metadata: [] },
  );
  const leaf = fc.oneof(
    { arbitrary: fc.string(), weight: 2 },
    { arbitrary: tricky, weight: 2 },
    {
      arbitrary: fc.constantFrom(
        "${var.x}",
        "$${literal}",
        "1e+250",
        "spoke1e",
        "x-1e5",
        "10.0.0.0/16",
        variable.stringValue,
        `prefix-${variable.stringValue}-${variable.stringValue}`,
        String(numberToken),
        `size ${String(numberToken)}`,
        // A number token written without its exponent's sign is still found by the framework.
        `size ${String(numberToken).replace("e+", "e")}`,
        Fn.join("-", ["a", variable.stringValue]),
        Fn.lower(Fn.upper(variable.stringValue)),
      ),
      weight: 2,
    },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.constantFrom(numberToken, 1e300, -0, 0, Number.NaN, Infinity), weight: 1 },
    { arbitrary: fc.oneof(fc.boolean(), fc.constant(null), fc.constant(undefined)), weight: 1 },
    {
      arbitrary: fc.constantFrom<unknown>(
        listVariable.listValue,
        Token.asNumberList(listVariable.value),
        [...listVariable.listValue, "extra"],
        Token.asStringMap(mapVariable.value),
        { [Token.asString(mapVariable.value)]: "x" },
        Lazy.stringValue({ produce: () => "lazy" }),
        Lazy.anyValue({
          produce: () => ({ nested: [variable.stringValue, undefined, "x"], n: numberToken }),
        }),
        new Date(0),
        new Settings(),
        bare,
        10n,
        // A plain object that resolves itself: a token.
        { resolve: () => ({ made: variable.stringValue }) },
      ),
      weight: 2,
    },
    { arbitrary: refused, weight: 1 },
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
    array: fc.array(tie("tree"), { maxLength: 4 }),
    object: fc.dictionary(
      fc.oneof(
        fc.string({ maxLength: 6 }),
        tricky,
        fc.constantFrom("TfToken[", "x e+2", "1e+5", "resolve", "_children", variable.stringValue),
      ),
      tie("tree"),
      { maxKeys: 4 },
    ),
  }));
  /** The tree under `depth` levels of objects and arrays (the framework refuses more than 200). */
  const nested = (t: unknown, depth: number): unknown => {
    let v = t;
    for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { level: v };
    return v;
  };
  const outcome = (f: () => unknown): { value?: unknown; error?: string } => {
    try {
      return { value: f() };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  /** The plain containers (arrays, plain objects) of a tree. */
  const containers = (v: unknown, into = new Set<unknown>()): Set<unknown> => {
    if (Array.isArray(v)) {
      into.add(v);
      for (const x of v) containers(x, into);
    } else if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      into.add(v);
      for (const x of Object.values(v)) containers(x, into);
    }
    return into;
  };

  it("answers as the framework's resolve for any value, errors and their paths included (property)", () => {
    fc.assert(
      fc.property(tree, fc.constantFrom(0, 1, 149, 150, 151, 199, 200, 201), (t, depth) => {
        const input = nested(t, depth);
        const expected = outcome(() => originalResolve(stack, input));
        const mine = outcome(() => resolveFragment(stack, input));
        expect(mine).toStrictEqual(expected);
        // Like the framework's, the answer shares no array or object with what it was given.
        if (mine.value !== undefined) {
          const given = containers(input);
          for (const c of containers(mine.value)) expect(given.has(c)).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("hands the framework only the values that need it, at their key paths", () => {
    const endpoints = listVariable.listValue;
    const network = variable.stringValue;
    const fragment = {
      resource: {
        azurerm_subnet: {
          workload: {
            name: "workload",
            address_prefixes: ["10.1.0.0/24"],
            virtual_network_name: network,
            service_endpoints: endpoints,
            "//": { metadata: { path: "s/workload", uniqueId: "workload" } },
            absent: undefined,
          },
        },
      },
    };
    const expected = originalResolve(stack, fragment);
    const handedOver = jest.spyOn(privateResolve, "resolve");
    try {
      expect(resolveFragment(stack, fragment)).toStrictEqual(expected);
      // (The framework's own recursion does not come through the module's export: these are ours.)
      expect(handedOver.mock.calls.map(([v, o]) => [v, o.prefix, o.preparing])).toEqual([
        [network, ["resource", "azurerm_subnet", "workload", "virtual_network_name"], false],
        [endpoints, ["resource", "azurerm_subnet", "workload", "service_endpoints"], false],
      ]);
    } finally {
      handedOver.mockRestore();
    }
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
