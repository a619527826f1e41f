import { BoundScope, Scope, evaluate } from "../../../policies/input/evaluate";
import {
  ExpressionSyntaxError,
  MAX_NESTING,
  parseExpression,
  parseTemplate,
} from "../../../policies/input/expression";
import {
  EvalError,
  Namespace,
  RefValue,
  UnknownValue,
  Value,
  fromJson,
  isKnown,
  toJson,
} from "../../../policies/input/values";

/** A scope with `var` (given values), `local` and an unknown `var.secret`. */
function scope(vars: Record<string, unknown> = {}, bindings: Record<string, unknown> = {}): Scope {
  const base: Scope = {
    root: (name) => {
      if (name === "var") {
        return new Namespace("var", (n) =>
          n in vars
            ? fromJson(vars[n])
            : new UnknownValue(`var.${n}`, `no value was given for variable ${n}`),
        );
      }
      throw new EvalError(`${name} is not declared`);
    },
    deref: (v) => v,
  };
  const bound = Object.entries(bindings).map(([k, v]): [string, Value] => [
    k,
    v instanceof RefValue ? v : fromJson(v),
  ]);
  return new BoundScope(base, new Map(bound));
}

const tpl = (text: string, s: Scope = scope()): Value => evaluate(parseTemplate(text), s);
const expr = (text: string, s: Scope = scope()): Value => evaluate(parseExpression(text), s);
const json = (v: Value) => JSON.parse(JSON.stringify(toJson(v)));

describe("templates (Terraform JSON strings)", () => {
  test("a lone interpolation keeps its value; text around it makes a string", () => {
    expect(json(tpl("${[1, 2]}"))).toEqual([1, 2]);
    expect(tpl("spoke-${1 + 1}")).toBe("spoke-2");
    expect(tpl("plain")).toBe("plain");
  });

  test("escapes: $${ and %%{ are literal", () => {
    expect(tpl("$${not} %%{x}")).toBe("${not} %{x}");
  });

  test("directives: if / else / for, with strip markers", () => {
    expect(tpl("%{ if true }yes%{ else }no%{ endif }")).toBe("yes");
    expect(tpl("%{ for x in [1, 2] }<${x}>%{ endfor }")).toBe("<1><2>");
    expect(tpl("a  ${~ 1 ~}  b")).toBe("a1b");
  });

  test("an unknown part makes the whole string unknown, written back as a template", () => {
    const v = tpl("spoke-${var.secret}");
    expect(v).toBeInstanceOf(UnknownValue);
    expect(toJson(v)).toBe("spoke-${var.secret}");
  });
});

describe("expressions", () => {
  test.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["10 % 4", 2],
    ["-(2)", -2],
    ["!false", true],
    ['"a" == "a" && 1 != 2', true],
    ['1 < 2 ? "yes" : "no"', "yes"],
    ['[for s in ["a", "b"] : upper(s)]', ["A", "B"]],
    ["{for k, v in {a = 1, b = 2} : k => v * 10 if v > 1}", { b: 20 }],
    ['{for s in ["x", "y", "x"] : s => s...}', { x: ["x", "x"], y: ["y"] }],
    ["[{a = 1}, {a = 2}][*].a", [1, 2]],
    ['{ "x-y" = 1, z: 2 }', { "x-y": 1, z: 2 }],
    ["[1, 2, 3].1", 2],
    ['<<EOT\nhello ${"world"}\nEOT', "hello world\n"],
    ["<<-EOT\n    indented\n  EOT", "indented\n"],
  ])("%s", (text, expected) => {
    expect(json(expr(text))).toEqual(expected);
  });

  test("references bound in the scope (count.index, each.key/each.value)", () => {
    const s = scope({}, { count: { index: 1 }, each: { key: "a", value: { space: "10.1.0.0/16" } } });
    expect(expr('"spoke-${count.index}"', s)).toBe("spoke-1");
    expect(expr("each.value.space", s)).toBe("10.1.0.0/16");
    expect(expr('"${each.key}"', s)).toBe("a");
  });

  test("variables with values; without a value, unknown (never guessed)", () => {
    const s = scope({ spaces: ["10.0.0.0/16"], n: "2" });
    expect(json(expr("var.spaces", s))).toEqual(["10.0.0.0/16"]);
    expect(expr("var.n + 1", s)).toBe(3);
    const u = expr("cidrsubnet(var.secret, 8, 1)", s);
    expect(u).toBeInstanceOf(UnknownValue);
    expect((u as UnknownValue).expr).toBe("cidrsubnet(var.secret, 8, 1)");
  });

  test("errors Terraform would report are errors, not values", () => {
    expect(() => expr("[1, 2][5]")).toThrow(EvalError);
    expect(() => expr('{a = 1}["b"]')).toThrow(EvalError);
    expect(() => expr("nosuchfunction(1)")).toThrow(/not supported/);
    expect(() => expr("undeclared.x")).toThrow(EvalError);
  });

  test("syntax errors are refused with their offset", () => {
    expect(() => parseExpression("1 +")).toThrow(ExpressionSyntaxError);
    expect(() => parseTemplate("${ unclosed")).toThrow(ExpressionSyntaxError);
  });

  test("nesting beyond the limit is refused, not a stack overflow", () => {
    const deep = "[".repeat(5_000) + "]".repeat(5_000);
    expect(() => parseExpression(deep)).toThrow(new RegExp(`deeper than ${MAX_NESTING}`));
    const parens = "(".repeat(100_000) + "1" + ")".repeat(100_000);
    expect(() => parseExpression(parens)).toThrow(ExpressionSyntaxError);
  });

  test("object keys are ordinary names, __proto__ and constructor included", () => {
    const v = expr('{ __proto__ = 1, constructor = 2 }["__proto__"]');
    expect(v).toBe(1);
    expect(expr('lookup({constructor = "x"}, "constructor")')).toBe("x");
    expect(() => expr('lookup({}, "constructor")')).toThrow(EvalError);
    expect(() => expr("constructor(1)")).toThrow(/not supported/);
  });
});

