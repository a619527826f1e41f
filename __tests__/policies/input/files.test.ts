/**
 * Terraform on disk, read as Terraform reads it: HCL and JSON folders as modules, local and installed
 * modules, variables files and `--var`, plans, symlinks, special files, and every unusable input
 * refused with one line (exit 2). The CLI runs in-process here; the process-level tests are in
 * cli.test.ts (the slow project).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../../bin/cli";
import { UnusableInputError, checkTerraformFiles } from "../../../policies/check-terraform";
import { Finding } from "../../../policies/finding";
import { parseHcl } from "../../../policies/input/hcl";
import { tmpdir, writeTree } from "../../../test-utils/files";
import {
  NEW_USER_HCL,
  RG,
  armVnetId,
  idOf,
  instancesAsNames,
  newUserCount,
  peerBoth,
  peering,
  planDoc,
  plannedGateway,
  plannedGatewaySubnet,
  plannedPeering,
  plannedVnet,
  provider,
  refs,
  requiredAzurerm,
  tfDoc,
  twoPeeredPlan,
  vnet,
} from "../../../test-utils/terraform";

// fs as it is, except that one test makes readdirSync fail as for a folder without permission.
jest.mock("fs", () => {
  const real = jest.requireActual("fs");
  return { ...real, readdirSync: jest.fn(real.readdirSync) };
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out: out.join("\n"), err, errText: err.join("\n") };
}

/** Two subscriptions of provider configurations. */
const S1 = "11111111-1111-1111-1111-111111111111";
const S2 = "22222222-2222-2222-2222-222222222222";

const rules = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.path}`).sort();
const about = (fs: Finding[], ...ids: string[]) => rules(fs.filter((f) => ids.includes(f.ruleId)));

/** The two directions of a peering between the networks `hub` and `spoke`, in HCL. */
const PEERINGS_HCL = `resource "azurerm_virtual_network_peering" "hub_spoke" {
  name                      = "hub-spoke"
  resource_group_name       = "${RG}"
  virtual_network_name      = azurerm_virtual_network.hub.name
  remote_virtual_network_id = azurerm_virtual_network.spoke.id
}

resource "azurerm_virtual_network_peering" "spoke_hub" {
  name                      = "spoke-hub"
  resource_group_name       = "${RG}"
  virtual_network_name      = azurerm_virtual_network.spoke.name
  remote_virtual_network_id = azurerm_virtual_network.hub.id
}
`;

const HUB_SPOKE_VARS = `
variable "spoke_space" {
  type    = string
  default = "10.1.0.0/16"
}

resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = "${RG}"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_virtual_network" "spoke" {
  name                = "spoke"
  resource_group_name = "${RG}"
  location            = "westeurope"
  address_space       = [var.spoke_space]
}

${PEERINGS_HCL}`;

describe("HCL folders", () => {
  test("the issue's new user, as HCL: AddressSpace.NoOverlap and GatewaySubnet.NoNsg, exit 1", async () => {
    const dir = writeTree(tmpdir(), { "main.tf": NEW_USER_HCL });
    const r = await cli(["check", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "[azurerm_virtual_network_peering.hub_to_spoke[1]] error: AddressSpace.NoOverlap",
    );
    expect(r.out).toContain(
      "[azurerm_subnet_network_security_group_association.gw] error: GatewaySubnet.NoNsg",
    );
    expect(r.out).toMatch(
      /Read 1 configuration\(s\): 1 module instance\(s\), 7 resource block\(s\), 10 instance\(s\), azurerm ~> 3\.100/,
    );
  });

  test("HCL and its JSON conversion (hcl2json), and the JSON form written by hand, give the same findings", async () => {
    const hcl = writeTree(tmpdir(), { "main.tf": NEW_USER_HCL });
    const converted = writeTree(tmpdir(), { "main.tf.json": await parseHcl("main.tf", NEW_USER_HCL) });
    const fromHcl = await checkTerraformFiles([hcl]);
    const fromJson = await checkTerraformFiles([converted]);
    expect(rules(fromJson.findings)).toEqual(rules(fromHcl.findings));
    const handWritten = await checkTerraformFiles([writeTree(tmpdir(), { "main.tf.json": newUserCount() })]);
    expect(about(handWritten.findings, "AddressSpace.NoOverlap", "GatewaySubnet.NoNsg")).toEqual(
      about(fromHcl.findings, "AddressSpace.NoOverlap", "GatewaySubnet.NoNsg"),
    );
    expect(instancesAsNames(rules(fromHcl.findings).join())).not.toContain("[");
  });

  test("a folder is one module: .tf and .tf.json files together, override files merged last", async () => {
    const dir = writeTree(tmpdir(), {
      "network.tf": HUB_SPOKE_VARS,
      "extra.tf.json": tfDoc(vnet("other", ["10.9.0.0/16"])),
      "override.tf": `resource "azurerm_virtual_network" "spoke" {\n  address_space = ["10.0.5.0/24"]\n}\n`,
      "notes.txt": "not Terraform",
      ".hidden.tf": "this is { not HCL",
      "backup.tf~": "nor this",
    });
    const r = await checkTerraformFiles([dir]);
    expect(about(r.findings, "AddressSpace.NoOverlap")).toEqual([
      "AddressSpace.NoOverlap azurerm_virtual_network_peering.hub_spoke",
    ]);
    expect(r.coverage).toMatchObject({ resources: 5, instances: 5 });
  });

  test("the provider configuration of another file of the folder is read (its subscription): was dropped when the folder has several files", async () => {
    // The peering names a network spoke in subscription S2; the configuration's networks are in S1,
    // so it is not the configuration's spoke (whose space overlaps the hub's).
    const nets = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.0.0/16"]),
      peering("hub_spoke", "hub", armVnetId("spoke", RG, S2)),
    );
    const providerHcl = `provider "azurerm" {\n  features {}\n  subscription_id = "${S1}"\n}\n`;
    const one = await cli([
      "check",
      writeTree(tmpdir(), {
        "main.tf.json": { ...nets, ...provider("azurerm", { features: {}, subscription_id: S1 }) },
      }),
    ]);
    const two = await cli([
      "check",
      writeTree(tmpdir(), { "main.tf.json": nets, "providers.tf": providerHcl }),
    ]);
    expect(two.code).toBe(0);
    expect(two.out).not.toContain("error: AddressSpace.NoOverlap");
    expect(two.out).toContain(
      `[azurerm_virtual_network_peering.hub_spoke] AddressSpace.NoOverlap (not verified): address-space overlap of network hub with network spoke: network ${armVnetId("spoke", RG, S2)} is known only by id`,
    );
    expect(two.out.replace("2 file(s)", "1 file(s)")).toEqual(one.out);
  });

  test("the provider's environment in another file of the folder is read too (the cloud of a network without a region): was lost when the folder has several files", async () => {
    // Network hub's region is a variable without a value: its cloud comes from the provider's
    // environment (China), and its peering with spoke (West Europe, the public cloud) crosses clouds.
    const nets = tfDoc(
      { variable: { region: {} } },
      vnet("hub", ["10.0.0.0/16"], { location: "${var.region}" }),
      vnet("spoke", ["10.1.0.0/16"]),
      peerBoth("hub", "spoke"),
    );
    const one = await cli([
      "check",
      writeTree(tmpdir(), {
        "main.tf.json": { ...nets, ...provider("azurerm", { features: {}, environment: "china" }) },
      }),
    ]);
    expect(one.code).toBe(1);
    expect(one.out).toContain("error: Peering.SameCloud");
    const two = await cli([
      "check",
      writeTree(tmpdir(), {
        "main.tf.json": nets,
        "providers.tf": `provider "azurerm" {\n  features {}\n  environment = "china"\n}\n`,
      }),
    ]);
    expect(two.out.replace("2 file(s)", "1 file(s)")).toEqual(one.out);
  });

  test("a local module folder is read with its inputs; a registry module is reported, and read once terraform init installed it", async () => {
    const module = `
