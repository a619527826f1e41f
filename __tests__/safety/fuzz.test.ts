/**
 * Fuzzing (fast-check): random JSON values in the props of every construct give a construct or a
 * ConnectivityValidationError, nothing else; random documents through checkTerraform give findings
 * (or a refusal of the input as unusable), and through the CLI exit 0, 1 with an error finding, or 2,
 * never a crash. Seeds are fixed per run of fast-check's default (printed on failure, to replay).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { Testing, TerraformStack } from "cdktf";
import {
  ConnectivityValidationError,
  LocalSite,
  SharedKey,
  SiteToSiteConnection,
  Vnet,
  VnetPeering,
  VnetToVnetConnection,
  VnetToVnetIpsecConnection,
  VpnGateway,
  VpnNatRule,
  checkTerraform,
} from "../../index";
import { main } from "../../bin/cli";
import { UnusableInputError } from "../../policies/input/load";

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);

/** One stack for every run: constructs get fresh ids, so one run cannot collide with another. */
const stack = new TerraformStack(Testing.app(), "fuzz");
let n = 0;
const id = (what: string) => `${what}${++n}`;

function vnet(space: string): Vnet {
  return new Vnet(stack, id("Net"), {
    name: id("vnet-"),
    resourceGroupName: "rg",
    location: "westeurope",
    addressSpace: [space],
  });
}

const hub = vnet("10.0.0.0/16");
const spoke = vnet("10.1.0.0/16");
const gw1 = new VpnGateway(stack, "Gw1", {
  vnet: vnet("10.2.0.0/16"),
  name: "vgw-1",
  gatewaySubnetPrefix: "10.2.255.0/27",
});
const gw2 = new VpnGateway(stack, "Gw2", {
  vnet: vnet("10.3.0.0/16"),
  name: "vgw-2",
  gatewaySubnetPrefix: "10.3.255.0/27",
});
const site = new LocalSite(stack, "Site", {
  name: "onprem",
  resourceGroupName: "rg",
  location: "westeurope",
  gatewayAddress: "203.0.113.1",
  addressSpace: ["192.168.0.0/16"],
});
const key = SharedKey.generate(stack, "Key");

/** Valid props of each construct (made fresh per run, names unique), and how to build one. */
const CONSTRUCTS: Record<string, { props: () => Record<string, unknown>; make: (p: any) => unknown }> = {
  Vnet: {
    props: () => ({
      name: id("vnet-"),
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.9.0.0/16"],
      subnets: [{ name: "app", addressPrefixes: ["10.9.1.0/24"] }],
      dnsServers: ["10.9.0.4"],
      tags: { env: "test" },
    }),
    make: (p) => new Vnet(stack, id("V"), p),
  },
  VnetPeering: {
    props: () => ({
      local: hub,
      remote: spoke,
      localToRemote: { name: id("p-"), allowForwardedTraffic: true },
      remoteToLocal: { name: id("p-") },
      createReverse: true,
    }),
    make: (p) => new VnetPeering(stack, id("P"), p),
  },
  VpnGateway: {
    props: () => ({
      vnet: vnet(`10.${10 + (n % 200)}.0.0/16`),
      name: id("vgw-"),
      gatewaySubnetPrefix: `10.${10 + (n % 200)}.255.0/27`,
      sku: "VpnGw1AZ",
      generation: "Generation1",
      vpnType: "RouteBased",
      activeActive: false,
      bgp: { asn: 65010 },
      tags: { env: "test" },
    }),
    make: (p) => new VpnGateway(stack, id("G"), p),
  },
  LocalSite: {
    props: () => ({
      name: id("site-"),
      resourceGroupName: "rg",
      location: "westeurope",
      gatewayAddress: "203.0.113.9",
      addressSpace: ["172.16.0.0/16"],
      bgp: { asn: 65020, peeringAddress: "172.16.0.1" },
    }),
    make: (p) => new LocalSite(stack, id("S"), p),
  },
  VpnNatRule: {
    props: () => ({
      gateway: gw1,
      name: id("nat-"),
      mode: "EgressSnat",
      type: "Static",
      internalMappings: [{ addressSpace: "10.2.1.0/24" }],
      externalMappings: [{ addressSpace: "100.64.1.0/24" }],
    }),
    make: (p) => new VpnNatRule(stack, id("N"), p),
  },
  SiteToSiteConnection: {
    props: () => ({ gateway: gw1, site, sharedKey: key, name: id("cn-"), dpdTimeoutSeconds: 45 }),
    make: (p) => new SiteToSiteConnection(stack, id("C"), p),
  },
  VnetToVnetConnection: {
    props: () => ({ local: gw1, remote: gw2, sharedKey: key, localToRemoteName: id("cn-") }),
    make: (p) => new VnetToVnetConnection(stack, id("C"), p),
  },
  VnetToVnetIpsecConnection: {
    props: () => ({ local: gw1, remote: gw2, sharedKey: key, localToRemote: { name: id("cn-") } }),
    make: (p) => new VnetToVnetIpsecConnection(stack, id("C"), p),
  },
};

