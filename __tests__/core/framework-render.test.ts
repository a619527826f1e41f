// renderStack and resolveFragment against cdktf's own resolve and toTerraform(): named cases of every
// kind of value (at several depths, with the number of times lazy values are produced), whole stacks
// with iterators, dynamic blocks, overrides, modules and cross-stack references, and stack overrides
// held by reference (the document must be a copy, as cdktf's is).
import {
  AzurermBackend,
  DataTerraformRemoteStateAzurerm,
  Fn,
  Lazy,
  Op,
  TerraformCount,
  TerraformHclModule,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformVariable,
  Token,
  conditional,
  propertyAccess,
  ref,
} from "cdktf";
// eslint-disable-next-line @typescript-eslint/no-require-imports
import tokens = require("cdktf/lib/_tokens");
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { PublicIp } from "@cdktf/provider-azurerm/lib/public-ip";
import { DataAzurermSubscription } from "@cdktf/provider-azurerm/lib/data-azurerm-subscription";
import { App, TerraformStack, renderStack, resolveFragment } from "../../core/framework";

const originalResolve = tokens.resolve;
const outcome = (f: () => unknown): { value?: unknown; error?: string } => {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};
const stack = new TerraformStack(new App(), "s");
const sv = new TerraformVariable(stack, "sv", { type: "string" });
const lv = new TerraformVariable(stack, "lv", { type: "list(string)" });
const mv = new TerraformVariable(stack, "mv", { type: "map(string)" });
const nv = new TerraformVariable(stack, "nv", { type: "number" });
const ov = new TerraformVariable(stack, "ov", { type: "any" });
const vnet = new VirtualNetwork(stack, "vnet", {
  name: "v",
  resourceGroupName: "rg",
  location: "l",
  addressSpace: ["10.0.0.0/16"],
});
const local = new TerraformLocal(stack, "loc", { a: 1 });
const listIt = TerraformIterator.fromList(lv.listValue);
const mapIt = TerraformIterator.fromMap(mv.value);
const complexIt = TerraformIterator.fromComplexList(vnet.subnet, "name");
const count = TerraformCount.of(nv.numberValue);
const numStr = String(nv.numberValue);

let lazyCalls = 0;
const lazy = (v: unknown) =>
  Lazy.anyValue({
    produce: () => {
      lazyCalls++;
      return v;
    },
  });

