import { checkTerraform, checkTerraformDocuments } from "../../../policies/check-terraform";
import { ModuleSource, expandConfiguration } from "../../../policies/input/expand";
import { buildModel } from "../../../policies/model";
import { readInputs } from "../../../policies/input/read";
import {
  RG,
  armVnetId,
  data,
  gateway,
  hub,
  idOf,
  instancesAsNames,
  locals,
  moduleCall,
  newUserCount,
  output,
  peerBoth,
  peering,
  publicIp,
  crossStackRef,
  ref,
  remoteState,
  requiredAzurerm,
  spokeModule,
  resource,
  subnet,
  tfDoc,
  variable,
  vnet,
  withMeta,
} from "../../../test-utils/terraform";

/** The findings of the rules these tests are about (one-sided peerings also give Peering.MissingReverse). */
const ABOUT = new Set(["AddressSpace.NoOverlap", "GatewaySubnet.NoNsg", "Input.UnknownArgument"]);
const ids = (doc: object, options = {}) =>
  checkTerraformDocuments([{ stack: "", doc }], options)
    .findings.filter((f) => ABOUT.has(f.ruleId))
    .map((f) => `${f.ruleId} ${f.path}`);
const report = (doc: object, options = {}) => checkTerraformDocuments([{ stack: "", doc }], options);

