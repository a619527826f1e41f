import { VnetLimit } from "../../../../policies/rules";
import { expectFinding, findings, run } from "../../../../test-utils/policy";
import { Json, provider, ref, tfDoc, vnet } from "../../../../test-utils/terraform";

const RULE = VnetLimit;

/** `n` networks in `location`, named `<prefix><i>`. */
function nets(n: number, location: unknown = "westeurope", prefix = "n"): Json[] {
  return Array.from({ length: n }, (_, i) =>
    vnet(`${prefix}${i}`, [`10.${i >> 8}.${i & 255}.0/24`], { location }),
  );
}

describe("Vnet.Limit", () => {
  test("fails: more than 1,000 networks in one subscription and region", () => {
    const doc = tfDoc(provider("azurerm", { features: [{}], subscription_id: "sub-1" }), ...nets(1001));
    const [f, ...rest] = findings(doc, RULE);
    expect(rest).toEqual([]);
    expectFinding(
      f,
      RULE,
      "azurerm_virtual_network.n1000",
      "subscription sub-1 has 1001 virtual networks created in region westeurope",
      "at most 1000",
    );
  });

  test("passes: 1,000 per region; more spread over two regions (spelled either way)", () => {
    expect(run(tfDoc(...nets(1000)), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(tfDoc(...nets(800), ...nets(800, "North Europe", "m")), RULE)).toEqual({
      findings: [],
      unverifiable: [],
    });
    expect(findings(tfDoc(...nets(600), ...nets(600, "West Europe", "m")), RULE)).toHaveLength(1);
  });

  test("unknown: networks whose location is a variable, when they could pass the limit", () => {
    const report = run(tfDoc(...nets(900), ...nets(200, ref("var.location"), "m")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([
      expect.objectContaining({ ruleId: RULE.id, what: expect.stringContaining("var.location") }),
    ]);
  });
});