variable "name" {}
variable "space" {}
variable "hub_id" {}
resource "azurerm_virtual_network" "this" {
  name                = var.name
  resource_group_name = "${RG}"
  location            = "westeurope"
  address_space       = [var.space]
}
resource "azurerm_virtual_network_peering" "to_hub" {
  name                      = "\${var.name}-to-hub"
  resource_group_name       = "${RG}"
  virtual_network_name      = azurerm_virtual_network.this.name
  remote_virtual_network_id = var.hub_id
}
output "id" { value = azurerm_virtual_network.this.id }
`;
    const root = `
resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = "${RG}"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}
module "spokes" {
  source   = "./modules/spoke"
  for_each = { a = "10.1.0.0/16", b = "10.0.3.0/24" }
  name     = "spoke-\${each.key}"
  space    = each.value
  hub_id   = azurerm_virtual_network.hub.id
}
module "shared" {
  source  = "example/shared-spoke/azurerm"
  version = "1.2.0"
  name    = "shared"
  space   = "10.0.4.0/24"
  hub_id  = azurerm_virtual_network.hub.id
}
resource "azurerm_virtual_network_peering" "hub_to" {
  for_each                  = module.spokes
  name                      = "hub-to-\${each.key}"
  resource_group_name       = "${RG}"
  virtual_network_name      = azurerm_virtual_network.hub.name
  remote_virtual_network_id = each.value.id
}
`;
    const dir = writeTree(tmpdir(), { "main.tf": root, "modules/spoke/main.tf": module });
    const r = await checkTerraformFiles([dir]);
    expect(about(r.findings, "AddressSpace.NoOverlap")).toEqual([
      'AddressSpace.NoOverlap azurerm_virtual_network_peering.hub_to["b"]',
    ]);
    expect(r.unverifiable).toContainEqual({
      ruleId: "Input.Unread",
      path: "module.shared",
      what: expect.stringContaining(
        "module example/shared-spoke/azurerm (version 1.2.0) from a registry or remote source) was not read",
      ),
    });
    // terraform init installed it: read from .terraform/modules, as Terraform does.
    writeTree(dir, {
      ".terraform/modules/modules.json": {
        Modules: [
          { Key: "", Source: "", Dir: "." },
          { Key: "spokes", Source: "./modules/spoke", Dir: "modules/spoke" },
          {
            Key: "shared",
            Source: "registry.terraform.io/example/shared-spoke/azurerm",
            Version: "1.2.0",
            Dir: ".terraform/modules/shared",
          },
        ],
      },
      ".terraform/modules/shared/main.tf": module,
    });
    const installed = await checkTerraformFiles([dir]);
    expect(installed.unverifiable.filter((u) => u.ruleId === "Input.Unread")).toEqual([]);
    expect(about(installed.findings, "AddressSpace.NoOverlap")).toEqual([
      'AddressSpace.NoOverlap azurerm_virtual_network_peering.hub_to["b"]',
      "AddressSpace.NoOverlap module.shared.azurerm_virtual_network_peering.to_hub",
    ]);
  });

  test("depends_on naming a module orders a peering after the gateway inside it (Peering.GatewayTransit)", async () => {
    const hub = `variable "rg" { type = string }
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = var.rg
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "gw" {
  name                 = "GatewaySubnet"
  resource_group_name  = var.rg
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.255.0/27"]
}
resource "azurerm_public_ip" "pip" {
  name                = "pip-hub"
  resource_group_name = var.rg
  location            = "westeurope"
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1", "2", "3"]
}
resource "azurerm_virtual_network_gateway" "gw" {
  name                = "vgw-hub"
  resource_group_name = var.rg
  location            = "westeurope"
  type                = "Vpn"
  vpn_type            = "RouteBased"
  sku                 = "VpnGw2AZ"
  generation          = "Generation2"
  ip_configuration {
    name                          = "default"
    subnet_id                     = azurerm_subnet.gw.id
    public_ip_address_id          = azurerm_public_ip.pip.id
    private_ip_address_allocation = "Dynamic"
  }
}
output "vnet_id" { value = azurerm_virtual_network.hub.id }
output "vnet_name" { value = azurerm_virtual_network.hub.name }
`;
    const root = (dependsOn: string) => `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.0" }
  }
}
provider "azurerm" {
  features {}
}
module "hub" {
  source = "./modules/hub"
  rg     = "rg-net"
}
resource "azurerm_virtual_network" "spoke" {
  name                = "vnet-spoke"
  resource_group_name = "rg-net"
  location            = "westeurope"
  address_space       = ["10.1.0.0/16"]
}
resource "azurerm_virtual_network_peering" "hub_spoke" {
  name                      = "hub-to-spoke"
  resource_group_name       = "rg-net"
  virtual_network_name      = module.hub.vnet_name
  remote_virtual_network_id = azurerm_virtual_network.spoke.id
  allow_gateway_transit     = true
}
resource "azurerm_virtual_network_peering" "spoke_hub" {
  name                      = "spoke-to-hub"
  resource_group_name       = "rg-net"
  virtual_network_name      = azurerm_virtual_network.spoke.name
  remote_virtual_network_id = module.hub.vnet_id
  use_remote_gateways       = true
${dependsOn}}
`;
    const ordering = async (dependsOn: string) => {
      const dir = writeTree(tmpdir(), { "main.tf": root(dependsOn), "modules/hub/main.tf": hub });
      const r = await cli(["check", dir]);
      return r.out.split("\n").filter((l) => l.includes("Peering.GatewayTransit"));
    };
    expect(await ordering("  depends_on = [module.hub]\n")).toEqual([]);
    const found = await ordering("");
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("[azurerm_virtual_network_peering.spoke_hub] error: Peering.GatewayTransit");
    expect(found[0]).toContain("nothing makes it wait for gateway vgw-hub");
  });

  test("depends_on of a module call orders every resource of the module (a spoke module's peering after the hub's gateway)", async () => {
    const spoke = `variable "name" { type = string }