describe("count, for_each and references to instances", () => {
  test("the issue's new user: AddressSpace.NoOverlap and GatewaySubnet.NoNsg are found", () => {
    const doc = newUserCount();
    const found = ids(doc);
    expect(found).toContain("AddressSpace.NoOverlap azurerm_virtual_network_peering.hub_to_spoke[1]");
    expect(found).toContain("GatewaySubnet.NoNsg azurerm_subnet_network_security_group_association.gw");
    // The other spoke does not overlap.
    expect(found).not.toContain("AddressSpace.NoOverlap azurerm_virtual_network_peering.hub_to_spoke[0]");
  });

  test("for_each over a map, a set (toset) and a resource; each.key and each.value", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      locals({ spokes: { a: "10.1.0.0/16", b: "10.0.0.0/24" } }),
      withMeta(vnet("spoke", [ref("each.value")], { name: "spoke-${each.key}" }), {
        for_each: ref("local.spokes"),
      }),
      withMeta(peering("to", "hub", ref("each.value.id"), { name: "to-${each.key}" }), {
        for_each: ref("azurerm_virtual_network.spoke"),
      }),
      withMeta(vnet("other", ["10.0.128.0/17"], { name: "other-${each.value}" }), {
        for_each: ref('toset(["x", "y"])'),
      }),
      withMeta(
        peering("to_other", "hub", ref("azurerm_virtual_network.other[each.key].id"), {
          name: "o-${each.key}",
        }),
        {
          for_each: ["x"],
        },
      ),
    );
    expect(ids(doc).sort()).toEqual([
      'AddressSpace.NoOverlap azurerm_virtual_network_peering.to["b"]',
      'AddressSpace.NoOverlap azurerm_virtual_network_peering.to_other["x"]',
    ]);
    expect(report(doc).unverifiable).toEqual([]);
  });

  test("splat references with known indexes; cidrsubnet and locals computing the spaces", () => {
    const doc = tfDoc(
      locals({ base: "10.0.0.0/8", spaces: "${[for i in range(3) : cidrsubnet(local.base, 8, i)]}" }),
      withMeta(vnet("net", ["${local.spaces[count.index]}"], { name: "net-${count.index}" }), { count: 3 }),
      vnet("probe", ["10.2.0.0/24"]),
      resource("azurerm_virtual_network_peering", "all", {
        count: 3,
        name: "p-${count.index}",
        resource_group_name: RG,
        virtual_network_name: ref("azurerm_virtual_network.probe.name"),
        remote_virtual_network_id: "${element(azurerm_virtual_network.net[*].id, count.index)}",
      }),
    );
    expect(ids(doc)).toEqual(["AddressSpace.NoOverlap azurerm_virtual_network_peering.all[2]"]);
  });

  test("a count that is not known is reported as not verifiable, with the resource's address; never skipped in silence", () => {
    const doc = tfDoc(
      variable("n", "number"),
      withMeta(vnet("spoke", ["10.0.0.0/16"], { name: "s-${count.index}" }), { count: ref("var.n") }),
      vnet("hub", ["10.0.0.0/16"]),
    );
    const r = report(doc);
    expect(r.unverifiable).toContainEqual({
      ruleId: "Input.Unread",
      path: "azurerm_virtual_network.spoke",
      what: expect.stringContaining(
        "azurerm_virtual_network.spoke was not checked: its count (${var.n}) is not known",
      ),
    });
    // With a value, the instances are read and checked.
    const strict = report(doc, { strict: true });
    expect(strict.findings.some((f) => f.ruleId === "Input.Unread" && f.severity === "error")).toBe(true);
    expect(
      report(doc, { variables: { n: 1 } }).unverifiable.filter((u) => u.ruleId === "Input.Unread"),
    ).toEqual([]);
  });

  test("evaluation is bounded: nested for expressions and a doubling string stop, reported, not a hang", () => {
    const doubling: Record<string, string> = { s0: "0123456789" };
    for (let i = 1; i <= 24; i++) doubling[`s${i}`] = `\${local.s${i - 1}}\${local.s${i - 1}}`;
    const doc = tfDoc(
      locals({
        big: "${[for a in range(1024) : [for b in range(1024) : [for c in range(1024) : c]]]}",
        ...doubling,
      }),
      vnet("hub", ['${cidrsubnet("10.0.0.0/8", 8, length(local.big))}'], { name: ref("local.s24") }),
      vnet("spoke", ["10.0.0.0/16"]),
      peerBoth("hub", "spoke"),
    );
    const r = report(doc, { strict: true });
    const notUnderstood = r.coverage?.notUnderstood.map((n) => n.what).join("\n");
    expect(notUnderstood).toMatch(/local\.big .*more than \d+ evaluation steps/);
    expect(notUnderstood).toMatch(/local\.s\d+ .*a string longer than 1000000 characters/);
    // What depended on them is not verifiable: under strict, the overlap check fails the run.
    expect(r.findings).toContainEqual(
      expect.objectContaining({ ruleId: "AddressSpace.NoOverlap", severity: "error", suppressed: false }),
    );
  });

  test("dynamic blocks with a known for_each are expanded (a gateway's ip_configuration)", () => {
    const doc = tfDoc(hub());
    const gw = (doc as any).resource.azurerm_virtual_network_gateway.hub;
    const config = gw.ip_configuration;
    delete gw.ip_configuration;
    gw.dynamic = {
      ip_configuration: {
        for_each: ["ipconfig1"],
        content: { ...config, name: "${ip_configuration.value}" },
      },
    };
    const model = buildModel(readInputs([{ stack: "", doc }]).docs);
    expect(model.gateways[0].ipConfigurationCount).toBe(1);
    expect(model.gateways[0].ipConfigurations[0].name).toBe("ipconfig1");
    expect(model.gateways[0].ipConfigurations[0].subnet?.name).toBe("GatewaySubnet");
    // Unknown for_each: the blocks stay unknown (and the gateway's count with them), reported.
    gw.dynamic.ip_configuration.for_each = "${var.configs}";
    const r = report(tfDoc(doc, variable("configs", "list(string)")));
    expect(
      r.unverifiable.some((u) => u.ruleId === "Input.Unread" && /dynamic "ip_configuration"/.test(u.what)),
    ).toBe(true);
  });

  test("root variables: the default, or the value given (never guessed when neither)", () => {
    const doc = tfDoc(
      variable("space", "string", "10.1.0.0/16"),
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", [ref("var.space")]),
      peerBoth("hub", "spoke"),
    );
    expect(ids(doc)).toEqual([]);
    expect(ids(doc, { variables: { space: "10.0.1.0/24" } })).toContain(
      "AddressSpace.NoOverlap azurerm_virtual_network_peering.hub_spoke",
    );
    const noDefault = tfDoc(
      variable("space"),
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", [ref("var.space")]),
      peerBoth("hub", "spoke"),
    );
    expect(report(noDefault).unverifiable.map((u) => u.ruleId)).toContain("AddressSpace.NoOverlap");
  });
});

