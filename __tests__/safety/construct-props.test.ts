/**
 * Construct props checked at run time, as a JavaScript caller (or a cast, or JSON from a file) can give
 * them: every wrong shape is a ConnectivityValidationError naming the construct path and the prop; names
 * follow Azure's rules for their resource type; template sequences never reach Terraform unescaped;
 * validation is not quadratic, and lists are capped at Azure's limits.
 */
import { Testing, TerraformStack, TerraformVariable } from "cdktf";
import {
  ConnectivityValidationError,
  LocalSite,
  SharedKey,
  SiteToSiteConnection,
  Vnet,
  VnetPeering,
  VnetToVnetConnection,
  VpnGateway,
  VpnNatRule,
} from "../../index";
import { AZURE_NAME_RULES, azureNameViolation, fitAzureName } from "../../core/azure/naming";
import { SUBNETS_PER_VNET as MAX_SUBNETS_PER_VNET } from "../../core/azure/limits";
import { parsePrefix } from "../../core/cidr";
import { DisjointPrefixIndex } from "../../constructs/private/prefix-index";
import { gateway, newStack, vnet } from "../../test-utils/vpn";

/** The error `fn` throws: must be a ConnectivityValidationError. */
function validationError(fn: () => unknown): ConnectivityValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConnectivityValidationError) return e;
    throw new Error(`expected a ConnectivityValidationError, got ${String(e)}`);
  }
  throw new Error("expected a ConnectivityValidationError, none was thrown");
}

const VNET = {
  name: "vnet-a",
  resourceGroupName: "rg",
  location: "westeurope",
  addressSpace: ["10.0.0.0/16"],
};

let sites = 0;

function site(stack: TerraformStack, props: Record<string, unknown> = {}): LocalSite {
  return new LocalSite(stack, `Site${++sites}`, {
    name: "onprem",
    resourceGroupName: "rg",
    location: "westeurope",
    gatewayAddress: "203.0.113.1",
    addressSpace: ["192.168.0.0/16"],
    ...props,
  } as any);
}

