import * as fc from "fast-check";
import { Fn, TerraformVariable, Token } from "cdktf";
import * as encoding from "cdktf/lib/tokens/private/encoding";
import { App, TerraformStack, isUnresolved } from "../../core/framework";

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
