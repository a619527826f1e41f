import { scanSource } from "../../scripts/check-facts";

const whats = (text: string) => scanSource("x.ts", text).map((h) => `${h.line}: ${h.what}`);

describe("scripts/check-facts", () => {
  it.each([
    ['const sku = "VpnGw2AZ";', "a VPN gateway SKU name"],
    ['if (sku === "Basic") {}', "the Basic SKU"],
    ['const k = sku.toLowerCase() === "basic";', "the Basic SKU (lower case, for a comparison)"],
    ["const re = /^vpngw[1-5]$/i;", "a VPN gateway SKU name"],
    ['const weak = ["DES", "MD5"];', "an IPsec/IKE algorithm name"],
    ["const t = `use ${x} or GCMAES256`;", "an IPsec/IKE algorithm name"],
    ["const asn = 65515;", "an Azure limit, range or ASN"],
    ['const m = "e.g. a private ASN in 64512-65514";', "a reserved, private or limit ASN"],
    ['const a = "169.254.21.0";', "Azure's APIPA range"],
    ['const r = "168.63.129.16";', "a reserved address range"],
    ["const m = `use a /27 or larger`;", "a subnet or GatewaySubnet minimum"],
    ["if (prefix.length > 29) {}", "an Azure limit or minimum in a comparison"],
    ["const max = 500;", "an Azure limit, range or ASN"],
    ['type Sku = "Basic" | "VpnGw1";', "the Basic SKU"],
  ])("flags %s", (code, what) => {
    const found = whats(code);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toContain(what);
  });

  it.each([
    "/** The Basic SKU has no BGP; VpnGw1AZ-5AZ do (about-gateway-skus). Reserved: 65515, 169.254.21.0. */\nconst x = 1;",
    "// GCMAES256 and SHA256 are fine; /27 or larger\nconst y = 2;",
    'import { X } from "../core/azure/gateway";',
    "const buffer = 256 * 1024 * 1024;",
    "export const MATRIX_LIMIT = 100;",
    'const example = "10.0.255.0/24";',
    "type Sku = (typeof VPN_GATEWAY_SKUS)[number];",
  ])("lets %j pass", (code) => {
    expect(whats(code)).toEqual([]);
  });

  it("reports the line of each hit", () => {
    expect(whats('const a = 1;\nconst b = "DHGroup14";\n')).toEqual(["2: an IPsec/IKE algorithm name"]);
  });
});