describe("wrong shapes are validation errors with the construct path and the prop", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["name: null", { name: null }, "[test/N] `name` is required, got null"],
    ["name: 42", { name: 42 }, "[test/N] `name`: expected a string, got the number 42"],
    ["an empty name", { name: "  " }, "[test/N] `name` is required and must not be empty"],
    [
      "addressSpace as a string",
      { addressSpace: "10.0.0.0/16" },
      "[test/N] `addressSpace`: expected a list of CIDR blocks",
    ],
    ["addressSpace: [null]", { addressSpace: [null] }, "[test/N] `addressSpace[0]`: expected a CIDR block"],
    ["subnets as an object", { subnets: { a: 1 } }, "[test/N] `subnets`: expected a list"],
    ["a tag that is a number", { tags: { env: 1 } }, "[test/N] `tags.env`: expected a string"],
    [
      "a provider that is a string",
      { provider: "azurerm" },
      "[test/N] `provider`: expected a TerraformProvider",
    ],
    ["props: 'x'", "x" as any, "[test/N] `props`: expected an object"],
  ])("Vnet with %s", (_, props, message) => {
    const stack = newStack();
    const e = validationError(() =>
      typeof props === "string"
        ? new Vnet(stack, "N", props as any)
        : new Vnet(stack, "N", { ...VNET, ...props } as any),
    );
    expect(e.message).toContain(message);
  });

  it("VpnGateway on a string instead of a network, and enums out of their lists", () => {
    const stack = newStack();
    const net = vnet(stack, "Hub", "10.0.0.0/16");
    const base = { vnet: net, name: "vgw-hub", gatewaySubnetPrefix: "10.0.255.0/27" };
    expect(validationError(() => new VpnGateway(stack, "G", { vnet: "x" } as any)).message).toContain(
      "[test/G] `vnet`: expected a network (new Vnet(...)), got a string 'x'",
    );
    expect(
      validationError(() => new VpnGateway(stack, "G1", { ...base, activeActive: "yes" } as any)).message,
    ).toContain("[test/G1] `activeActive`: expected true or false, got a string 'yes'");
    expect(
      validationError(() => new VpnGateway(stack, "G2", { ...base, generation: "garbage" } as any)).message,
    ).toContain(
      "[test/G2] `generation`: expected one of 'Generation1' or 'Generation2', got a string 'garbage'",
    );
    expect(
      validationError(() => new VpnGateway(stack, "G3", { ...base, vpnType: "Foo" } as any)).message,
    ).toContain("[test/G3] `vpnType`: expected one of 'RouteBased' or 'PolicyBased', got a string 'Foo'");
    expect(
      validationError(() => new VpnGateway(stack, "G4", { ...base, bgp: { asn: "65010" } } as any)).message,
    ).toContain("[test/G4] `bgp.asn`: expected a number");
  });

  it("a plain string as a shared key is refused without showing it", () => {
    const stack = newStack();
    const gw = gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    const e = validationError(
      () =>
        new SiteToSiteConnection(stack, "C", {
          gateway: gw,
          site: site(stack),
          sharedKey: "hunter2-secret",
        } as any),
    );
    expect(e.message).toContain("[test/C] `sharedKey`: expected a SharedKey");
    expect(e.message).not.toContain("hunter2");
    const missing = validationError(
      () => new SiteToSiteConnection(stack, "C2", { gateway: gw, site: site(stack), sharedKey: null } as any),
    );
    expect(missing.message).toContain("[test/C2] `sharedKey` is required");
  });

  it("empty names on peerings and connections, and a peering whose local is not a network", () => {
    const stack = newStack();
    const a = vnet(stack, "A", "10.1.0.0/16");
    const b = vnet(stack, "B", "10.2.0.0/16");
    expect(
      validationError(() => new VnetPeering(stack, "P", { local: a, remote: b, localToRemote: { name: "" } }))
        .message,
    ).toContain("[test/P] `localToRemote.name` is required and must not be empty");
    expect(
      validationError(() => new VnetPeering(stack, "P2", { local: { vnetId: "x" }, remote: b } as any))
        .message,
    ).toContain("[test/P2] `local`: expected a network");
    expect(
      validationError(() => new VnetPeering(stack, "P3", { local: "vnet-a", remote: b } as any)).message,
    ).toContain("[test/P3] `local`: expected a network");
    const g1 = gateway(stack, "G1", "10.3.0.0/16", "10.3.255.0/27");
    const g2 = gateway(stack, "G2", "10.4.0.0/16", "10.4.255.0/27");
    expect(
      validationError(
        () =>
          new VnetToVnetConnection(stack, "V", {
            local: g1,
            remote: g2,
            sharedKey: SharedKey.generate(stack, "key"),
            localToRemoteName: "",
          }),
      ).message,
    ).toContain("[test/V] `localToRemoteName` is required and must not be empty");
    expect(
      validationError(
        () =>
          new SiteToSiteConnection(stack, "S", {
            gateway: g1,
            site: site(stack),
            sharedKey: SharedKey.generate(stack, "k2"),
            name: " ",
          }),
      ).message,
    ).toContain("[test/S] `name` is required and must not be empty");
  });

  it("a NAT port range is one port, 1 to 65535", () => {
    const stack = newStack();
    const gw = gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    const rule = (id: string, portRange: unknown) =>
      new VpnNatRule(stack, id, {
        gateway: gw,
        name: id,
        mode: "EgressSnat",
        internalMappings: [{ addressSpace: "10.0.1.0/24", portRange }],
        externalMappings: [{ addressSpace: "100.0.1.0/24", portRange }],
      } as any);
    expect(validationError(() => rule("r1", "99999-1")).message).toContain(
      "[test/r1] `internalMappings[0].portRange`: '99999-1' is not a single port",
    );
    expect(validationError(() => rule("r2", "70000")).message).toContain("is not a single port");
    expect(validationError(() => rule("r3", 443)).message).toContain(
      "[test/r3] `internalMappings[0].portRange`: expected a string",
    );
    expect(() => rule("r4", "443")).not.toThrow();
  });

  it("a token as a subnet name is taken as a token, never a crash", () => {
    const stack = newStack();
    const net = vnet(stack, "A", "10.1.0.0/16");
    const name = new TerraformVariable(stack, "subnetName", { type: "string" });
    expect(() => net.addSubnet(name.stringValue, { addressPrefixes: ["10.1.0.0/24"] })).not.toThrow();
    expect(
      validationError(() => net.addSubnet(null as any, { addressPrefixes: ["10.1.1.0/24"] })).message,
    ).toContain("[test/A] `subnet name` is required, got null");
    expect(validationError(() => net.addSubnet("app", "10.1.1.0/24" as any)).message).toContain(
      "[test/A] `subnet 'app' options`: expected an object",
    );
  });

  it("a 10,000-character value is cut in the message", () => {
    const stack = newStack();
    const long = "x".repeat(10_000);
    const e = validationError(() => new Vnet(stack, "N", { ...VNET, location: 7, name: long } as any));
    expect(e.message.length).toBeLessThan(600);
    expect(e.message).toContain("10000 characters");
  });
});