describe("values that cannot be evaluated", () => {
  const unverified = (r: ReturnType<typeof report>) => r.unverifiable.map((u) => `${u.ruleId} ${u.path}`);

  test("a local whose value cannot be evaluated is unknown (not an empty address space): the overlap is not verifiable", () => {
    const doc = tfDoc(
      locals({ spaces: ['${nosuchfunc("10.0.0.0/16")}'] }),
      vnet("hub", ref("local.spaces")),
      vnet("spoke", ["10.0.0.0/16"]),
      peerBoth("hub", "spoke"),
    );
    const r = report(doc);
    expect(unverified(r)).toContain("AddressSpace.NoOverlap azurerm_virtual_network_peering.hub_spoke");
    expect(r.unverifiable).toContainEqual({
      ruleId: "Input.Unread",
      path: "local.spaces",
      what: 'local.spaces = [nosuchfunc("10.0.0.0/16")] cannot be evaluated: the function nosuchfunc is not supported; its value is unknown',
    });
    expect(r.coverage?.notUnderstood).toHaveLength(1);
  });

  test("an output whose value cannot be evaluated is unknown to the stacks that read it", () => {
    const net = tfDoc(output("spaces", ['${nosuchfunc("10.0.0.0/16")}']));
    const app = tfDoc(
      remoteState("net"),
      vnet("hub", crossStackRef("net", "spaces")),
      vnet("spoke", ["10.0.0.0/16"]),
      peerBoth("hub", "spoke"),
    );
    const r = checkTerraformDocuments([
      { stack: "net", doc: net },
      { stack: "app", doc: app },
    ]);
    expect(unverified(r)).toContain("AddressSpace.NoOverlap app/azurerm_virtual_network_peering.hub_spoke");
    expect(r.unverifiable).toContainEqual({
      ruleId: "Input.Unread",
      path: "net/output.spaces",
      what: 'output.spaces = [nosuchfunc("10.0.0.0/16")] cannot be evaluated: the function nosuchfunc is not supported; its value is unknown',
    });
  });
});

describe("where what cannot be evaluated is reported", () => {
  test("under the resource's construct path when it has one (an instance by its key, then the argument), else at the address", () => {
    const stamped = { tags: { created: "${timestamp()}" } };
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"], stamped, "net/hub"),
      vnet("spokes", ["10.1.0.0/16"], { ...stamped, count: 2 }, "net/Spokes/Resource"),
      data("azurerm_virtual_network", "ext", { name: "${nosuchfunc()}", resource_group_name: RG }, "net/ext"),
      vnet("plain", ["10.2.0.0/16"], stamped),
    );
    const r = checkTerraformDocuments([{ stack: "net", doc }]);
    // Were net/azurerm_virtual_network.hub.tags, net/azurerm_virtual_network.spokes[0].tags, ...: not
    // under the construct, so no suppression on it covered them.
    expect(r.unverifiable.map((u) => [u.path, u.what.split(" is not understood")[0]])).toEqual([
      ["net/Spokes/Resource[0]/tags", "azurerm_virtual_network.spokes[0].tags"],
      ["net/Spokes/Resource[1]/tags", "azurerm_virtual_network.spokes[1].tags"],
      ["net/azurerm_virtual_network.plain.tags", "azurerm_virtual_network.plain.tags"],
      ["net/ext/name", "data.azurerm_virtual_network.ext.name"],
      ["net/hub/tags", "azurerm_virtual_network.hub.tags"],
    ]);
  });
});

