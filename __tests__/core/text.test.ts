/**
 * Text that reaches a terminal or a CI log: control characters escaped, workflow commands
 * neutralised, long values cut.
 */
import { MAX_SHOWN_VALUE, describeValue, quoted, terminalLines, terminalText } from "../../core/text";

describe("terminalText", () => {
  it("escapes newlines, escape sequences, C1 controls, line separators and bidi overrides", () => {
    const t = terminalText("a\nb\r\tc\u001b[31mred\u009b2J\u2028d\u202eevil\u0000");
    expect(t).toBe("a\\nb\\r\\tc\\x1b[31mred\\x9b2J\\u2028d\\u202eevil\\x00");
    // eslint-disable-next-line no-control-regex
    expect(t).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/);
  });

  it("neutralises GitHub workflow commands at the start of a line and Azure Pipelines commands anywhere", () => {
    expect(terminalText("::error file=main.tf,line=1::forged")).toBe(
      "\\x3a:error file=main.tf,line=1::forged",
    );
    expect(terminalText("   ::add-mask::x")).toBe("   \\x3a:add-mask::x");
    expect(terminalText("net ##vso[task.setvariable variable=x]1")).toBe(
      "net \\x23#vso[task.setvariable variable=x]1",
    );
    expect(terminalText("##[error]forged")).toBe("\\x23#[error]forged");
    // Mid-line `::` is not a command: left alone.
    expect(terminalText("[a] error: ::x")).toBe("[a] error: ::x");
  });

  it("a name with a newline and a forged command cannot start a line of its own", () => {
    const t = terminalText("[hub] error: network evil\n::error file=x::owned (10.0.0.0/16)");
    expect(t.split("\n")).toHaveLength(1);
    expect(t).toContain("evil\\n::error");
  });

  it("cuts the middle of a very long line and says how much was cut", () => {
    const t = terminalText(`start ${"x".repeat(10000)} Fix: do this`, 200);
    expect(t.length).toBeLessThan(260);
    expect(t).toMatch(/^start x+… \(\d+ characters cut\) …x+ Fix: do this$/);
  });
});

describe("terminalLines", () => {
  it("keeps the newlines between lines and neutralises each line", () => {
    expect(terminalLines("ok\n::error::x\n\u001b[2Jy")).toBe("ok\n\\x3a:error::x\n\\x1b[2Jy");
  });
});

describe("quoted and describeValue", () => {
  it("quotes a value, escaped and cut with its length", () => {
    expect(quoted("vnet-hub")).toBe("'vnet-hub'");
    const long = quoted("y".repeat(10000));
    expect(long.length).toBeLessThan(MAX_SHOWN_VALUE + 30);
    expect(long).toContain("(10000 characters)");
    expect(quoted("a\nb")).toBe("'a\\nb'");
  });

  it("names the shape of a wrong value, never showing a secret", () => {
    expect(describeValue(null)).toBe("null");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue("10.0.0.0/16")).toBe("a string '10.0.0.0/16'");
    expect(describeValue("hunter2", false)).not.toContain("hunter2");
    expect(describeValue(["a", "b"])).toBe("a list of 2 items");
    expect(describeValue({})).toBe("an object");
    expect(describeValue(5)).toBe("the number 5");
    expect(describeValue(NaN)).toBe("the number NaN");
    expect(describeValue(true)).toBe("the boolean true");
    expect(describeValue({ node: { path: "app/s/x" } })).toBe("the construct 'app/s/x'");
  });
});
