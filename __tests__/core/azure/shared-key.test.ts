import {
  GENERATED_KEY_SPECIALS,
  RANDOM_PASSWORD_DEFAULT_SPECIALS,
  SHARED_KEY_LENGTH,
  generatedKeySpecials,
  sharedKeyCharacterDiscouraged,
  sharedKeyCharacterRefused,
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

describe("shared key characters", () => {
  it("refuses space, tilde and non-printable characters; discourages the hyphen", () => {
    expect([" ", "~", "\t", "\u00e9"].every(sharedKeyCharacterRefused)).toBe(true);
    expect(["-", "!", "}", "a"].some(sharedKeyCharacterRefused)).toBe(false);
    expect(sharedKeyCharacterDiscouraged("-")).toBe(true);
    expect(sharedKeyCharacterDiscouraged("_")).toBe(false);
  });

  it("knows which specials a random_password uses", () => {
    expect(RANDOM_PASSWORD_DEFAULT_SPECIALS).toContain("-");
    expect(generatedKeySpecials(true, undefined)).toBe(RANDOM_PASSWORD_DEFAULT_SPECIALS);
    expect(generatedKeySpecials(true, "!#")).toBe("!#");
    expect(generatedKeySpecials(false, "!#")).toBe("");
    expect([...GENERATED_KEY_SPECIALS].some(sharedKeyCharacterDiscouraged)).toBe(false);
  });
});