describe("values given that the configuration does not use", () => {
  test("a value for a variable the configuration does not declare is a note alone: nothing checked depends on it", () => {
    const doc = tfDoc(vnet("hub", ["10.0.0.0/16"]), vnet("spoke", ["10.1.0.0/16"]), peerBoth("hub", "spoke"));
    const r = report(doc, { variables: { nope: "x" }, strict: true });
    expect(r.coverage?.notUnderstood).toEqual([
      {
        path: "var.nope",
        what: "a value was given for variable nope, which the configuration does not declare",
      },
    ]);
    expect(r.unverifiable).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});

describe("modules", () => {
  const module: ModuleSource = { dir: "modules/spoke", doc: spokeModule() };

  const root = tfDoc(
    vnet("hub", ["10.0.0.0/16"]),
    moduleCall("spokes", "./modules/spoke", {
      for_each: { a: "10.1.0.0/16", b: "10.0.2.0/24" },
      name: "spoke-${each.key}",
      space: "${each.value}",
      hub_id: idOf("azurerm_virtual_network", "hub"),
    }),
    withMeta(peering("hub_to", "hub", ref("module.spokes[each.key].id"), { name: "hub-to-${each.key}" }), {
      for_each: ["a", "b"],
    }),
  );

  test("a local module is expanded per instance, with its inputs and outputs", () => {
    const e = expandConfiguration({ doc: root, dir: "." }, { stack: "", loadModule: () => module });
    expect(e.docs.map((d) => d.module)).toEqual(["", 'module.spokes["a"]', 'module.spokes["b"]']);
    const r = checkTerraformDocuments([]); // sanity: an empty check
    expect(r.findings).toEqual([]);
    // One finding per overlapping pair, on the peering that joins them first.
    expect(readAndCheck(root, () => module)).toEqual([
      'AddressSpace.NoOverlap azurerm_virtual_network_peering.hub_to["b"]',
    ]);
    const model = buildModel(e.docs);
    expect(model.peerings.map((p) => [p.path, p.local?.label, p.remote?.label])).toEqual([
      ['azurerm_virtual_network_peering.hub_to["a"]', "hub", "spoke-a"],
      ['azurerm_virtual_network_peering.hub_to["b"]', "hub", "spoke-b"],
      ['module.spokes["a"].azurerm_virtual_network_peering.to_hub', "spoke-a", "hub"],
      ['module.spokes["b"].azurerm_virtual_network_peering.to_hub', "spoke-b", "hub"],
    ]);
    // Both directions now: no one-sided peering.
    expect(
      checkTerraformDocuments([{ stack: "", doc: root, loadModule: () => module } as any]).findings.map(
        (f) => f.ruleId,
      ),
    ).not.toContain("Peering.MissingReverse");
  });

  test("a registry module (not fetchable offline) is reported as not verifiable with its address", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      moduleCall("vnet", "Azure/avm-res-network-virtualnetwork/azurerm", {
        version: "0.8.1",
        address_space: ["10.0.0.0/16"],
      }),
    );
    const r = report(doc);
    expect(r.unverifiable).toContainEqual({
      ruleId: "Input.Unread",
      path: "module.vnet",
      what: expect.stringMatching(
        /module\.vnet \(module Azure\/avm-res-network-virtualnetwork\/azurerm \(version 0\.8\.1\) from a registry or remote source\) was not read.*check the plan instead/,
      ),
    });
    expect(
      report(doc, { strict: true }).findings.some(
        (f) => f.ruleId === "Input.Unread" && f.severity === "error",
      ),
    ).toBe(true);
  });
});

function readAndCheck(doc: object, load: () => ModuleSource): string[] {
  return checkTerraformDocuments([{ stack: "", doc, loadModule: load } as any])
    .findings.filter((f) => ABOUT.has(f.ruleId))
    .map((f) => `${f.ruleId} ${f.path}`);
}