variable "space" { type = string }
variable "hub_id" { type = string }
variable "hub_name" { type = string }
resource "azurerm_virtual_network" "this" {
  name                = var.name
  resource_group_name = "rg-net"
  location            = "westeurope"
  address_space       = [var.space]
}
resource "azurerm_virtual_network_peering" "to_hub" {
  name                      = "\${var.name}-to-hub"
  resource_group_name       = "rg-net"
  virtual_network_name      = azurerm_virtual_network.this.name
  remote_virtual_network_id = var.hub_id
  use_remote_gateways       = true
}
resource "azurerm_virtual_network_peering" "from_hub" {
  name                      = "hub-to-\${var.name}"
  resource_group_name       = "rg-net"
  virtual_network_name      = var.hub_name
  remote_virtual_network_id = azurerm_virtual_network.this.id
  allow_gateway_transit     = true
}
`;
    const root = (dependsOn: string) => `terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 4.0" }
  }
}
provider "azurerm" {
  features {}
}
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = "rg-net"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "gw" {
  name                 = "GatewaySubnet"
  resource_group_name  = "rg-net"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.255.0/27"]
}
resource "azurerm_public_ip" "pip" {
  name                = "pip-hub"
  resource_group_name = "rg-net"
  location            = "westeurope"
  allocation_method   = "Static"
  sku                 = "Standard"
  zones               = ["1", "2", "3"]
}
resource "azurerm_virtual_network_gateway" "hub" {
  name                = "vgw-hub"
  resource_group_name = "rg-net"
  location            = "westeurope"
  type                = "Vpn"
  vpn_type            = "RouteBased"
  sku                 = "VpnGw2AZ"
  generation          = "Generation2"
  ip_configuration {
    name                          = "default"
    subnet_id                     = azurerm_subnet.gw.id
    public_ip_address_id          = azurerm_public_ip.pip.id
    private_ip_address_allocation = "Dynamic"
  }
}
module "spoke" {
  source     = "./modules/spoke"
  for_each   = { a = "10.1.0.0/16", b = "10.2.0.0/16" }
  name       = "vnet-spoke-\${each.key}"
  space      = each.value
  hub_id     = azurerm_virtual_network.hub.id
  hub_name   = azurerm_virtual_network.hub.name
${dependsOn}}
`;
    const ordering = async (dependsOn: string) => {
      const dir = writeTree(tmpdir(), { "main.tf": root(dependsOn), "modules/spoke/main.tf": spoke });
      const r = await cli(["check", dir]);
      return r.out.split("\n").filter((l) => l.includes("Peering.GatewayTransit"));
    };
    expect(await ordering("  depends_on = [azurerm_virtual_network_gateway.hub]\n")).toEqual([]);
    const found = await ordering("");
    expect(found.map((l) => l.slice(0, l.indexOf("] error")))).toEqual([
      '[module.spoke["a"].azurerm_virtual_network_peering.to_hub',
      '[module.spoke["b"].azurerm_virtual_network_peering.to_hub',
    ]);
    expect(found[0]).toContain("nothing makes it wait for gateway vgw-hub");
  });

  test("a module calling itself with a count stops at 10,000 module instances, reported (no hang)", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": `${HUB_SPOKE_VARS}\nmodule "m" {\n  source = "./m"\n}\n`,
      "m/main.tf": 'module "me" {\n  source = "./"\n  count  = 10\n}\n',
    });
    const r = await checkTerraformFiles([dir]);
    expect(r.coverage?.modules).toBeLessThanOrEqual(10_000);
    expect(r.unverifiable.length).toBeGreaterThan(0);
    expect(r.unverifiable).toContainEqual({
      ruleId: "Input.Unread",
      path: expect.any(String),
      what: expect.stringMatching(
        /^module\.m(\.module\.me\[\d\])+\.module\.me was not read: .*more than 10000 module instances$/,
      ),
    });
    expect((await cli(["check", "--strict", dir])).code).toBe(1);
  });

  test("the pinned azurerm version: the lock file's when there is one", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": `terraform {\n  required_providers {\n    azurerm = { source = "hashicorp/azurerm", version = ">= 3.0" }\n  }\n}\n${HUB_SPOKE_VARS}`,
      ".terraform.lock.hcl": `provider "registry.terraform.io/hashicorp/azurerm" {\n  version     = "3.117.0"\n  constraints = ">= 3.0.0"\n  hashes = ["h1:x"]\n}\n`,
    });
    expect((await checkTerraformFiles([dir])).coverage?.azurermVersion).toBe("3.117.0");
  });
});

describe("variables: defaults, terraform.tfvars, *.auto.tfvars, --var-file, --var", () => {
  test("values override defaults both ways, later sources winning", async () => {
    const dir = writeTree(tmpdir(), { "main.tf": HUB_SPOKE_VARS });
    const overlap = async (args: string[] = [], env: Record<string, string> = {}) =>
      (await cli(["check", "--format", "json", ...args, dir], env)).out.includes("AddressSpace.NoOverlap");
    // Default 10.1.0.0/16: no overlap.
    expect(await overlap()).toBe(false);
    // A tfvars file makes the spoke overlap; another file given later takes it back.
    const bad = writeTree(tmpdir(), { "bad.tfvars": 'spoke_space = "10.0.1.0/24"\n' });
    const good = writeTree(tmpdir(), { "good.tfvars.json": { spoke_space: "10.2.0.0/16" } });
    expect(await overlap(["--var-file", path.join(bad, "bad.tfvars")])).toBe(true);
    expect(
      await overlap([
        "--var-file",
        path.join(bad, "bad.tfvars"),
        "--var-file",
        path.join(good, "good.tfvars.json"),
      ]),
    ).toBe(false);
    expect(
      await overlap([
        "--var-file",
        path.join(good, "good.tfvars.json"),
        "--var-file",
        path.join(bad, "bad.tfvars"),
      ]),
    ).toBe(true);
    // --var wins over the files.
    expect(
      await overlap(["--var-file", path.join(bad, "bad.tfvars"), "--var", "spoke_space=10.3.0.0/16"]),
    ).toBe(false);
    // terraform.tfvars and *.auto.tfvars are read from the folder, as terraform plan reads them.
    writeTree(dir, { "terraform.tfvars": 'spoke_space = "10.0.2.0/24"\n' });
    expect(await overlap()).toBe(true);
    writeTree(dir, { "z.auto.tfvars.json": { spoke_space: "10.4.0.0/16" } });
    expect(await overlap()).toBe(false);
    // TF_VAR_ in the environment is below the files.
    fs.rmSync(path.join(dir, "terraform.tfvars"));
    fs.rmSync(path.join(dir, "z.auto.tfvars.json"));
    expect(await overlap([], { TF_VAR_spoke_space: "10.0.9.0/24" })).toBe(true);
  });

  test("a --var for a variable no module declares, or not name=value, is refused (exit 2)", async () => {
    const dir = writeTree(tmpdir(), { "main.tf": HUB_SPOKE_VARS });
    expect(await cli(["check", "--var", "nope=1", dir])).toMatchObject({
      code: 2,
      err: ["cdktf-azure-connectivity: --var nope: no root module declares a variable nope"],
    });
    expect((await cli(["check", "--var", "novalue", dir])).code).toBe(2);
  });
});

describe("plan files", () => {
  test("a plan with two overlapping peered VNets exits 1; without the overlap, 0", async () => {
    const dir = writeTree(tmpdir(), {
      "bad.json": twoPeeredPlan("10.0.1.0/24"),
      "good.json": twoPeeredPlan("10.1.0.0/16"),
    });
    const bad = await cli(["check", path.join(dir, "bad.json")]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("AddressSpace.NoOverlap");
    expect(bad.out).toContain("Read 1 plan(s)");
    expect((await cli(["check", path.join(dir, "good.json")])).code).toBe(0);
  });

  const unread = (where: string, what: string) =>
    `[${where}] error: Input.Unread: not verifiable (strict): ${what}`;
  test.each<[string, (plan: any) => void, string, number?]>([
    [
      "planned_values that are a string",
      (p) => (p.planned_values = "oops"),
      unread(
        "planned_values",
        'planned_values is the string "oops", not an object of values, so no resource was read.',
      ),
    ],
    [
      "planned_values without root_module",
      (p) => delete p.planned_values.root_module,
      unread("planned_values.root_module", "planned_values.root_module is missing, so no resource was read."),
    ],
    [
      "no planned_values, and a prior state whose values are a string",
      (p) => {
        delete p.planned_values;
        p.prior_state = { format_version: "1.0", values: "oops" };
      },
      unread(
        "prior_state.values",
        'prior_state.values is the string "oops", not an object of values, so no resource was read.',
      ),
    ],
    [
      "neither planned_values nor a prior state",
      (p) => delete p.planned_values,
      unread(
        "prior_state.values",
        "the plan has neither planned_values nor prior_state.values, so no resource was read.",
      ),
    ],
    [
      "a module's resources that are an object",
      (p) => (p.planned_values.root_module.resources = { a: p.planned_values.root_module.resources[0] }),
      unread(
        "planned_values.root_module.resources",
        "planned_values.root_module.resources is an object, not an array of resource instances, so none of them was read.",
      ),
    ],
    [
      "a child module that is a string",
      (p) => p.planned_values.root_module.child_modules.push("module.spoke"),
      unread(
        "planned_values.root_module.child_modules[0]",
        `planned_values.root_module.child_modules[0] is the string "module.spoke", not an object of a module's resources, so nothing in it was read.`,
      ),
    ],
    [
      "a planned resource without an address",
      (p) => delete p.planned_values.root_module.resources[1].address,
      unread(
        "planned_values.root_module.resources[1]",
        "planned_values.root_module.resources[1] has no address, so it was not read.",
      ),
    ],
    [
      "a planned resource whose values are a string",
      (p) => (p.planned_values.root_module.resources[1].values = "oops"),
      unread(
        "azurerm_virtual_network.b",
        'the values of azurerm_virtual_network.b are the string "oops", not an object of attributes, so it was not read.',
      ),
    ],
    [
      "resource_changes that are a string",
      (p) => (p.resource_changes = "oops"),
      unread(
        "resource_changes",
        'resource_changes is the string "oops", not an array of changes, so no change was read: which values are known only after apply, and what exists already, is not known.',
      ),
    ],
    [
      "a resource change without an address",
      (p) => delete p.resource_changes[2].address,
      unread(
        "resource_changes[2]",
        "resource_changes[2] has no address, so its change was not read: which values are known only after apply, and what exists already, is not known.",
      ),
      // The resource it was for has no change: reported too (below).
      2,
    ],
    [
      "a planned resource without its change in resource_changes",
      (p) => p.resource_changes.splice(2, 1),
      unread(
        "azurerm_virtual_network_peering.a_b",
        "azurerm_virtual_network_peering.a_b is in planned_values but has no change in resource_changes (terraform show -json writes one for every planned resource), so which of its values are known only after apply, and whether it exists already, is not known: its arguments absent from planned_values are not verifiable.",
      ),
    ],
    [
      "planned_values without resource_changes",
      (p) => delete p.resource_changes,
      unread(
        "resource_changes",
        "the plan has planned_values but no resource_changes (terraform show -json writes a change for every planned resource), so which values of its 4 managed resource instance(s) are known only after apply, and what exists already, is not known: their arguments absent from planned_values are not verifiable.",
      ),
    ],
    [
      "a change without after_unknown",
      (p) => delete p.resource_changes[2].change.after_unknown,
      unread(
        "azurerm_virtual_network_peering.a_b",
        "the change of azurerm_virtual_network_peering.a_b in resource_changes has no after_unknown, so which of its values are known only after apply is not known: its arguments absent from planned_values are not verifiable.",
      ),
    ],
    [
      "an after_unknown that is a string",
      (p) => (p.resource_changes[2].change.after_unknown = "oops"),
      unread(
        "resource_changes[2].change.after_unknown",
        'resource_changes[2].change.after_unknown is the string "oops", not an object of the values known only after apply, so which values of azurerm_virtual_network_peering.a_b are known only after apply is not known: its arguments absent from planned_values are not verifiable.',
      ),
    ],
    [
      "a change that is an array",
      (p) => (p.resource_changes[2].change = []),
      unread(
        "resource_changes[2].change",
        "resource_changes[2].change is an array, not an object of a change, so the change of azurerm_virtual_network_peering.a_b was not read: which values are known only after apply, and what exists already, is not known.",
      ),
    ],
    [
      "configuration resources that are an object",
      (p) => (p.configuration.root_module.resources = {}),
      unread(
        "configuration.root_module.resources",
        "configuration.root_module.resources is an object, not an array of resources, so its depends_on and the references of values known only after apply were not read.",
      ),
    ],
    [
      "configuration module calls that are an array",
      (p) => (p.configuration.root_module.module_calls = []),
      unread(
        "configuration.root_module.module_calls",
        "configuration.root_module.module_calls is an array, not an object of module calls by name, so its depends_on and the references of values known only after apply were not read.",
      ),
    ],
    [
      "a configuration output that is a string",
      (p) => (p.configuration.root_module.outputs = { id: "oops" }),
      unread(
        "configuration.root_module.outputs.id",
        'configuration.root_module.outputs.id is the string "oops", not an object of an output, so its depends_on and the references of values known only after apply were not read.',
      ),
    ],
    [
      "no configuration",
      (p) => delete p.configuration,
      unread(
        "configuration",
        "the plan has no configuration (terraform show -json writes it), so the depends_on of its resources and the references of values known only after apply were not read: what each resource waits for at apply, and which resource a value known only after apply comes from, are not known.",
      ),
    ],
    [
      "a configuration without root_module",
      (p) => delete p.configuration.root_module,
      unread(
        "configuration.root_module",
        "configuration.root_module is missing, so the depends_on of the plan's resources and the references of values known only after apply were not read: what each resource waits for at apply, and which resource a value known only after apply comes from, are not known.",
      ),
    ],
    [
      "provider configurations that are an array",
      (p) => (p.configuration.provider_config = [p.configuration.provider_config.azurerm]),
      unread(
        "configuration.provider_config",
        "configuration.provider_config is an array, not an object of provider configurations by key, so the azurerm version it pins was not read.",
      ),
    ],
  ])(
    "%s: reported where it is, with the value found; --strict exits 1",
    async (_what, mutate, line, notes = 1) => {
      const valid = writeTree(tmpdir(), { "plan.json": twoPeeredPlan("10.1.0.0/16") });
      expect((await cli(["check", "--strict", path.join(valid, "plan.json")])).code).toBe(0);
      const plan = twoPeeredPlan("10.1.0.0/16");
      mutate(plan);
      const file = path.join(writeTree(tmpdir(), { "plan.json": plan }), "plan.json");
      const lax = await cli(["check", file]);
      expect(lax.code).toBe(0);
      expect(lax.out).toContain(`; ${notes} not understood.`);
      const strict = await cli(["check", "--strict", file]);
      expect(strict.code).toBe(1);
      expect(strict.out).toContain(`${line} Fix: `);
    },
  );

  test.each<[string, (plan: any) => void]>([
    ["without its change in resource_changes", (p) => p.resource_changes.splice(2, 1)],
    ["without resource_changes", (p) => delete p.resource_changes],
    ["whose change has no after_unknown", (p) => delete p.resource_changes[2].change.after_unknown],
    ["whose after_unknown is a string", (p) => (p.resource_changes[2].change.after_unknown = "oops")],
  ])(
    "a planned peering %s: the remote network id it lacks is the configuration's reference, never unset",
    async (_what, mutate) => {
      const plan = twoPeeredPlan("10.0.1.0/24");
      mutate(plan);
      const file = path.join(writeTree(tmpdir(), { "plan.json": plan }), "plan.json");
      const r = await cli(["check", file]);
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        "[azurerm_virtual_network_peering.a_b] error: AddressSpace.NoOverlap: network a (10.0.0.0/16) and network b (10.0.1.0/24) overlap and are connected by peering azurerm_virtual_network_peering.a_b.",
      );
      expect(r.out).not.toContain("(not set)");
    },
  );

  describe("a plan without its configuration: what a peering waits for is not known", () => {
    const ID =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network";
    // An existing hub (known id) whose gateway the plan creates; a new spoke uses it.
    const plan = (configuration: "none" | "no depends_on" | "depends_on") => {
      const doc: any = planDoc(
        [
          plannedVnet("hub", ["10.0.0.0/16"], { actions: ["no-op"], unknown: [] }),
          plannedGatewaySubnet({ actions: ["no-op"], unknown: [] }),
          plannedGateway("gw", {
            values: {
              ip_configuration: [
                {
                  name: "default",
                  private_ip_address_allocation: "Dynamic",
                  subnet_id: `${ID}/virtualNetworks/hub/subnets/GatewaySubnet`,
                },
              ],
            },
            unknown: [],
          }),
          plannedVnet("spoke", ["10.1.0.0/16"]),
          plannedPeering("spoke_hub", "spoke", {
            values: { use_remote_gateways: true, remote_virtual_network_id: `${ID}/virtualNetworks/hub` },
            unknown: [],
          }),
          plannedPeering("hub_spoke", "hub", { values: { allow_gateway_transit: true } }),
        ],
        {
          configuration: {
            resources: {
              "azurerm_virtual_network_peering.hub_spoke": {
                remote_virtual_network_id: refs(
                  "azurerm_virtual_network.spoke.id",
                  "azurerm_virtual_network.spoke",
                ),
              },
            },
            ...(configuration === "depends_on"
              ? {
                  dependsOn: {
                    "azurerm_virtual_network_peering.spoke_hub": ["azurerm_virtual_network_gateway.gw"],
                  },
                }
              : {}),
          },
        },
      );
      if (configuration === "none") delete doc.configuration;
      return path.join(writeTree(tmpdir(), { "plan.json": doc }), "plan.json");
    };

    test("with its configuration, depends_on decides as before", async () => {
      expect((await cli(["check", plan("depends_on")])).code).toBe(0);
      const racing = await cli(["check", plan("no depends_on")]);
      expect(racing.code).toBe(1);
      expect(racing.out).toContain(
        "[azurerm_virtual_network_peering.spoke_hub] error: Peering.GatewayTransit: peering spoke_hub",
      );
      expect(racing.out).toContain("nothing makes it wait for gateway vgw of network hub");
    });

    test("without it: Peering.GatewayTransit not verified, the missing configuration said once; --strict exits 1", async () => {
      const lax = await cli(["check", plan("none")]);
      expect(lax.code).toBe(0);
      expect(lax.out).not.toContain("nothing makes it wait");
      expect(lax.out).toContain(
        "[azurerm_virtual_network_peering.spoke_hub] Peering.GatewayTransit (not verified): gateway transit: whether peering spoke_hub",
      );
      expect(lax.out).toContain(
        "waits for gateway vgw of network hub, created by the same configuration: the plan's configuration, which holds the depends_on and the references that order resources at apply, was not read",
      );
      expect(lax.out.match(/Input\.Unread/g)).toHaveLength(1);
      expect(lax.out).toContain(
        "[configuration] Input.Unread (not verified): the plan has no configuration (terraform show -json writes it)",
      );
      expect(lax.out).toContain("; 1 not understood.");
      const strict = await cli(["check", "--strict", plan("none")]);
      expect(strict.code).toBe(1);
      expect(strict.out).toContain(
        "[azurerm_virtual_network_peering.spoke_hub] error: Peering.GatewayTransit: not verifiable (strict): gateway transit: whether peering spoke_hub",
      );
    });
  });

  test("a binary plan is refused with the command that makes the JSON", async () => {
    const dir = writeTree(tmpdir(), { "plan.out": "PK\u0003\u0004binary" });
    expect(await cli(["check", path.join(dir, "plan.out")])).toMatchObject({
      code: 2,
      errText: expect.stringContaining("a binary plan file; run terraform show -json plan.out > plan.json"),
    });
  });
});

