import { LocalSite } from "../../../../index";
import { SiteLimit } from "../../../../policies/rules";
import { checkApp, expectFinding, findings, run } from "../../../../test-utils/policy";
import { localSite, ref } from "../../../../test-utils/terraform";
import { constructApp } from "../../../../test-utils/vpn";

const RULE = SiteLimit;
const SITE = "azurerm_local_network_gateway.onprem";

/** `n` distinct /32 prefixes in 10.0.0.0/8. */
function prefixes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32`);
}

describe("Site.Limit", () => {
  test("fails: more than 1,000 address prefixes on one site", () => {
    const [f, ...rest] = findings(localSite("onprem", prefixes(1001)), RULE);
    expect(rest).toEqual([]);
    expectFinding(f, RULE, SITE, "site lng-onprem lists 1001 address prefixes", "at most 1000");
  });

  test("passes: 1,000 prefixes; a site without address_space", () => {
    expect(run(localSite("onprem", prefixes(1000)), RULE)).toEqual({ findings: [], unverifiable: [] });
    expect(run(localSite("onprem", undefined), RULE)).toEqual({ findings: [], unverifiable: [] });
  });

  test("unknown: an address space from a variable", () => {
    const report = run(localSite("onprem", ref("var.prefixes")), RULE);
    expect(report.findings).toEqual([]);
    expect(report.unverifiable).toEqual([
      expect.objectContaining({ ruleId: RULE.id, path: SITE, what: expect.stringContaining("var.prefixes") }),
    ]);
  });

  test("constructs: LocalSite refuses more than 1,000 (same constant); an override fails synth", () => {
    const { app, stack } = constructApp();
    const props = {
      name: "lng-onprem",
      resourceGroupName: "rg-net",
      location: "westeurope",
      gatewayAddress: "203.0.113.10",
    };
    expect(() => new LocalSite(stack, "bad", { ...props, addressSpace: prefixes(1001) })).toThrow(
      /net\/bad.*1001 prefixes; Azure allows at most 1000/,
    );
    const onprem = new LocalSite(stack, "onprem", { ...props, addressSpace: ["192.168.0.0/16"] });
    expect(checkApp(app, RULE)).toEqual({ findings: [], unverifiable: [] });
    // cdktf appends an overriding list to the one written: 1 + 1000.
    onprem.resource.addOverride("address_space", prefixes(1000));
    const [f, ...rest] = checkApp(app, RULE).findings;
    expect(rest).toEqual([]);
    expectFinding(f, RULE, "net/onprem/Resource", "lists 1001 address prefixes");
  });
});