describe("Azure's naming rules", () => {
  it("refuses a name Azure would refuse: length and characters per resource type", () => {
    const stack = newStack();
    expect(validationError(() => new Vnet(stack, "N1", { ...VNET, name: "a" })).message).toContain(
      "Azure allows 2 to 64 in a virtual network name",
    );
    expect(validationError(() => new Vnet(stack, "N2", { ...VNET, name: "x".repeat(65) })).message).toContain(
      "has 65 characters; Azure allows 2 to 64",
    );
    expect(validationError(() => new Vnet(stack, "N3", { ...VNET, name: "net-" })).message).toContain(
      "is not a valid virtual network name",
    );
    expect(validationError(() => new Vnet(stack, "N4", { ...VNET, name: "net#1" })).message).toContain(
      "is not a valid virtual network name",
    );
    expect(
      validationError(() => new Vnet(stack, "N5", { ...VNET, resourceGroupName: "rg." })).message,
    ).toContain("resource group name");
    expect(() => new Vnet(stack, "N6", { ...VNET, name: "Net_1.prod-x_" })).not.toThrow();
  });

  it("shortens a default peering name to Azure's 80 characters, keeping two long defaults apart", () => {
    const stack = newStack();
    const long = (c: string) =>
      new Vnet(stack, `V${c}`, {
        ...VNET,
        name: `${c}`.repeat(64),
        addressSpace: [`10.${c.charCodeAt(0) % 200}.0.0/16`],
      });
    const a = long("a");
    const b = long("b");
    const c = long("c");
    new VnetPeering(stack, "P1", { local: a, remote: b });
    new VnetPeering(stack, "P2", { local: a, remote: c });
    const names = Object.values(
      (JSON.parse(Testing.synth(stack)).resource.azurerm_virtual_network_peering ?? {}) as Record<
        string,
        { name: string }
      >,
    ).map((p) => p.name);
    expect(names).toHaveLength(4);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(AZURE_NAME_RULES.virtualNetworkPeerings.max);
      expect(azureNameViolation("virtualNetworkPeerings", n)).toBeUndefined();
    }
    expect(new Set(names).size).toBe(4);
  });

  it("fitAzureName leaves a fitting name alone and makes any other fit", () => {
    expect(fitAzureName("connections", "gw-a-to-gw-b")).toBe("gw-a-to-gw-b");
    for (const n of ["", "-", "a".repeat(200), "é\u0000..", "x#y", "_".repeat(90)]) {
      expect(azureNameViolation("virtualNetworks", fitAzureName("virtualNetworks", n))).toBeUndefined();
    }
  });
});