describe("unusable input exits 2 with one line", () => {
  const oneLine = (r: { err: string[] }) => {
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).not.toContain("\n");
    expect(r.err[0]).not.toMatch(/\bat .*\.(ts|js):\d+/);
  };

  test.each([
    ["an empty object", {}, /an empty JSON object: expected Terraform JSON/],
    [
      "JSON of no known shape",
      { hello: "world" },
      /not Terraform JSON .*nor a terraform show -json plan or state/,
    ],
    [
      "a plan of an unknown major format",
      { format_version: "2.0", planned_values: {} },
      /format_version is 2\.0/,
    ],
    ["a top-level array", [{ resource: {} }], /expected a JSON object, got an array/],
  ])("%s", async (_what, doc, message) => {
    const file = path.join(writeTree(tmpdir(), { "input.json": doc }), "input.json");
    const r = await cli(["check", file]);
    expect(r.code).toBe(2);
    expect(r.errText).toMatch(message);
    oneLine(r);
    await expect(checkTerraformFiles([file])).rejects.toThrow(UnusableInputError);
  });

  test("invalid HCL names the file and line", async () => {
    const dir = writeTree(tmpdir(), { "main.tf": 'resource "a" "b" {\n  x = \n}\n' });
    const r = await cli(["check", dir]);
    expect(r.code).toBe(2);
    expect(r.errText).toMatch(/main\.tf: not valid HCL \(.*main\.tf:2/);
    oneLine(r);
  });

  test("address spaces nested 5,000 deep: refused, no crash", async () => {
    const deep = "[".repeat(5_000) + '"10.0.0.0/16"' + "]".repeat(5_000);
    const text = `{"resource": {"azurerm_virtual_network": {"a": {"name": "a", "resource_group_name": "rg", "address_space": ${deep}}}}}`;
    const dir = writeTree(tmpdir(), { "main.tf.json": text });
    const r = await cli(["check", dir]);
    expect(r.code).toBe(2);
    expect(r.errText).toContain("nested deeper than 256 levels");
    oneLine(r);
    // Through the API (an object already parsed), the value is not understood, reported, never a crash.
    const doc = JSON.parse(text);
    const report = await checkTerraformFiles([
      writeTree(tmpdir(), { "ok.tf.json": tfDoc(vnet("x", ["10.0.0.0/16"])) }),
    ]);
    expect(report.findings).toEqual([]);
    const { checkTerraformDocuments } = await import("../../../policies/check-terraform");
    const r2 = checkTerraformDocuments([{ stack: "", doc }]);
    expect(r2.coverage?.notUnderstood.length).toBeGreaterThan(0);
  });

  test("a FIFO (as the argument or in a folder) is refused without being opened", async () => {
    const dir = tmpdir();
    const fifo = path.join(dir, "pipe.tf.json");
    execFileSync("mkfifo", [fifo]);
    const r = await cli(["check", fifo]);
    expect(r.code).toBe(2);
    expect(r.errText).toContain(
      "a named pipe (FIFO), not a file or folder this tool reads (refused without reading it)",
    );
    oneLine(r);
    const inFolder = await cli(["check", dir]);
    expect(inFolder.code).toBe(2);
    expect(inFolder.errText).toContain("pipe.tf.json: not a regular file");
  });

  test("a device is refused", async () => {
    const r = await cli(["check", "/dev/null"]);
    expect(r.code).toBe(2);
    expect(r.errText).toContain("a character device");
  });

  test("an unreadable folder or file: permission denied, one line", async () => {
    if (process.getuid?.() === 0) return; // root reads everything: nothing to test
    const dir = writeTree(tmpdir(), { "sub/main.tf.json": tfDoc(vnet("a", ["10.0.0.0/16"])) });
    fs.chmodSync(path.join(dir, "sub"), 0o000);
    try {
      const r = await cli(["check", dir]);
      expect(r.code).toBe(2);
      expect(r.errText).toContain("permission denied");
      oneLine(r);
    } finally {
      fs.chmodSync(path.join(dir, "sub"), 0o755);
    }
  });

  test("a permission error (simulated, whoever runs the tests) is one line", async () => {
    const dir = writeTree(tmpdir(), { "sub/main.tf.json": tfDoc(vnet("a", ["10.0.0.0/16"])) });
    const real = jest.requireActual("fs").readdirSync;
    (fs.readdirSync as jest.Mock).mockImplementation((p: fs.PathLike, o?: any) => {
      if (String(p).endsWith(`${path.sep}sub`)) {
        throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(p)}'`), {
          code: "EACCES",
        });
      }
      return real(p, o);
    });
    try {
      const r = await cli(["check", dir]);
      expect(r.code).toBe(2);
      expect(r.err).toEqual([`cdktf-azure-connectivity: ${path.join(dir, "sub")}: permission denied`]);
    } finally {
      (fs.readdirSync as jest.Mock).mockImplementation(real);
    }
  });

  test("a folder with nothing to check says what was looked for", async () => {
    const dir = writeTree(tmpdir(), { "README.md": "# nothing" });
    const r = await cli(["check", dir]);
    expect(r.code).toBe(2);
    expect(r.errText).toContain("nothing to check: no .tf or .tf.json file in this folder or its subfolders");
  });
});