const cases: Record<string, () => unknown> = {
  iteratorValue: () => ({ a: listIt.value, b: listIt.key, c: mapIt.getString("x"), d: [mapIt.value] }),
  dynamicBlock: () => ({
    subnet: listIt.dynamic({
      name: listIt.value,
      prefix: Fn.cidrsubnet("10.0.0.0/8", 8, Token.asNumber(listIt.key)),
    }),
  }),
  dynamicComplex: () => ({
    x: complexIt.dynamic({ n: complexIt.getString("name"), id: complexIt.getString("id") }),
  }),
  iteratorForExpression: () => ({
    l: listIt.forExpressionForList("val"),
    m: mapIt.forExpressionForMap("key", "val"),
    k: listIt.keys(),
    v: listIt.values(),
  }),
  complexComputedList: () => ({
    s: vnet.subnet.get(0).id,
    all: vnet.subnet,
    first: [vnet.subnet.get(0).name, "x"],
  }),
  fnJoinNested: () => ({
    j: Fn.join("-", [sv.stringValue, Fn.lower(Fn.join(",", lv.listValue))]),
    esc: Fn.join("$${x}", ["${y}", sv.stringValue]),
  }),
  fnLookup: () => ({ l: Fn.lookup(mv.value, "k", "d"), ln: Fn.lookupNested(ov.value, ["a", 0, "b"]) }),
  fnJsonencode: () => ({
    j: Fn.jsonencode({
      a: [sv.stringValue, nv.numberValue, { b: lv.listValue, c: undefined }],
      "$${k}": "${v}",
    }),
  }),
  fnRawString: () => ({
    r: Fn.rawString("${not.interpolated} $${x}"),
    r2: `a ${Fn.rawString("${a}")} ${sv.stringValue}`,
  }),
  conditional: () => ({ c: conditional(Op.eq(nv.numberValue, 1), sv.stringValue, "${literal}") }),
  escapes: () => ({
    a: `$\${x} ${sv.stringValue} $\${y}`,
    b: "$${x} ${y}",
    c: `\${${sv.stringValue}}`,
    d: `${sv.stringValue}}}`,
    e: `{{${sv.stringValue}`,
  }),
  numberTokensInStrings: () => ({
    a: numStr,
    b: `n=${numStr}`,
    c: numStr.replace("e+", "e"),
    d: numStr.replace("e+", "E+"),
    e: `${numStr}${numStr}`,
    f: `${nv.numberValue}-${nv.numberValue}`,
    g: `${count.index}`,
    h: Token.asString(nv.numberValue),
    i: `x${numStr.slice(1)}`,
    j: `-${numStr}`,
  }),
  numberTokensPlain: () => ({
    a: nv.numberValue,
    b: [nv.numberValue, 1],
    c: Token.asNumberList(lv.value),
    d: count.index,
  }),
  listTokensNested: () => ({
    a: { b: { c: lv.listValue } },
    d: [lv.listValue],
    e: [[...lv.listValue]],
    f: Token.asList(ov.value),
  }),
  listTokenConcat: () => ({ a: [...lv.listValue, "x"] }),
  listTokenScalar: () => ({ a: lv.listValue[0] }),
  mapTokens: () => ({
    a: Token.asStringMap(mv.value),
    b: Token.asAnyMap(ov.value),
    c: Token.asNumberMap(ov.value),
    d: { ...Token.asStringMap(mv.value), extra: "x" },
  }),
  mapTokenValue: () => ({ a: Token.STRING_MAP_TOKEN_VALUE }),
  keysThatAreTokens: () => ({ [sv.stringValue]: 1, [`k-${sv.stringValue}`]: { [numStr]: 2 }, plain: 3 }),
  keysClashing: () => ({ [Token.asString(lazy("a"))]: 1, a: 2 }),
  keyListToken: () => ({ [lv.listValue[0]]: 1 }),
  keyNumber: () => ({ [numStr]: 1 }),
  resolvablePlainObject: () => ({
    r: { resolve: () => ({ x: sv.stringValue, y: [lv.listValue], z: { resolve: () => nv.numberValue } }) },
  }),
  lazyNested: () => ({
    l: lazy({ a: lazy([lazy("x"), undefined]), b: lazy(undefined) }),
    m: [lazy(1), lazy(undefined)],
  }),
  lazyReturningFn: () => ({ l: lazy(() => 1) }),
  lazyReturningConstruct: () => ({ l: lazy(vnet) }),
  propertyAccessRef: () => ({
    p: propertyAccess(vnet, ["subnet", 0, "id"]),
    r: ref("var.sv"),
    e: Token.asString(local.expression),
  }),
  sparse: () => {
    const a: unknown[] = ["a"];
    a[5] = sv.stringValue;
    a[7] = "b";
    const b: unknown[] = [];
    b[2] = "x";
    return { a, b };
  },
  sparseNoToken: () => {
    const a: unknown[] = [];
    a[3] = { x: undefined };
    return a;
  },
  protoKey: () => JSON.parse('{"__proto__": {"x": "${TfToken[TOKEN.0]}"}, "y": {"__proto__": [1]}}'),
  protoKeyToken: () => ({ a: JSON.parse(`{"__proto__": "${sv.stringValue.replace(/"/g, "")}", "b": 1}`) }),
  symbolKeys: () => ({ [Symbol("s")]: sv.stringValue, a: { [Symbol.iterator]: 1, b: 2 } }),
  nonEnumerable: () =>
    Object.defineProperty({ a: 1 }, "hidden", { value: sv.stringValue, enumerable: false }),
  frozen: () =>
    Object.freeze({ a: Object.freeze([sv.stringValue, undefined, "x"]), b: Object.freeze({ c: undefined }) }),
  arrayExtraProps: () => Object.assign(["a", sv.stringValue], { extra: sv.stringValue, 5: "five" }),
  typed: () => ({ t: new Uint8Array([1, 2]), f: new Float64Array([nv.numberValue]) }),
  mapSet: () => ({ m: new Map([["a", 1]]), s: new Set([1]) }),
  dateAndBoxed: () => ({ d: new Date(0), s: new String("x"), n: new Number(1), b: new Boolean(false) }),
  nullProto: () => ({ a: Object.assign(Object.create(null), { b: sv.stringValue, c: undefined }) }),
  classInstance: () => ({
    a: new (class {
      x = sv.stringValue;
      y = undefined;
    })(),
  }),
  arraySubclass: () => ({ a: new (class extends Array {})() }),
  constructLike: () => ({ a: { _children: {}, _metadata: [] } }),
  construct: () => ({ a: vnet }),
  fn: () => ({ a: () => 1 }),
  bigint: () => ({ a: 10n }),
  symbolValue: () => ({ a: Symbol("x") }),
  infinities: () => ({ a: Infinity, b: -Infinity, c: NaN, d: -0, e: 1e300, f: -1e300, g: Number.MAX_VALUE }),
  mapValueNumber: () => ({ a: Token.NUMBER_MAP_TOKEN_VALUE }),
  strangeStrings: () => ({
    a: "TfToken[",
    b: "${TfToken[",
    c: "${TfToken[NOPE.1]}",
    d: "#{TfToken[NOPE.1]}",
    e: "&{TfToken[NOPE.1]}",
    f: "1e+289",
    g: "-1.8881545897087626e+289",
    h: "1e5",
    i: "e1e",
    j: "|e|",
    k: "\u0000${TfToken[x]}",
  }),
  unknownNumberToken: () => ({ a: -1.8881545897087626e289 }),
  unknownNumberTokenStr: () => ({ a: "x -1.8881545897087626e+289" }),
  cycle: () => {
    const o: any = { a: 1 };
    o.self = o;
    return o;
  },
  cycleArray: () => {
    const a: any[] = [1];
    a.push(a);
    return { a };
  },
  listTokenInCycle: () => {
    const o: any = { l: lv.listValue };
    o.self = [o];
    return o;
  },
};