describe("Terraform template sequences", () => {
  it("a plain-text key with ${ or %{ is written escaped, so Terraform reads it literally", () => {
    const stack = newStack();
    const gw = gateway(stack, "Hub", "10.0.0.0/16", "10.0.255.0/27");
    new SiteToSiteConnection(stack, "C", {
      gateway: gw,
      site: site(stack),
      sharedKey: SharedKey.unsafePlainText("abc${path.cwd}def%{x}"),
    });
    const doc = JSON.parse(Testing.synth(stack));
    const [conn] = Object.values(doc.resource.azurerm_virtual_network_gateway_connection) as {
      shared_key: string;
    }[];
    expect(conn.shared_key).toBe("abc$${path.cwd}def%%{x}");
  });

  it("a name with a template sequence is refused", () => {
    const stack = newStack();
    expect(
      validationError(() => new Vnet(stack, "N", { ...VNET, location: "west${var.x}" })).message,
    ).toContain("[test/N] `location`: 'west${var.x}' holds a Terraform template sequence");
  });
});

describe("linear validation and Azure's list limits", () => {
  it("keeps disjoint prefixes in a sorted index: 30,000 prefixes (10 times Azure's limit) checked quickly", () => {
    // Pairwise checks (the old validation) make 450 million comparisons here; the index ~450,000.
    const order = Array.from({ length: 30_000 }, (_, i) => (i * 7919) % 30_000);
    const prefixes = order.map((i) => ({
      i,
      p: parsePrefix(`10.${i >> 14}.${(i >> 6) & 255}.${(i & 63) << 2}/30`),
    }));
    const index = new DisjointPrefixIndex<number>();
    let clashes = 0;
    const started = Date.now();
    for (const { i, p } of prefixes) {
      if (index.overlapping(p)) clashes++;
      index.add(p, i);
    }
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(clashes).toBe(0);
    expect(index.overlapping(parsePrefix("10.0.0.5/32"))?.tag).toBe(1);
    expect(index.overlapping(parsePrefix("10.1.0.0/16"))).toBeDefined();
    expect(index.overlapping(parsePrefix("11.0.0.0/8"))).toBeUndefined();
    expect(index.contains(parsePrefix("10.0.0.4/31"))).toBe(true);
    expect(index.contains(parsePrefix("10.0.0.0/29"))).toBe(false);
  });

  it(`refuses subnet ${MAX_SUBNETS_PER_VNET + 1} added one by one`, () => {
    const stack = newStack();
    const net = new Vnet(stack, "Big", { ...VNET, addressSpace: ["10.0.0.0/8"] });
    // The limit is checked before anything is created: fill the count without 3,000 resources.
    (net as unknown as { subnetNames: Map<string, string> }).subnetNames = new Map(
      Array.from({ length: MAX_SUBNETS_PER_VNET }, (_, i) => [`s${i}`, `s${i}`]),
    );
    expect(
      validationError(() => net.addSubnet("one-more", { addressPrefixes: ["10.200.0.0/24"] })).message,
    ).toContain(`already has ${MAX_SUBNETS_PER_VNET} subnets`);
  });

  it("refuses 10,000 subnets at once, quickly, with Azure's limit", () => {
    const stack = newStack();
    const subnets = Array.from({ length: 10_000 }, (_, i) => ({
      name: `s${i}`,
      addressPrefixes: [`10.${i >> 8}.${i & 255}.0/24`],
    }));
    const started = Date.now();
    const e = validationError(
      () => new Vnet(stack, "Big", { ...VNET, addressSpace: ["10.0.0.0/8"], subnets }),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(e.message).toContain("[test/Big] `subnets`: 10000 items");
    expect(e.message).toContain("at most 3000");
  });

  it("checks 20,000 address spaces by sort and sweep, and names the first overlap", () => {
    const stack = newStack();
    const spaces = Array.from({ length: 20_000 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    const started = Date.now();
    expect(() => new Vnet(stack, "Wide", { ...VNET, addressSpace: spaces })).not.toThrow();
    // Pairwise: 200 million comparisons (tens of seconds); sort and sweep: well under a second (bound generous).
    expect(Date.now() - started).toBeLessThan(10_000);
    const e = validationError(
      () => new Vnet(stack, "Clash", { ...VNET, addressSpace: [...spaces, "10.3.0.0/16", "10.0.0.0/8"] }),
    );
    expect(e.message).toContain("`addressSpace`: '10.3.0.0/16' overlaps '10.3.0.0/24' of the same network");
  });
});