describe("symlinks and names, as Terraform reads them", () => {
  test("a symlinked .tf.json in a folder is read (not skipped)", async () => {
    const shared = writeTree(tmpdir(), { "peering.tf.json": tfDoc(peerBoth("hub", "spoke")) });
    const dir = writeTree(tmpdir(), {
      "main.tf.json": tfDoc(vnet("hub", ["10.0.0.0/16"]), vnet("spoke", ["10.0.1.0/24"])),
    });
    fs.symlinkSync(path.join(shared, "peering.tf.json"), path.join(dir, "peering.tf.json"));
    const r = await cli(["check", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("AddressSpace.NoOverlap");
  });

  test("a top-level __proto__ key in one of two files: no crash; reported as not understood", async () => {
    const dir = writeTree(tmpdir(), {
      "a.tf.json": tfDoc(vnet("hub", ["10.0.0.0/16"]), vnet("spoke", ["10.0.1.0/24"])),
      "b.tf.json":
        '{"__proto__": {"x": 1}, "resource": {"azurerm_virtual_network_peering": {"__proto__": {"name": "p", "resource_group_name": "rg-net", "virtual_network_name": "${azurerm_virtual_network.hub.name}", "remote_virtual_network_id": "${azurerm_virtual_network.spoke.id}"}}}}',
    });
    const r = await cli(["check", dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("[azurerm_virtual_network_peering.__proto__] error: AddressSpace.NoOverlap");
    expect(r.out).toContain('the top-level key "__proto__" is not part of Terraform\'s configuration syntax');
  });
});

describe("--strict", () => {
  test("what cannot be verified fails (exit 1), as error findings", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf.json": tfDoc(
        requiredAzurerm("~> 4.0"),
        { variable: { space: { type: "string" } } },
        vnet("hub", ["10.0.0.0/16"]),
        vnet("spoke", ["${var.space}"]),
        peerBoth("hub", "spoke"),
      ),
    });
    const lax = await cli(["check", dir]);
    expect(lax.code).toBe(0);
    expect(lax.out).toMatch(/[1-9]\d* not verifiable\./);
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain("error: AddressSpace.NoOverlap: not verifiable (strict)");
    // A value known only after apply: the fix is to make it known (not the fix for what was not read).
    expect(strict.out).toContain(
      "Fix: Make the value known before apply (a literal, a variable with a value, a local module, a plan), or suppress the check for this resource with a reason.",
    );
    expect(strict.out).toContain("(--strict: not verifiable fails)");
    expect(idOf("a", "b")).toBe("${a.b.id}");
  });

  test("a resource that could not be read is listed once, as an error, and the run fails", async () => {
    const unknownCount = NEW_USER_HCL.replace(
      "count                = 1",
      "count                = length(azurerm_virtual_network.hub.id)",
    );
    const dir = writeTree(tmpdir(), { "main.tf": unknownCount });
    const lax = await cli(["check", dir]);
    expect(lax.out).toContain(
      "[azurerm_subnet.gw] Input.Unread (not verified): azurerm_subnet.gw was not checked",
    );
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    const lines = strict.out.split("\n").filter((l) => l.includes("azurerm_subnet.gw was not checked"));
    expect(lines).toEqual([
      expect.stringMatching(
        /^\[azurerm_subnet.gw\] error: Input.Unread: not verifiable \(strict\): .*after apply\. Fix: /,
      ),
    ]);
  });
});

