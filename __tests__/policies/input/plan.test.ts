/**
 * `terraform show -json` plans and states (format 1.x), written as Terraform's JSON output format
 * documents them: planned values with child modules, resource changes with `after_unknown`, and the
 * configuration's references for ids known only after apply.
 */
import {
  UnusableInputError,
  checkTerraform,
  checkTerraformDocuments,
} from "../../../policies/check-terraform";
import { Finding } from "../../../policies/finding";
import { buildModel } from "../../../policies/model";
import { readInputs } from "../../../policies/input/read";
import {
  RG,
  armVnetId,
  instancesAsNames,
  peerBoth,
  planDoc,
  gatewayRefs,
  planned,
  plannedGateway,
  plannedGatewaySubnet,
  plannedPeering,
  plannedVnet,
  refs,
  tfDoc,
  twoPeeredPlan,
  vnet,
} from "../../../test-utils/terraform";

const ABOUT = new Set(["AddressSpace.NoOverlap", "Peering.MissingReverse"]);
const ids = (doc: object, options = {}) =>
  checkTerraformDocuments([{ stack: "", doc }], options)
    .findings.filter((f) => ABOUT.has(f.ruleId))
    .map((f) => `${f.ruleId} ${f.path}`);

/** `Peering.GatewayTransit`'s findings on a document, as `path: message`. */
const ordering = (doc: object) =>
  checkTerraform(doc)
    .filter((f) => f.ruleId === "Peering.GatewayTransit")
    .map((f) => `${f.path}: ${f.message}`);