describe("identity", () => {
  test("a data source reading a managed network is that network (its address space is checked)", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vnet("spoke", ["10.0.1.0/24"]),
      data("azurerm_virtual_network", "hub_read", { name: "hub", resource_group_name: RG }),
      peering("spoke_hub", "spoke", ref("data.azurerm_virtual_network.hub_read.id")),
    );
    expect(ids(doc)).toEqual(["AddressSpace.NoOverlap azurerm_virtual_network_peering.spoke_hub"]);
    expect(report(doc).unverifiable).toEqual([]);
  });

  test("a literal ARM id of a managed gateway is that gateway", () => {
    const doc = tfDoc(
      hub(),
      resource("azurerm_virtual_network_gateway_connection", "c", {
        name: "c",
        resource_group_name: RG,
        location: "westeurope",
        type: "Vnet2Vnet",
        virtual_network_gateway_id:
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/vgw-hub",
        peer_virtual_network_gateway_id: idOf("azurerm_virtual_network_gateway", "hub"),
        shared_key: ref("var.k"),
      }),
    );
    const model = buildModel(readInputs([{ stack: "", doc }]).docs);
    expect(model.connections[0].gateway?.path).toBe("azurerm_virtual_network_gateway.hub");
    expect(armVnetId("x")).toContain("virtualNetworks/x");
  });
});

describe("names are ordinary", () => {
  test("a resource named __proto__ in an overlapping peering is found", () => {
    const doc = JSON.parse(
      JSON.stringify(tfDoc(vnet("hub", ["10.0.0.0/16"]), vnet("spoke", ["10.0.1.0/24"]))).replace(
        '"spoke":',
        '"__proto__":',
      ),
    );
    doc.resource.azurerm_virtual_network_peering = JSON.parse(
      `{"constructor": ${JSON.stringify({
        name: "p",
        resource_group_name: RG,
        virtual_network_name: ref("azurerm_virtual_network.hub.name"),
        remote_virtual_network_id: ref("azurerm_virtual_network.__proto__.id"),
      })}}`,
    );
    expect(
      checkTerraform(doc)
        .filter((f) => ABOUT.has(f.ruleId))
        .map((f) => `${f.ruleId} ${f.path}`),
    ).toEqual(["AddressSpace.NoOverlap azurerm_virtual_network_peering.constructor"]);
  });
});

describe("the pinned provider", () => {
  test("an argument the pinned azurerm does not know is a warning naming the version", () => {
    const doc = tfDoc(
      requiredAzurerm("~> 3.100"),
      vnet("hub", ["10.0.0.0/16"]),
      subnet("s", "hub", "default", [], { address_prefixes: undefined, address_prefix: "10.0.1.0/24" }),
    );
    const r = report(doc);
    const w = r.findings.filter((f) => f.ruleId === "Input.UnknownArgument");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: "warning", path: "azurerm_subnet.s" });
    expect(w[0].message).toContain(
      "address_prefix, which azurerm 3.x does not know (removed in azurerm 3.0)",
    );
    expect(w[0].message).toContain("~> 3.100");
    const model = buildModel(readInputs([{ stack: "", doc }]).docs, {
      provider: { azurermVersion: "~> 3.100", azurermMajor: 3 },
    });
    expect(model.provider).toEqual({ azurermVersion: "~> 3.100", azurermMajor: 3 });
    expect(r.coverage?.azurermVersion).toBe("~> 3.100");
    // Unpinned: nothing is decided.
    expect(
      ids(
        tfDoc(vnet("hub", ["10.0.0.0/16"]), subnet("s", "hub", "d", [], { address_prefix: "10.0.1.0/24" })),
      ),
    ).toEqual([]);
  });
});

describe("coverage", () => {
  test("every report says what was read and what was not understood", () => {
    const doc = tfDoc(
      withMeta(vnet("net", ["10.${count.index}.0.0/16"], { name: "n${count.index}" }), { count: 3 }),
      vnet("odd", ['${jsondecode("x")}']),
      publicIp("pip"),
    );
    const r = report(doc);
    expect(r.coverage).toMatchObject({
      documents: { configurations: 1, plans: 0, states: 0 },
      modules: 1,
      resources: 3,
      instances: 5,
    });
    expect(r.coverage?.notUnderstood).toContainEqual({
      path: "azurerm_virtual_network.odd.address_space",
      what: expect.stringContaining("the function jsondecode is not supported"),
    });
    expect(instancesAsNames('a.b[0] c["k"]')).toBe("a.b_0 c_k");
    void gateway;
  });
});