/** Two peered VNets in HCL whose hub takes its address space from `hubSpace` (an HCL expression). */
function peeredHcl(hubSpace: string, extra = ""): string {
  return `${extra}
resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = "${RG}"
  location            = "westeurope"
  address_space       = ${hubSpace}
}

resource "azurerm_virtual_network" "spoke" {
  name                = "spoke"
  resource_group_name = "${RG}"
  location            = "westeurope"
  address_space       = ["10.0.0.0/16"]
}

${PEERINGS_HCL}`;
}

describe("--strict on expressions the evaluator does not understand", () => {
  test("a local calling a function the evaluator does not know, used as an address space: not verifiable, --strict exits 1", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": peeredHcl("local.spaces", 'locals {\n  spaces = [nosuchfunc("10.0.0.0/16")]\n}\n'),
    });
    const lax = await cli(["check", dir]);
    expect(lax.code).toBe(0);
    expect(lax.out).toMatch(
      /^\[local\.spaces\] Input\.Unread \(not verified\): local\.spaces .*the function nosuchfunc is not supported/m,
    );
    expect(lax.out).not.toContain("[local.spaces] not understood:");
    // Its value is unknown, not an empty address space: the overlap with the spoke is not verified.
    expect(lax.out).toContain(
      '[local.spaces] Input.Unread (not verified): local.spaces = [nosuchfunc("10.0.0.0/16")] cannot be evaluated: the function nosuchfunc is not supported; its value is unknown',
    );
    expect(lax.out).toContain(
      '[azurerm_virtual_network_peering.hub_spoke] AddressSpace.NoOverlap (not verified): address-space overlap of network hub with network spoke: address_space is ${[nosuchfunc("10.0.0.0/16")]}',
    );
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toMatch(
      /^\[local\.spaces\] error: Input\.Unread: not verifiable \(strict\): local\.spaces .*the function nosuchfunc is not supported.* Fix: /m,
    );
  });

  test("an argument no rule reads (tags) with a function the evaluator does not know: --strict exits 1", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": peeredHcl('["10.1.0.0/16"]\n  tags                = { created = timestamp() }'),
    });
    const lax = await cli(["check", dir]);
    expect(lax.code).toBe(0);
    expect(lax.out).toContain(
      "[azurerm_virtual_network.hub.tags] Input.Unread (not verified): azurerm_virtual_network.hub.tags is not understood: the function timestamp is not supported",
    );
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(
      "[azurerm_virtual_network.hub.tags] error: Input.Unread: not verifiable (strict): azurerm_virtual_network.hub.tags is not understood: the function timestamp is not supported. Fix: Give the checker what the message names (fix the file or the part of the plan, install or point to the module, replace what cannot be evaluated), or suppress Input.Unread for this path with a reason.",
    );
    // The same configuration without the function: understood, nothing unverifiable, exit 0.
    const fine = writeTree(tmpdir(), { "main.tf": peeredHcl('["10.1.0.0/16"]') });
    const ok = await cli(["check", "--strict", fine]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("0 not understood.");
    expect(ok.out).toContain("0 error(s), 0 warning(s), 0 suppressed, 0 not verifiable");
  });

  test("a module output that cannot be evaluated, used in an argument: not verifiable, --strict exits 1", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": peeredHcl(
        '["10.1.0.0/16"]\n  tags                = module.meta.tags',
        'module "meta" {\n  source = "./meta"\n}\n',
      ),
      "meta/main.tf": 'output "tags" {\n  value = { created = timestamp() }\n}\n',
    });
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(
      "[module.meta.output.tags] error: Input.Unread: not verifiable (strict): output.tags = { created = timestamp() } cannot be evaluated: the function timestamp is not supported; its value is unknown.",
    );
  });
});