describe("plans", () => {
  test("two overlapping VNets peered in a plan: AddressSpace.NoOverlap, through the configuration's references", () => {
    expect(ids(twoPeeredPlan("10.0.1.0/24"))).toEqual([
      "AddressSpace.NoOverlap azurerm_virtual_network_peering.a_b",
    ]);
    expect(ids(twoPeeredPlan("10.1.0.0/16"))).toEqual([]);
    expect(checkTerraformDocuments([{ stack: "", doc: twoPeeredPlan("10.1.0.0/16") }]).unverifiable).toEqual(
      [],
    );
  });

  test("a plan and the configuration it was planned from give the same findings", () => {
    const config = tfDoc(vnet("a", ["10.0.0.0/16"]), vnet("b", ["10.0.1.0/24"]), peerBoth("a", "b"));
    const text = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.path} ${f.message}`).sort();
    expect(text(checkTerraform(twoPeeredPlan("10.0.1.0/24")))).toEqual(text(checkTerraform(config)));
  });

  test("child modules with count and for_each; references through module variables and outputs", () => {
    const spoke = (key: string) => `module.spokes["${key}"]`;
    const doc = planDoc(
      [
        plannedVnet("hub", ["10.0.0.0/16"]),
        plannedVnet("spoke-a", ["10.1.0.0/16"], { tf: "this", module: spoke("a") }),
        plannedVnet("spoke-b", ["10.0.2.0/24"], { tf: "this", module: spoke("b") }),
        plannedPeering("to_hub", "spoke-a", { module: spoke("a") }),
        plannedPeering("to_hub", "spoke-b", { module: spoke("b") }),
        plannedPeering("hub_to", "hub", { index: "a" }),
        plannedPeering("hub_to", "hub", { index: "b" }),
      ],
      {
        configuration: {
          resources: {
            // Through count/each the plan lists the resource and each.key only: not paired (a guess).
            "azurerm_virtual_network_peering.hub_to": {
              remote_virtual_network_id: refs("module.spokes", "each.key"),
            },
          },
          calls: {
            spokes: {
              source: "./modules/spoke",
              expressions: { hub_id: refs("azurerm_virtual_network.hub.id", "azurerm_virtual_network.hub") },
              module: {
                resources: {
                  "azurerm_virtual_network_peering.to_hub": { remote_virtual_network_id: refs("var.hub_id") },
                },
                outputs: { id: refs("azurerm_virtual_network.this.id", "azurerm_virtual_network.this") },
              },
            },
          },
        },
      },
    );
    const r = checkTerraformDocuments([{ stack: "", doc }]);
    expect(r.findings.filter((f) => f.ruleId === "AddressSpace.NoOverlap").map((f) => f.path)).toEqual([
      'module.spokes["b"].azurerm_virtual_network_peering.to_hub',
    ]);
    // The root's peerings reach the spokes through each.key: their remote networks stay unknown, and say so.
    const model = buildModel(readInputs([{ stack: "", doc }]).docs);
    const hubTo = model.peerings.filter((p) => p.path.startsWith("azurerm_virtual_network_peering.hub_to"));
    expect(hubTo.map((p) => [p.path, p.remote, p.remoteExpr])).toEqual([
      [
        'azurerm_virtual_network_peering.hub_to["a"]',
        undefined,
        "${(known after apply: module.spokes, each.key)}",
      ],
      [
        'azurerm_virtual_network_peering.hub_to["b"]',
        undefined,
        "${(known after apply: module.spokes, each.key)}",
      ],
    ]);
    expect(r.coverage).toMatchObject({ documents: { plans: 1 }, modules: 3, instances: 7 });
    expect(instancesAsNames(r.findings[0]?.path ?? "")).not.toContain("[");
  });

  test("a network known by its literal id is that network; a data source carries what it read at plan", () => {
    const doc = planDoc([
      planned(
        "azurerm_virtual_network",
        "hub",
        {
          id: armVnetId("hub"),
          name: "hub",
          resource_group_name: RG,
          address_space: ["10.0.0.0/16"],
        },
        { actions: ["no-op"] },
      ),
      planned(
        "azurerm_virtual_network",
        "existing",
        {
          id: armVnetId("legacy", "rg-old"),
          name: "legacy",
          resource_group_name: "rg-old",
          address_space: ["10.0.128.0/17"],
        },
        { mode: "data" },
      ),
      plannedPeering("hub_legacy", "hub", {
        unknown: [],
        values: { remote_virtual_network_id: armVnetId("legacy", "rg-old") },
      }),
    ]);
    const overlap = checkTerraform(doc).filter((f) => f.ruleId === "AddressSpace.NoOverlap");
    expect(overlap.map((f) => f.path)).toEqual(["azurerm_virtual_network_peering.hub_legacy"]);
    expect(overlap[0].message).toContain("10.0.128.0/17");
  });

  test("ids in nested blocks known after apply (a gateway's ip_configuration) and NSG associations", () => {
    const doc = planDoc(
      [
        plannedVnet("hub", ["10.0.0.0/16"]),
        plannedGatewaySubnet(),
        planned("azurerm_network_security_group", "nsg", { name: "nsg", resource_group_name: RG }),
        planned(
          "azurerm_subnet_network_security_group_association",
          "a",
          {},
          {
            unknown: ["subnet_id", "network_security_group_id"],
          },
        ),
        planned("azurerm_public_ip", "pip", {
          name: "pip",
          resource_group_name: RG,
          sku: "Standard",
          allocation_method: "Static",
        }),
        plannedGateway("gw", { unknown: [] }),
      ],
      {
        configuration: {
          resources: {
            "azurerm_subnet_network_security_group_association.a": {
              subnet_id: refs("azurerm_subnet.gw.id", "azurerm_subnet.gw"),
              network_security_group_id: refs(
                "azurerm_network_security_group.nsg.id",
                "azurerm_network_security_group.nsg",
              ),
            },
            "azurerm_virtual_network_gateway.gw": gatewayRefs(),
          },
        },
      },
    );
    // The gateway's nested ids are unknown in after_unknown, as Terraform writes them.
    const change = doc.resource_changes.find((c: any) => c.address === "azurerm_virtual_network_gateway.gw");
    change.change.after_unknown.ip_configuration = [{ subnet_id: true, public_ip_address_id: true }];
    expect(checkTerraform(doc).map((f) => `${f.ruleId} ${f.path}`)).toContain(
      "GatewaySubnet.NoNsg azurerm_subnet_network_security_group_association.a",
    );
    const model = buildModel(readInputs([{ stack: "", doc }]).docs);
    expect(model.gateways[0].network?.label).toBe("hub");
    expect(model.gateways[0].ipConfigurations[0].publicIp?.name).toBe("pip");
  });

  describe.each([
    ["the root module", undefined],
    ["a child module (depends_on relative to it)", "module.net"],
  ])("the configuration's depends_on orders a peering after the gateway it uses (%s)", (_where, module) => {
    const plan = (dependsOn: boolean) => {
      const at = module ? { module } : {};
      const resources = {
        "azurerm_virtual_network_gateway.gw": gatewayRefs(),
        "azurerm_virtual_network_peering.hub_spoke": {
          remote_virtual_network_id: refs(
            "azurerm_virtual_network.spoke.id",
            "azurerm_virtual_network.spoke",
          ),
        },
        "azurerm_virtual_network_peering.spoke_hub": {
          remote_virtual_network_id: refs("azurerm_virtual_network.hub.id", "azurerm_virtual_network.hub"),
        },
      };
      const config = {
        resources,
        ...(dependsOn
          ? {
              dependsOn: {
                "azurerm_virtual_network_peering.spoke_hub": ["azurerm_virtual_network_gateway.gw"],
              },
            }
          : {}),
      };
      const doc = planDoc(
        [
          plannedVnet("hub", ["10.0.0.0/16"], at),
          plannedGatewaySubnet(at),
          planned(
            "azurerm_public_ip",
            "pip",
            { name: "pip", resource_group_name: RG, sku: "Standard", allocation_method: "Static" },
            at,
          ),
          plannedGateway("gw", at),
          plannedVnet("spoke", ["10.1.0.0/16"], at),
          plannedPeering("hub_spoke", "hub", { values: { allow_gateway_transit: true }, ...at }),
          plannedPeering("spoke_hub", "spoke", { values: { use_remote_gateways: true }, ...at }),
        ],
        {
          configuration: module ? { calls: { net: { source: "./net", module: config } } } : config,
        },
      );
      // The gateway's nested ids are unknown in after_unknown, as Terraform writes them.
      const gw = `${module ? `${module}.` : ""}azurerm_virtual_network_gateway.gw`;
      const change = doc.resource_changes.find((c: any) => c.address === gw);
      change.change.after_unknown.ip_configuration = [{ subnet_id: true, public_ip_address_id: true }];
      return doc;
    };

    test("without it, the peering is refused while the gateway is created", () => {
      const found = ordering(plan(false));
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(
        "azurerm_virtual_network_peering.spoke_hub: Peering.GatewayTransit: peering spoke_hub",
      );
      expect(found[0]).toContain("sets use_remote_gateways, but nothing makes it wait");
    });

    test("with it, no finding", () => {
      expect(ordering(plan(true))).toEqual([]);
    });
  });

  test("depends_on of a module call orders the module's peering after the gateway it names", () => {
    const at = { module: 'module.spoke["a"]' };
    const plan = (dependsOn: boolean) => {
      const doc: any = planDoc(
        [
          plannedVnet("hub", ["10.0.0.0/16"]),
          plannedGatewaySubnet(),
          planned("azurerm_public_ip", "pip", {
            name: "pip",
            resource_group_name: RG,
            sku: "Standard",
            allocation_method: "Static",
          }),
          plannedGateway("gw"),
          plannedVnet("spoke", ["10.1.0.0/16"], at),
          plannedPeering("to_hub", "spoke", { values: { use_remote_gateways: true }, ...at }),
          plannedPeering("hub_spoke", "hub", { values: { allow_gateway_transit: true } }),
        ],
        {
          configuration: {
            resources: {
              "azurerm_virtual_network_gateway.gw": gatewayRefs(),
              "azurerm_virtual_network_peering.hub_spoke": {
                remote_virtual_network_id: refs(
                  'module.spoke["a"].azurerm_virtual_network.spoke.id',
                  'module.spoke["a"].azurerm_virtual_network.spoke',
                ),
              },
            },
            calls: {
              spoke: {
                source: "./spoke",
                expressions: {
                  hub_id: refs("azurerm_virtual_network.hub.id", "azurerm_virtual_network.hub"),
                },
                module: {
                  resources: {
                    "azurerm_virtual_network_peering.to_hub": {
                      remote_virtual_network_id: refs("var.hub_id"),
                    },
                  },
                },
                ...(dependsOn ? { dependsOn: ["azurerm_virtual_network_gateway.gw"] } : {}),
              },
            },
          },
        },
      );
      const change = doc.resource_changes.find(
        (c: any) => c.address === "azurerm_virtual_network_gateway.gw",
      );
      change.change.after_unknown.ip_configuration = [{ subnet_id: true, public_ip_address_id: true }];
      return doc;
    };
    const found = ordering(plan(false));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('module.spoke["a"].azurerm_virtual_network_peering.to_hub: ');
    expect(found[0]).toContain("nothing makes it wait for gateway vgw of network hub");
    expect(ordering(plan(true))).toEqual([]);
  });

  test("a gateway the plan leaves as it is (or updates in place) needs no ordering; one it replaces does", () => {
    const ID =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network";
    // Adding a spoke to an existing hub: the hub, its GatewaySubnet and its gateway are in the state.
    const plan = (gatewayActions: string[]) =>
      planDoc(
        [
          plannedVnet("hub", ["10.0.0.0/16"], { actions: ["no-op"], unknown: [] }),
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
            actions: gatewayActions,
            unknown: [],
          }),
          plannedGatewaySubnet({ actions: ["no-op"], unknown: [] }),
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
          },
        },
      );
    const ordering = (doc: object) =>
      checkTerraform(doc)
        .filter((f) => f.ruleId === "Peering.GatewayTransit")
        .map((f) => f.message);
    expect(ordering(plan(["no-op"]))).toEqual([]);
    expect(ordering(plan(["update"]))).toEqual([]);
    for (const replaced of [["delete", "create"], ["create", "delete"], ["create"]]) {
      const found = ordering(plan(replaced));
      expect(found).toHaveLength(1);
      expect(found[0]).toContain("nothing makes it wait for gateway vgw of network hub");
    }
  });

  test("a state (terraform show -json of a state) is read from its values", () => {
    const plan = twoPeeredPlan("10.0.1.0/24");
    const state = {
      format_version: "1.0",
      terraform_version: "1.9.8",
      values: {
        root_module: {
          resources: [
            {
              address: "azurerm_virtual_network.a",
              mode: "managed",
              type: "azurerm_virtual_network",
              name: "a",
              values: {
                id: armVnetId("a"),
                name: "a",
                resource_group_name: RG,
                address_space: ["10.0.0.0/16"],
              },
            },
            {
              address: "azurerm_virtual_network.b",
              mode: "managed",
              type: "azurerm_virtual_network",
              name: "b",
              values: {
                id: armVnetId("b"),
                name: "b",
                resource_group_name: RG,
                address_space: ["10.0.1.0/24"],
              },
            },
            {
              address: "azurerm_virtual_network_peering.a_b",
              mode: "managed",
              type: "azurerm_virtual_network_peering",
              name: "a_b",
              values: {
                name: "a_b",
                resource_group_name: RG,
                virtual_network_name: "a",
                remote_virtual_network_id: armVnetId("b"),
              },
            },
          ],
        },
      },
    };
    void plan;
    expect(ids(state)).toEqual([
      "AddressSpace.NoOverlap azurerm_virtual_network_peering.a_b",
      "Peering.MissingReverse azurerm_virtual_network_peering.a_b",
    ]);
    expect(checkTerraformDocuments([{ stack: "", doc: state }]).coverage?.documents).toEqual({
      configurations: 0,
      plans: 0,
      states: 1,
    });
    // A plan without planned values: its prior state is read.
    const priorOnly = { format_version: "1.2", prior_state: state, configuration: {} };
    expect(ids(priorOnly)).toEqual(ids(state));
  });

  test("a plan of an unsupported format version, or of no known shape, is refused", () => {
    expect(() => checkTerraform({ ...twoPeeredPlan("10.1.0.0/16"), format_version: "2.0" })).toThrow(
      UnusableInputError,
    );
    expect(() => checkTerraform({ ...twoPeeredPlan("10.1.0.0/16"), format_version: "2.0" })).toThrow(
      /format_version is 2\.0; this tool reads the format 1\.x/,
    );
    expect(() => checkTerraform({ format_version: "1.2" })).toThrow(/neither planned_values/);
    expect(() => checkTerraform({ hello: "world" })).toThrow(
      /not Terraform JSON .* nor a terraform show -json plan/,
    );
  });
});
