import {
  GENERATED_KEY_SPECIALS,
  SHARED_KEY_LENGTH,
  sharedKeyLengthViolation,
  sharedKeyViolation,
} from "../../../core/azure/shared-key";

describe("shared keys", () => {
  it.each([
    ["a", undefined],
    ["x".repeat(128), undefined],
    ["Abc-123_!#$%{}", undefined], // hyphens are accepted in practice
    ["", { kind: "length", length: 0, min: 1, max: 128 }],
    ["x".repeat(129), { kind: "length", length: 129, min: 1, max: 128 }],
    ["ab cd", { kind: "character", position: 3 }],
    ["abc~", { kind: "character", position: 4 }],
    ["a\tb", { kind: "character", position: 2 }],
    ["é", { kind: "character", position: 1 }],
  ])("%j -> %j", (key, expected) => {
    expect(sharedKeyViolation(key)).toEqual(expected);
  });

  it("checks lengths for generated keys", () => {
    expect(SHARED_KEY_LENGTH).toEqual({ min: 1, max: 128 });
    expect(sharedKeyLengthViolation(32)).toBeUndefined();
    expect(sharedKeyLengthViolation(0)?.kind).toBe("length");
    expect(sharedKeyLengthViolation(1.5)?.kind).toBe("length");
  });

  it("generates keys only from characters Azure accepts, without hyphen", () => {
    expect(sharedKeyViolation(GENERATED_KEY_SPECIALS)).toBeUndefined();
    expect(GENERATED_KEY_SPECIALS).not.toMatch(/[-~ "'\\]/);
  });
});