describe("resolveFragment vs the framework's resolve, named cases", () => {
  for (const [name, make] of Object.entries(cases)) {
    for (const depth of [0, 150, 199, 200]) {
      it(`${name} at depth ${depth}`, () => {
        const wrap = (v: unknown) => {
          for (let i = 0; i < depth; i++) v = i % 3 === 0 ? [v] : { [`k${i}`]: v };
          return v;
        };
        const input = wrap(make());
        lazyCalls = 0;
        const expected = outcome(() => originalResolve(stack, input));
        const le = lazyCalls;
        lazyCalls = 0;
        const mine = outcome(() => resolveFragment(stack, input));
        expect(lazyCalls).toBe(le);
        // A token made while resolving (a dynamic block's) records the stack it was made on, which
        // differs; the error itself is the same.
        const strip = (o: { value?: unknown; error?: string }) =>
          o.error ? { error: o.error.split("\nObject creation stack")[0] } : o;
        expect(strip(mine)).toStrictEqual(strip(expected));
      });
    }
  }
});

let stackLazyCalls = 0;

function buildApp() {
  const app = new App();
  const a = new TerraformStack(app, "a");
  const b = new TerraformStack(app, "b");
  new AzurermBackend(a, {
    resourceGroupName: "tf",
    storageAccountName: "tfsa",
    containerName: "c",
    key: "a",
  });
  new AzurermProvider(a, "azurerm", { features: [{}] });
  new AzurermProvider(a, "azurerm2", {
    features: [{}],
    alias: "second",
    subscriptionId: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  });
  new AzurermProvider(b, "azurerm", { features: [{}] });

  const names = new TerraformVariable(a, "names", { type: "list(string)", default: ["x", "y"] });
  const tagsVar = new TerraformVariable(a, "tags", { type: "map(string)", sensitive: true });
  const n = new TerraformVariable(a, "n", {
    type: "number",
    default: 2,
    validation: [{ condition: "${var.n > 0}", errorMessage: "positive" }],
  });
  const rules = new TerraformVariable(a, "rules", { type: "map(object({priority=number, port=string}))" });
  const sub = new DataAzurermSubscription(a, "sub", {});

  const rgIt = TerraformIterator.fromList(names.listValue);
  const rgs = new ResourceGroup(a, "rgs", {
    forEach: rgIt,
    name: `rg-${rgIt.value}`,
    location: "westeurope",
    tags: {
      idx: Token.asString(rgIt.key),
      sub: sub.displayName,
      escaped: "$${literal} ${Token}",
      n: `${n.numberValue}`,
    },
    lifecycle: { createBeforeDestroy: true, ignoreChanges: ["tags"], preventDestroy: false },
  });
  const rg = new ResourceGroup(a, "rg", {
    name: Fn.lookup(tagsVar.value, "rg", "rg-default"),
    location: Fn.join("", [Fn.lower("WEST"), "europe"]),
    tags: Token.asStringMap(tagsVar.value),
    provider: undefined,
  });
  rg.importFrom("/subscriptions/x/resourceGroups/rg");
  const count = TerraformCount.of(n.numberValue);
  const vnet = new VirtualNetwork(a, "vnet", {
    count,
    name: `vnet-${count.index}`,
    resourceGroupName: rg.name,
    location: rg.location,
    addressSpace: [Fn.cidrsubnet("10.0.0.0/8", 8, Token.asNumber(count.index))],
    dnsServers: Token.asList(Fn.concat([["10.0.0.4"], names.listValue])),
    bgpCommunity: Token.asString(
      Lazy.stringValue({
        produce: () => {
          stackLazyCalls++;
          return "12076:20000";
        },
      }),
    ),
    dependsOn: [rg, rgs],
    lifecycle: {
      replaceTriggeredBy: [rg.id],
      precondition: [{ condition: Op.gt(n.numberValue, 0), errorMessage: "n" }],
      postcondition: [{ condition: '${self.name != ""}', errorMessage: "empty" }],
    },
    tags: {
      joined: Fn.join(",", Fn.keys(tagsVar.value)),
      nested: Fn.jsonencode({ a: [n.numberValue, rg.name], b: { c: tagsVar.value } }),
    },
  });
  vnet.addOverride("subnet", [{ name: "s1", address_prefix: "10.0.1.0/24", security_group: undefined }]);
  vnet.addOverride("lifecycle.ignore_changes", ["tags", "subnet"]);
  vnet.addOverride("timeouts.create", `${n.numberValue}m`);
  vnet.addOverride("tags.extra", ["a", undefined, "1e5", rg.name]);
  const ruleIt = TerraformIterator.fromMap(rules.value);
  new NetworkSecurityGroup(a, "nsg", {
    name: "nsg",
    resourceGroupName: rg.name,
    location: rg.location,
    securityRule: ruleIt.dynamic({
      name: ruleIt.key,
      priority: ruleIt.getNumber("priority"),
      direction: "Inbound",
      access: "Allow",
      protocol: "Tcp",
      sourcePortRange: "*",
      destinationPortRange: ruleIt.getString("port"),
      sourceAddressPrefix: "*",
      destinationAddressPrefix: "*",
    }),
    provisioners: [{ type: "local-exec", command: `echo ${rg.name} $` + "${HOME}", when: "destroy" }],
    connection: { type: "ssh", host: rg.location, user: "u" },
  });
  const subnetIt = TerraformIterator.fromResources(rgs);
  const subnets = new Subnet(a, "subnets", {
    forEach: subnetIt,
    name: Token.asString(subnetIt.getString("name")),
    resourceGroupName: rg.name,
    virtualNetworkName: subnetIt.getString("name"),
    count: undefined,
    addressPrefixes: [Fn.cidrsubnet(Fn.element(Token.asList(vnet.addressSpace), 0), 8, 1)],
  });
  subnets.moveFromId("azurerm_subnet.old");
  const pip = new PublicIp(a, "pip", {
    name: Token.asString(conditional(Op.eq(n.numberValue, 2), "two", "other")),
    resourceGroupName: rg.name,
    location: rg.location,
    allocationMethod: "Static",
    zones: names.listValue,
    ipTags: { [Token.asString(rg.name)]: "x" } as Record<string, string>,
    provider: undefined,
  });
  pip.addOverride("provider", "azurerm.second");
  new TerraformLocal(a, "complex", {
    first: propertyAccess(vnet, ["0", "subnet"]),
    sub0: Token.asString(Fn.tolist(vnet.subnet)),
    list: [names.listValue, [n.numberValue, 1e300]],
    map: { [`k-${n.numberValue}`]: ref("var.n") },
    emptyish: [undefined, {}, [], ""],
    lazyObj: Lazy.anyValue({
      produce: () => ({ deep: [rg.name, { x: undefined, y: Token.asNumber(Fn.lengthOf(names.listValue)) }] }),
    }),
  });
  new TerraformHclModule(a, "mod", {
    source: "Azure/network/azurerm",
    version: "5.3.0",
    variables: {
      vnet_ids: vnet.fqn + ".*.id",
      n: n.numberValue,
      names: names.listValue,
      obj: { a: rg.name },
    },
    forEach: rgIt,
    providers: [],
  });
  new TerraformOutput(a, "out_sensitive", { value: tagsVar.value, sensitive: true });
  new TerraformOutput(a, "out_list", { value: Fn.flatten([names.listValue, [rg.id]]), dependsOn: [rg] });
  new TerraformOutput(a, "out_num", {
    value: Token.asNumber(Fn.max([n.numberValue, 3])),
    precondition: { condition: "${true}", errorMessage: "x" },
  });
  a.addOverride("terraform.required_version", ">= 1.5");
  a.addOverride("locals.stack_level", { k: rg.name, l: [n.numberValue], m: { deep: [{ x: "y" }] } });

  // stack b: cross-stack references and remote state
  const rgB = new ResourceGroup(b, "rgb", { name: rg.name, location: vnet.location });
  new VirtualNetworkPeering(b, "peer", {
    name: `peer-${rg.name}`,
    resourceGroupName: rgB.name,
    virtualNetworkName: Fn.element(Token.asList(propertyAccess(vnet, ["*", "name"])), 0),
    remoteVirtualNetworkId: Token.asString(propertyAccess(vnet, ["0", "id"])),
  });
  const rs = new DataTerraformRemoteStateAzurerm(b, "rs", {
    resourceGroupName: "tf",
    storageAccountName: "sa",
    containerName: "c",
    key: "k",
    defaults: { x: 1 },
  });
  new TerraformOutput(b, "from_rs", { value: rs.getString("vnet_id") });
  new TerraformOutput(b, "from_a", { value: rgs.fqn, sensitive: true });
  b.addOverride("output.extra", { value: rs.getList("ids") });
  return { app, stacks: [a, b] };
}

