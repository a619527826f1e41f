/**
 * The Resolver reads literal strings and lists without going through `resolve`, and splits a
 * names-only reference at its dots without the traversal expression (fast paths for the check at
 * scale). Each must answer exactly as the general path does.
 */
import fc from "fast-check";
import { Resolver } from "../../../policies/input/terraform-json";

const doc = {
  resource: {
    azurerm_virtual_network: {
      hub: { name: "vnet-hub", address_space: ["10.0.0.0/16"] },
      spoke: { name: "vnet-spoke", address_space: ["10.1.0.0/16"] },
    },
  },
  locals: { spaces: ["10.2.0.0/16"] },
};
const r = new Resolver([{ stack: "s", doc }]);

/** What `str` answered before its fast path: through `resolve`. */
function strOracle(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const x = r.resolve("s", value);
  if (x.kind === "literal")
    return typeof x.value === "string"
      ? x.value
      : x.value === undefined || x.value === null
        ? undefined
        : typeof x.value === "object"
          ? "unknown"
          : String(x.value);
  return "unknown";
}
const plain = (v: unknown) => (v !== null && typeof v === "object" ? "unknown" : v);

/** Strings with the characters templates are made of, escaped or not. */
const templateish = fc
  .array(fc.constantFrom("a", "$", "%", "{", "}", "$${", "%%{", "${local.spaces}", " ", "."), {
    maxLength: 8,
  })
  .map((parts) => parts.join(""));

describe("Resolver fast paths", () => {
  it("str answers a literal as resolve reads it (escapes, templates, numbers, booleans)", () => {
    fc.assert(
      fc.property(fc.oneof(templateish, fc.integer(), fc.boolean(), fc.constant(null)), (v) => {
        expect(plain(r.str("s", v))).toEqual(strOracle(v));
      }),
    );
    expect(r.str("s", "a$${b}")).toBe("a${b}");
    expect(r.str("s", "${var.x}")).toEqual({ unknown: "${var.x}" });
  });

  it("strList reads a literal list in place and a reference through resolve", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(templateish, fc.integer()), { maxLength: 4 }), (items) => {
        const viaResolve = r.resolve("s", items);
        expect(viaResolve.kind).toBe("literal");
        const got = r.strList("s", items);
        const every = items.map((i) => r.str("s", i));
        const bad = every.find((e) => e !== undefined && typeof e !== "string");
        expect(got).toEqual(bad ?? every.filter((e) => e !== undefined));
      }),
    );
    expect(r.strList("s", "${local.spaces}")).toEqual(["10.2.0.0/16"]);
    expect(r.strList("s", "10.3.0.0/16")).toEqual(["10.3.0.0/16"]);
    expect(r.strList("s", "${var.spaces}")).toEqual({ unknown: "${var.spaces}" });
  });

  it("a reference of names only and one with index steps name the same blocks", () => {
    const hub = r.ref("s", "${azurerm_virtual_network.hub.id}");
    expect(hub?.block.address).toBe("azurerm_virtual_network.hub");
    expect(r.target("s", "${azurerm_virtual_network.spoke.name}")?.block.address).toBe(
      "azurerm_virtual_network.spoke",
    );
    expect(r.str("s", "${azurerm_virtual_network.hub.name}")).toBe("vnet-hub");
    expect(r.strList("s", "${azurerm_virtual_network.hub.address_space}")).toEqual(["10.0.0.0/16"]);
    // Index and key steps take the general path and still resolve.
    expect(r.str("s", "${local.spaces[0]}")).toBe("10.2.0.0/16");
    expect(r.str("s", "${azurerm_virtual_network.hub.address_space[0]}")).toBe("10.0.0.0/16");
  });
});