describe("a section of Terraform JSON that is not an object is reported, never dropped", () => {
  const HUB = {
    name: "hub",
    resource_group_name: RG,
    location: "westeurope",
    address_space: ["10.0.0.0/16"],
  };
  test.each([
    [
      "a resource type whose blocks are a string",
      { resource: { azurerm_virtual_network: { hub: HUB }, azurerm_subnet: "oops" } },
      '[resource.azurerm_subnet] error: Input.Unread: not verifiable (strict): resource.azurerm_subnet is the string "oops", not an object of azurerm_subnet blocks by name, so nothing in it was read (Terraform refuses it).',
    ],
    [
      "a resource section holding a string and a number",
      { resource: [{ azurerm_virtual_network: { hub: HUB } }, "oops", 3] },
      "[resource] error: Input.Unread: not verifiable (strict): resource holds the number 3, not an object of resource types, so it was not read (Terraform refuses it).",
    ],
    [
      "locals that are a string",
      { resource: { azurerm_virtual_network: { hub: HUB } }, locals: "spaces" },
      '[locals] error: Input.Unread: not verifiable (strict): locals is the string "spaces", not an object of locals by name, so nothing in it was read (Terraform refuses it).',
    ],
    [
      "a resource body that is a string",
      { resource: { azurerm_virtual_network: { hub: HUB }, azurerm_subnet: { gw: "oops" } } },
      '[azurerm_subnet.gw] error: Input.Unread: not verifiable (strict): the body of azurerm_subnet.gw is the string "oops", not an object of arguments, so it was not read (Terraform refuses it).',
    ],
    [
      "a dynamic block whose body is a string",
      {
        resource: {
          azurerm_virtual_network: { hub: HUB },
          azurerm_subnet: {
            s: {
              name: "s",
              resource_group_name: RG,
              virtual_network_name: "hub",
              address_prefixes: ["10.0.1.0/24"],
              dynamic: { delegation: "oops" },
            },
          },
        },
      },
      '[azurerm_subnet.s] error: Input.Unread: not verifiable (strict): the dynamic "delegation" blocks of azurerm_subnet.s are not known: its body is the string "oops", not an object (Terraform refuses it).',
    ],
  ])("%s: --strict exits 1, naming where", async (_what, doc, line) => {
    const dir = writeTree(tmpdir(), { "main.tf.json": doc });
    const lax = await cli(["check", dir]);
    expect(lax.code).toBe(0);
    expect(lax.out).toMatch(/; [1-9] not understood\./);
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(`${line} Fix: `);
  });
});

describe("override files merge as Terraform merges them; what Terraform refuses in them is reported", () => {
  const BASE = `
variable "space" {
  default = "10.0.0.0/16"
}
locals {
  location = "westeurope"
}
resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = "${RG}"
  location            = local.location
  address_space       = [var.space]
}
output "hub_id" {
  value = azurerm_virtual_network.hub.id
}
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm", version = "~> 3.100" }
    random  = { source = "hashicorp/random", version = "~> 3.0" }
  }
}
`;
  const missing = (where: string, what: string, error: string) =>
    `[${where}] error: Input.Unread: not verifiable (strict): {file}: ${what} is not declared in the module's other files, so its override was not read (Terraform refuses it: "${error}").`;
  test.each([
    [
      "a resource no other file declares",
      "override.tf",
      `resource "azurerm_subnet" "gw" {\n  name = "GatewaySubnet"\n}\n`,
      missing("azurerm_subnet.gw", "azurerm_subnet.gw", "Missing resource to override"),
    ],
    [
      "a data source no other file declares",
      "override.tf",
      `data "azurerm_virtual_network" "hub" {\n  name = "hub"\n}\n`,
      missing(
        "data.azurerm_virtual_network.hub",
        "data.azurerm_virtual_network.hub",
        "Missing data resource to override",
      ),
    ],
    [
      "a module call no other file declares",
      "override.tf",
      `module "spoke" {\n  source = "./spoke"\n}\n`,
      missing("module.spoke", "module call spoke", "Missing module call to override"),
    ],
    [
      "a variable whose name is mistyped",
      "vars_override.tf",
      `variable "spaec" {\n  default = "10.1.0.0/16"\n}\n`,
      missing("var.spaec", "variable spaec", "Missing base variable declaration to override"),
    ],
    [
      "a local no other file declares",
      "override.tf",
      `locals {\n  locaton = "eastus"\n}\n`,
      missing("local.locaton", "local locaton", "Missing base local value definition to override"),
    ],
    [
      "an output no other file declares",
      "override.tf",
      `output "spoke_id" {\n  value = "x"\n}\n`,
      missing("output.spoke_id", "output spoke_id", "Missing base output definition to override"),
    ],
    [
      "an aliased provider configuration no other file declares",
      "override.tf",
      `provider "azurerm" {\n  alias = "west"\n  features {}\n}\n`,
      missing(
        "provider.azurerm.west",
        'the azurerm provider configuration with alias "west"',
        "Missing base provider configuration for override",
      ),
    ],
    [
      "depends_on in an override",
      "override.tf",
      `resource "azurerm_virtual_network" "hub" {\n  depends_on = [azurerm_resource_group.rg]\n}\n`,
      '[azurerm_virtual_network.hub] error: Input.Unread: not verifiable (strict): {file}: azurerm_virtual_network.hub sets depends_on in an override file, so its depends_on was not read (Terraform refuses it: "Unsupported override").',
    ],
    [
      "moved blocks in an override",
      "override.tf.json",
      JSON.stringify({ moved: { from: "azurerm_virtual_network.old", to: "azurerm_virtual_network.hub" } }),
      `[moved] error: Input.Unread: not verifiable (strict): {file}: moved blocks are in an override file, so they were not read (Terraform refuses it: "Cannot override 'moved' blocks").`,
    ],
    [
      "a resource type whose blocks are a string",
      "override.tf.json",
      JSON.stringify({ resource: { azurerm_virtual_network: "oops" } }),
      '[resource.azurerm_virtual_network] error: Input.Unread: not verifiable (strict): {file}: resource.azurerm_virtual_network is the string "oops", not an object of azurerm_virtual_network blocks by name, so nothing in it was read (Terraform refuses it).',
    ],
    [
      "a resource body that is a string",
      "override.tf.json",
      JSON.stringify({ resource: { azurerm_virtual_network: { hub: "10.9.0.0/16" } } }),
      '[azurerm_virtual_network.hub] error: Input.Unread: not verifiable (strict): {file}: the body of azurerm_virtual_network.hub is the string "10.9.0.0/16", not an object of arguments, so it was not read (Terraform refuses it).',
    ],
    [
      "a top-level key that is not Terraform",
      "override.tf.json",
      JSON.stringify({
        "//": "written by a tool",
        resources: { azurerm_virtual_network: { hub: { address_space: ["10.9.0.0/16"] } } },
      }),
      `[resources] error: Input.Unread: not verifiable (strict): {file}: the top-level key "resources" is not part of Terraform's configuration syntax.`,
    ],
  ])("%s: was ignored in silence; --strict exits 1, naming the file", async (_what, name, text, line) => {
    const dir = writeTree(tmpdir(), { "main.tf": BASE, [name]: text });
    const lax = await cli(["check", dir]);
    expect(lax.code).toBe(0);
    expect(lax.out).toContain("; 1 not understood.");
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(`${line.replace("{file}", path.join(dir, name))} Fix: `);
  });

  test("an override in a called module's folder is reported with the module's address", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": `module "spoke" {\n  source = "./spoke"\n}\n`,
      "spoke/main.tf": BASE,
      "spoke/override.tf": `resource "azurerm_subnet" "gw" {\n  name = "GatewaySubnet"\n}\n`,
    });
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(
      `[module.spoke.azurerm_subnet.gw] error: Input.Unread: not verifiable (strict): ${path.join(dir, "spoke", "override.tf")}: azurerm_subnet.gw is not declared in the module's other files, so its override was not read (Terraform refuses it: "Missing resource to override").`,
    );
  });

  test("terraform.required_providers in an override replaces the pinned version, provider by provider: was ignored", async () => {
    const pin = (provider: string, version: string) =>
      `terraform {\n  required_providers {\n    ${provider} = { source = "hashicorp/${provider}", version = "${version}" }\n  }\n}\n`;
    const r = await cli([
      "check",
      "--strict",
      writeTree(tmpdir(), {
        "main.tf": BASE,
        "a_override.tf": pin("azurerm", "~> 4.0"),
        "b_override.tf": pin("random", "~> 3.6"),
      }),
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Read 1 configuration(s): 1 module instance(s), 1 resource block(s), 1 instance(s), azurerm ~> 4.0; 0 not understood.",
    );
  });

  test("a provider configuration in an override merges into the configuration, or is it when there is none: was ignored", async () => {
    // The peering names a network spoke in subscription S2, which the override makes the provider's:
    // it is the configuration's spoke, whose space overlaps the hub's.
    const nets = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.0.0/16"]),
      peering("hub_spoke", "hub", armVnetId("spoke", RG, S2)),
    );
    const overlap =
      "[azurerm_virtual_network_peering.hub_spoke] error: AddressSpace.NoOverlap: network hub (10.0.0.0/16) and network spoke (10.0.0.0/16) overlap";
    const merged = await cli([
      "check",
      writeTree(tmpdir(), {
        "main.tf.json": { ...nets, ...provider("azurerm", { features: {}, subscription_id: S1 }) },
        "override.tf": `provider "azurerm" {\n  subscription_id = "${S2}"\n}\n`,
      }),
    ]);
    expect(merged.code).toBe(1);
    expect(merged.out).toContain(overlap);
    // No provider configuration in the other files: the override's is the configuration (S1).
    const added = await cli([
      "check",
      writeTree(tmpdir(), {
        "main.tf.json": nets,
        "override.tf": `provider "azurerm" {\n  features {}\n  subscription_id = "${S1}"\n}\n`,
      }),
    ]);
    expect(added.code).toBe(0);
    expect(added.out).not.toContain(overlap);
    expect(added.out).toContain(`network ${armVnetId("spoke", RG, S2)} is known only by id`);
  });
});