/** A crash is anything but a ConnectivityValidationError. */
function expectValidationOrSuccess(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConnectivityValidationError) return;
    throw e;
  }
}

/** JSON values, with the shapes that break naive code more often: null, strings for lists, huge and odd strings. */
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null,
    "",
    " ",
    "${path.cwd}",
    "%{if}",
    "__proto__",
    "x".repeat(10_000),
    "10.0.0.0/16",
    -1,
    Number.POSITIVE_INFINITY,
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
);

describe.each(Object.keys(CONSTRUCTS))("%s with random JSON in its props", (name) => {
  const c = CONSTRUCTS[name];
  const keys = Object.keys(c.props());
  it("constructs or throws a ConnectivityValidationError", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...keys, "unknownProp"), hostile, { minKeys: 1, maxKeys: 3 }),
        (changes) => {
          expectValidationOrSuccess(() => c.make({ ...c.props(), ...changes }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("given a non-object as its props, throws a ConnectivityValidationError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })), (props) => {
        fc.pre(props === undefined || typeof props !== "object" || props === null || Array.isArray(props));
        expect(() => c.make(props)).toThrow(ConnectivityValidationError);
      }),
      { numRuns: 30 },
    );
  });
});

/** Terraform-like documents: the resource types the engine reads, with random bodies. */
const RESOURCE_TYPES = [
  "azurerm_virtual_network",
  "azurerm_subnet",
  "azurerm_virtual_network_peering",
  "azurerm_virtual_network_gateway",
  "azurerm_local_network_gateway",
  "azurerm_virtual_network_gateway_connection",
  "azurerm_virtual_network_gateway_nat_rule",
];
const FIELDS = [
  "name",
  "address_space",
  "address_prefixes",
  "virtual_network_name",
  "remote_virtual_network_id",
  "virtual_network_id",
  "resource_group_name",
  "type",
  "sku",
  "ip_configuration",
  "bgp_settings",
  "local_network_gateway_id",
  "virtual_network_gateway_id",
  "peer_virtual_network_gateway_id",
  "internal_mapping",
  "external_mapping",
  "subnet",
];
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom("10.0.0.0/16", "${azurerm_virtual_network.a.id}", "${var.x}", "GatewaySubnet", [
    "10.0.0.0/8",
  ]),
);
const body = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 });
const resourceName = fc.constantFrom("a", "b", "__proto__", "constructor", "x-1");
const terraformDoc = fc.oneof(
  fc.record({
    resource: fc.dictionary(
      fc.constantFrom(...RESOURCE_TYPES),
      fc.dictionary(resourceName, body, { maxKeys: 3 }),
      {
        maxKeys: 4,
      },
    ),
  }),
  fc.record({
    resource: fc.array(fc.dictionary(fc.constantFrom(...RESOURCE_TYPES), fc.dictionary(resourceName, body)), {
      maxLength: 3,
    }),
  }),
  fc.jsonValue({ maxDepth: 4 }),
);

describe("checkTerraform on random documents", () => {
  it("returns findings or refuses the input as unusable", () => {
    fc.assert(
      fc.property(terraformDoc, (doc) => {
        try {
          const findings = checkTerraform(doc);
          expect(Array.isArray(findings)).toBe(true);
        } catch (e) {
          // Only a document that is not an object (or a shape the reader refuses) is refused.
          if (e instanceof UnusableInputError) return;
          if (e instanceof TypeError && /must be an object/.test(e.message)) return;
          throw e;
        }
      }),
      { numRuns: 600 },
    );
  });
});

describe("the CLI on random documents", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-fuzz-"));
  it("exits 0, 1 with an error finding, or 2, and never throws", async () => {
    await fc.assert(
      fc.asyncProperty(terraformDoc, async (doc) => {
        const file = path.join(dir, "main.tf.json");
        fs.writeFileSync(file, JSON.stringify(doc));
        const out: string[] = [];
        const code = await main(["check", "--format", "json", file], {
          out: (l) => out.push(l),
          err: (l) => out.push(l),
        });
        expect([0, 1, 2]).toContain(code);
        if (code === 1) {
          const report = JSON.parse(out.join("\n"));
          expect(report.findings.some((f: { severity: string }) => f.severity === "error")).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
