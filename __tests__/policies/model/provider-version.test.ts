import { azurermVersions, majorOfConstraint } from "../../../policies/model/provider-version";
import { azurermVersion, tfDoc, toHcl2Json } from "../../../test-utils/terraform";

describe("majorOfConstraint", () => {
  test.each([
    ["4.55.0", 4],
    ["= 3.117.1", 3],
    ["~> 3.100", 3],
    ["~>4.0", 4],
    ["~> 3.100.0", 3],
    [">= 3.0, < 4.0", 3],
    [">= 3.0.0, < 4", 3],
    [">= 4.1, < 5", 4],
    [">= 4.0, <= 4.9", 4],
    ["4.0.0-beta1", 4],
  ])("%s allows major %d only", (constraint, major) => {
    expect(majorOfConstraint(constraint)).toBe(major);
  });

  test.each([">= 3.0", "~> 3", "> 3.5", ">= 3.0, < 4.1", "!= 3.0", "latest", "", ">= 5, < 4"])(
    "%s allows several majors, or none, or cannot be read",
    (constraint) => {
      expect(majorOfConstraint(constraint)).toBeUndefined();
    },
  );
});

describe("azurermVersions", () => {
  test("reads required_providers in object and hcl2json array forms, the legacy string form and provider.version", () => {
    const docs = [
      { stack: "a", doc: tfDoc(azurermVersion("~> 3.100")) },
      {
        stack: "b",
        doc: toHcl2Json({ terraform: [{ required_providers: [{ azurerm: { version: "4.55.0" } }] }] }),
      },
      { stack: "c", doc: { terraform: { required_providers: { azurerm: "~> 3.0" } } } },
      {
        stack: "d",
        doc: { terraform: { required_providers: { az: { source: "hashicorp/azurerm", version: "4.1.0" } } } },
      },
      { stack: "e", doc: { provider: { azurerm: [{ version: "=3.5.0", features: {} }] } } },
      { stack: "f", doc: {} },
    ];
    const v = azurermVersions(docs);
    expect(v.get("a")).toEqual({ constraint: "~> 3.100", major: 3 });
    expect(v.get("b")).toEqual({ constraint: "4.55.0", major: 4 });
    expect(v.get("c")).toEqual({ constraint: "~> 3.0", major: 3 });
    expect(v.get("d")).toEqual({ constraint: "4.1.0", major: 4 });
    expect(v.get("e")).toEqual({ constraint: "=3.5.0", major: 3 });
    expect(v.get("f")).toEqual({ unknown: "stack f pins no azurerm version (terraform.required_providers)" });
  });
});