describe("what the loader could not read is said", () => {
  const REMOTE = `
module "shared" {
  source  = "example/shared-spoke/azurerm"
  version = "1.2.0"
}
${NEW_USER_HCL}`;

  test("a .terraform/modules/modules.json that is not valid JSON is said to be unreadable, not 'not installed'", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf": REMOTE,
      ".terraform/modules/modules.json": "{ not json",
    });
    const r = await cli(["check", "--strict", dir]);
    expect(r.code).toBe(1);
    const line = r.out.split("\n").find((l) => l.startsWith("[module.shared] error: Input.Unread"));
    expect(line).toContain(
      `module.shared (module example/shared-spoke/azurerm (version 1.2.0) from a registry or remote source) was not read: ${path.join(dir, ".terraform/modules/modules.json")} is not valid JSON (`,
    );
    expect(line).toContain("run terraform init again");
    expect(line).not.toContain("not installed");
  });

  test("a root folder nested deeper than the search goes is reported, never skipped in silence", async () => {
    const deep = Array.from({ length: 34 }, (_, i) => `d${i}`).join("/");
    const dir = writeTree(tmpdir(), {
      "a/main.tf.json": tfDoc(vnet("a", ["10.0.0.0/16"])),
      [`${deep}/main.tf.json`]: tfDoc(vnet("b", ["10.0.0.0/16"])),
    });
    const root = path.join(dir, deep);
    const lax = await cli(["check", dir]);
    expect(lax.code).toBe(0);
    expect(lax.out).toContain(
      `[${root}] Input.Unread (not verified): ${root} was not checked: it is nested deeper than 32 folders below ${dir}, where the search for .tf and .tf.json files stops; check that folder directly`,
    );
    expect(lax.out).toContain("1 not verifiable.");
    const strict = await cli(["check", "--strict", dir]);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain(
      `[${root}] error: Input.Unread: not verifiable (strict): ${root} was not checked`,
    );
    // Nothing else to check: exit 2, naming the folder that was not checked.
    const only = writeTree(tmpdir(), { [`${deep}/main.tf.json`]: tfDoc(vnet("b", ["10.0.0.0/16"])) });
    const none = await cli(["check", only]);
    expect(none.code).toBe(2);
    expect(none.err).toEqual([
      `cdktf-azure-connectivity: ${only}: nothing to check within 32 folders: ${path.join(only, deep)} was not checked: it is nested deeper than 32 folders below ${only}, where the search for .tf and .tf.json files stops; check that folder directly`,
    ]);
    // A deep folder without Terraform is no finding.
    const empty = writeTree(tmpdir(), {
      "a/main.tf.json": tfDoc(vnet("a", ["10.0.0.0/16"])),
      [`${deep}/README.md`]: "# nothing",
    });
    const quiet = await cli(["check", "--strict", empty]);
    expect(quiet.code).toBe(0);
    expect(quiet.out).toContain("0 not verifiable");
  });
});

describe("the CLI's arguments", () => {
  test("--help per command, --version, unknown options refused by name", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.out).toContain("Commands:");
    const checkHelp = await cli(["check", "--help"]);
    expect(checkHelp.code).toBe(0);
    expect(checkHelp.out).toContain("--var-file <file>");
    expect(checkHelp.out).toContain("terraform show -json plan.out > plan.json");
    const version = await cli(["--version"]);
    expect(version.out).toMatch(/^\d+\.\d+\.\d+/);
    expect((await cli(["check", "--version"])).out).toBe(version.out);
    expect(await cli(["check", "--formt", "json", "x"])).toMatchObject({
      code: 2,
      err: ["cdktf-azure-connectivity: unknown option --formt; see cdktf-azure-connectivity check --help"],
    });
    expect(await cli(["--bogus"])).toMatchObject({
      code: 2,
      errText: expect.stringContaining("unknown option --bogus"),
    });
    expect(await cli(["check", "--format"])).toMatchObject({
      code: 2,
      errText: expect.stringContaining("--format"),
    });
  });
});

describe("coverage in every report", () => {
  test("text, JSON and SARIF say what was read and what was not understood", async () => {
    const dir = writeTree(tmpdir(), {
      "main.tf.json": tfDoc(vnet("hub", ["10.0.0.0/16"]), vnet("odd", ['${jsondecode("[]")}']), {
        module: { remote: { source: "example/x/azurerm", version: "1.0.0" } },
      }),
    });
    const text = await cli(["check", dir]);
    expect(text.out).toContain(
      "Read 1 configuration(s): 1 module instance(s), 2 resource block(s), 2 instance(s); 2 not understood.",
    );
    expect(text.out).toContain(
      "[module.remote] Input.Unread (not verified): module.remote (module example/x/azurerm",
    );
    // An expression not understood is not verifiable: listed once, as Input.Unread.
    expect(text.out).toContain(
      "[azurerm_virtual_network.odd.address_space] Input.Unread (not verified): azurerm_virtual_network.odd.address_space is not understood: the function jsondecode is not supported",
    );
    expect(text.out).not.toContain("[azurerm_virtual_network.odd.address_space] not understood:");
    const json = JSON.parse((await cli(["check", "--format", "json", dir])).out);
    expect(json.coverage).toMatchObject({ resources: 2, instances: 2, modules: 1 });
    expect(json.coverage.notUnderstood).toHaveLength(2);
    const sarif = JSON.parse((await cli(["check", "--format", "sarif", dir])).out);
    expect(sarif.runs[0].properties.coverage).toEqual(json.coverage);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text);
    expect(notes).toContainEqual(expect.stringContaining("Input.Unread (not verified): module.remote"));
    expect(notes).toContainEqual(
      expect.stringContaining("not understood: azurerm_virtual_network.odd.address_space"),
    );
  });
});
