import {
  cloudName,
  cloudOfEnvironment,
  cloudOfLocation,
  crossCloudViolation,
  normalizeLocation,
} from "../../../core/azure/cloud";

describe("Azure clouds", () => {
  it.each([
    ["westeurope", "public"],
    ["West Europe", "public"],
    ["germanywestcentral", "public"],
    ["US Gov Virginia", "usgovernment"],
    ["usgovarizona", "usgovernment"],
    ["usdodeast", "usgovernment"],
    ["chinanorth3", "china"],
    ["China East 2", "china"],
    ["usnateast", "usnat"],
    ["ussecwest", "ussec"],
  ])("%s is in %s", (location, cloud) => {
    expect(cloudOfLocation(location)).toBe(cloud);
  });

  it("reads the provider's environment", () => {
    expect(cloudOfEnvironment("public")).toBe("public");
    expect(cloudOfEnvironment("USGovernment")).toBe("usgovernment");
    expect(cloudOfEnvironment("china")).toBe("china");
    expect(cloudOfEnvironment("german")).toBeUndefined();
  });

  it("refuses links across clouds only", () => {
    expect(crossCloudViolation("public", "china")).toBe(true);
    expect(crossCloudViolation("usgovernment", "usgovernment")).toBe(false);
    expect(normalizeLocation("North Europe")).toBe("northeurope");
    expect(cloudName("china")).toContain("China");
  });
});
