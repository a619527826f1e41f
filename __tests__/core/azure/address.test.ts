import { parsePrefix } from "../../../core/cidr";
import {
  AZURE_RESERVED_PREFIXES,
  IPV6_SUBNET_LENGTH,
  SMALLEST_IPV4_SUBNET,
  reservedOverlaps,
  subnetSizeViolation,
} from "../../../core/azure/address";

describe("reserved prefixes", () => {
  it("lists the five ranges of the virtual network FAQ", () => {
    expect(AZURE_RESERVED_PREFIXES.map((r) => r.prefix.text)).toEqual([
      "224.0.0.0/4",
      "255.255.255.255/32",
      "127.0.0.0/8",
      "169.254.0.0/16",
      "168.63.129.16/32",
    ]);
  });

  it.each([
    ["224.0.0.0/24", "multicast"],
    ["239.255.255.255/32", "multicast"],
    ["255.255.255.255/32", "broadcast"],
    ["127.0.0.1/32", "loopback"],
    ["169.254.0.0/24", "link-local"],
    ["168.63.129.16/32", "Azure's internal DNS and health-probe address"],
    ["168.63.128.0/17", "Azure's internal DNS and health-probe address"],
  ])("%s touches the %s range", (text, why) => {
    expect(reservedOverlaps(parsePrefix(text)).map((r) => r.why)).toEqual([why]);
  });

  it.each([
    "223.255.255.0/24",
    "240.0.0.0/5",
    "128.0.0.0/8",
    "169.253.255.0/24",
    "168.63.129.17/32",
    "10.0.0.0/8",
  ])("%s touches none", (text) => {
    expect(reservedOverlaps(parsePrefix(text))).toEqual([]);
  });
});

describe("subnetSizeViolation", () => {
  it.each([
    ["10.0.0.0/29", undefined],
    ["10.0.0.0/8", undefined],
    ["10.0.0.0/30", { kind: "ipv4-too-small", smallest: 29 }],
    ["10.0.0.0/32", { kind: "ipv4-too-small", smallest: 29 }],
    ["0.0.0.0/2", undefined],
    ["0.0.0.0/1", { kind: "ipv4-too-large", largest: 2 }],
    ["0.0.0.0/0", { kind: "ipv4-too-large", largest: 2 }],
    ["2001:db8::/64", undefined],
    ["2001:db8::/63", { kind: "ipv6-not-64", required: 64 }],
    ["2001:db8::/65", { kind: "ipv6-not-64", required: 64 }],
  ])("%s -> %j", (text, expected) => {
    expect(subnetSizeViolation(parsePrefix(text))).toEqual(expected);
  });

  it("states the sizes once", () => {
    expect([SMALLEST_IPV4_SUBNET, IPV6_SUBNET_LENGTH]).toEqual([29, 64]);
  });
});