describe("functions", () => {
  test.each([
    // Examples from Terraform's function documentation.
    ['cidrsubnet("172.16.0.0/12", 4, 2)', "172.18.0.0/16"],
    ['cidrsubnet("10.1.2.0/24", 4, 15)', "10.1.2.240/28"],
    ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', "fd00:fd12:3456:7800:a200::/72"],
    ['cidrhost("10.12.112.0/20", 16)', "10.12.112.16"],
    ['cidrhost("10.12.112.0/20", 268)', "10.12.113.12"],
    ['cidrhost("10.0.0.0/24", -1)', "10.0.0.255"],
    ['cidrnetmask("172.16.0.0/12")', "255.240.0.0"],
    [
      'cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)',
      ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"],
    ],
    [
      'cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)',
      [
        "fd00:fd12:3456:7800::/72",
        "fd00:fd12:3456:7800:100::/72",
        "fd00:fd12:3456:7800:200::/72",
        "fd00:fd12:3456:7800:300::/88",
      ],
    ],
    ['tolist(toset(["b", "a", "b"]))', ["a", "b"]],
    ['concat(["a"], ["b", "c"])', ["a", "b", "c"]],
    ['flatten([["a", ["b"]], [], ["c"]])', ["a", "b", "c"]],
    ["merge({a = 1, b = 2}, {b = 3})", { a: 1, b: 3 }],
    ['lookup({a = "x"}, "b", "default")', "default"],
    ['element(["a", "b", "c"], 4)', "b"],
    ['format("spoke-%02d-%s", 3, "x")', "spoke-03-x"],
    ['join(",", ["a", "b"])', "a,b"],
    ['split(",", "a,b")', ["a", "b"]],
    ['replace("hello-world", "-", "_")', "hello_world"],
    ['replace("a1b22", "/[0-9]+/", "#")', "a#b#"],
    ['lower("ABC")', "abc"],
    ['upper("abc")', "ABC"],
    ['try([1][5], "fallback")', "fallback"],
    ['coalesce("", "b")', "b"],
    ["length({a = 1, b = 2})", 2],
    ["keys({b = 1, a = 2})", ["a", "b"]],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
    ["range(3)", [0, 1, 2]],
    ["can([1][5])", false],
  ])("%s", (text, expected) => {
    expect(json(expr(text))).toEqual(expected);
  });

  test("an unknown argument gives an unknown result; collections keep known elements", () => {
    expect(expr("cidrsubnet(var.secret, 8, 1)")).toBeInstanceOf(UnknownValue);
    const list = expr('concat(["a"], [var.secret])') as Value[];
    expect(list[0]).toBe("a");
    expect(list[1]).toBeInstanceOf(UnknownValue);
    expect(isKnown(list)).toBe(false);
  });

  test("CIDR functions refuse what Terraform refuses", () => {
    expect(() => expr('cidrsubnet("10.0.0.0/30", 4, 1)')).toThrow(EvalError);
    expect(() => expr('cidrsubnet("10.0.0.0/16", 2, 4)')).toThrow(EvalError);
    expect(() => expr('cidrhost("10.0.0.0/30", 4)')).toThrow(EvalError);
    expect(() => expr('cidrsubnets("10.0.0.0/30", 1, 1, 1)')).toThrow(/not enough/);
    expect(() => expr('cidrnetmask("fd00::/8")')).toThrow(EvalError);
  });
});

describe("references", () => {
  test("a reference to a resource instance stays a reference, written as its address", () => {
    const target = { address: "azurerm_virtual_network.spoke[0]", configured: () => undefined };
    const s = scope({}, { ref: new RefValue(target, []) as unknown });
    // Bound as a value of the scope: attribute steps extend the reference.
    const v = evaluate(parseExpression("ref.id"), s);
    expect(v).toBeInstanceOf(RefValue);
    expect(toJson(v)).toBe("${azurerm_virtual_network.spoke[0].id}");
  });
});