describe("whole stacks", () => {
  it("renderStack equals toTerraform, with the same lazy calls", () => {
    const { stacks } = buildApp();
    for (const s of stacks) s.prepareStack();
    for (const s of stacks) {
      stackLazyCalls = 0;
      const expected = outcome(() => s.toTerraform());
      const le = stackLazyCalls;
      stackLazyCalls = 0;
      const mine = outcome(() => renderStack(s));
      expect(stackLazyCalls).toBe(le);
      expect(mine).toStrictEqual(expected);
      expect(JSON.stringify(mine)).toBe(JSON.stringify(expected));
    }
    // the same again (idempotence, after a first render)
    for (const s of stacks)
      expect(outcome(() => renderStack(s))).toStrictEqual(outcome(() => s.toTerraform()));
  });

  it("synth through the App and renderStack agree", () => {
    const { app, stacks } = buildApp();
    app.synth();
    for (const s of stacks)
      expect(outcome(() => renderStack(s))).toStrictEqual(outcome(() => s.toTerraform()));
  });
});

describe("stack overrides held by reference", () => {
  /** The document of a stack with `overrides` applied, by renderStack and by toTerraform(). */
  const compare = (overrides: (s: TerraformStack) => void) => {
    const s = new TerraformStack(new App(), "s");
    new TerraformLocal(s, "x", 1);
    overrides(s);
    s.prepareStack();
    return { expected: outcome(() => s.toTerraform()), mine: outcome(() => renderStack(s)) };
  };

  it("answers as toTerraform() for values the last pass must decide", () => {
    const v = new TerraformVariable(new TerraformStack(new App(), "v"), "v", { type: "string" });
    const cases: ((s: TerraformStack) => void)[] = [
      // An absent element before one the framework must resolve (a number in exponent form, a token).
      (s) => s.addOverride("locals.l", [undefined, "x", "1e5"]),
      (s) => s.addOverride("locals.l", ["a", undefined, "b", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"]),
      // Frozen containers, also with an absent value.
      (s) => s.addOverride("locals.dns", Object.freeze(["10.0.0.4"])),
      (s) => s.addOverride("locals.l", [Object.freeze({ a: 1, b: undefined })]),
      // What the framework refuses: an object it takes for a construct, a bad key of an absent value.
      (s) => s.addOverride("locals.c", { _children: 1, _metadata: 1 }),
      (s) => s.addOverride("locals.l", [{ [Token.asList(v.value)[0]]: undefined, a: 1 }]),
      (s) => s.addOverride("locals.l", [{ [Token.STRING_MAP_TOKEN_VALUE]: undefined, a: 1 }]),
      // An own `__proto__` key becomes the copy's prototype in the framework's pass.
      (s) => s.addOverride("locals.l", [JSON.parse('{"__proto__":{"x":1},"y":2}')]),
    ];
    for (const c of cases) {
      const { expected, mine } = compare(c);
      expect(mine).toStrictEqual(expected);
      expect(JSON.stringify(mine)).toBe(JSON.stringify(expected));
    }
  });

  it("neither shares nor edits what the stack's overrides hold", () => {
    const s = new TerraformStack(new App(), "s");
    new TerraformLocal(s, "x", 1);
    const list: unknown[] = ["a", undefined, "b"];
    const map: Record<string, unknown> = { k: 1, gone: undefined };
    s.addOverride("locals.list", list);
    s.addOverride("locals.map", [map]);
    s.prepareStack();
    const rendered = renderStack(s) as { locals: { list: unknown[]; map: unknown[] } };
    expect(rendered.locals.list).toEqual(["a", "b"]);
    expect(rendered.locals.list).not.toBe(list);
    expect(rendered.locals.map[0]).not.toBe(map);
    // The user's values are as they were, and a later change to them does not reach the rendered document.
    expect(list).toEqual(["a", undefined, "b"]);
    expect(Object.keys(map)).toEqual(["k", "gone"]);
    list.push("c");
    expect(rendered.locals.list).toEqual(["a", "b"]);
  });
});
