import { checkTerraform, checkTerraformDocuments } from "../../../../policies/check-terraform";
import { Finding } from "../../../../policies/finding";
import {
  Json,
  armSubnetId,
  data,
  idOf,
  locals,
  nsg,
  nsgAssociation,
  output,
  crossStackRef,
  remoteState,
  ref,
  resource,
  subnet,
  tfDoc,
  toArrayForm,
  toHcl2Json,
  variable,
  vnet,
  vpnGateway,
} from "../../../../test-utils/terraform";

const RULE = "GatewaySubnet.NoNsg";

function nsgFindings(doc: Json): Finding[] {
  return checkTerraform(doc).filter((f) => f.ruleId === RULE);
}

function report(doc: Json) {
  return checkTerraformDocuments([{ stack: "", doc }]);
}

/** Asserts one GatewaySubnet.NoNsg error at `path`, naming the subnet and the NSG, with a fix. */
function expectOneFinding(doc: Json, path: string, subnetName: string, nsgText: string): Finding {
  const found = nsgFindings(doc);
  expect(found).toHaveLength(1);
  const [f] = found;
  expect(f).toMatchObject({ ruleId: RULE, severity: "error", path, suppressed: false });
  expect(f.message).toMatch(new RegExp(`^${RULE.replace(".", "\\.")}: `));
  expect(f.message).toContain(`subnet ${subnetName}`);
  expect(f.message).toContain(nsgText);
  expect(f.message).toContain("Fix:");
  expect(f.message).toContain(f.fix);
  expect(f.fix).toMatch(/NSG/);
  expect(f.values?.subnet).toBe(subnetName);
  expect(f.values?.nsg).toContain(nsgText);
  return f;
}

const NSG_REF = "azurerm_network_security_group.gw_nsg";

describe("GatewaySubnet.NoNsg: failing forms", () => {
  test("association on an azurerm_subnet named GatewaySubnet", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
      nsg("gw_nsg"),
      nsgAssociation("gw_nsg_assoc", idOf("azurerm_subnet", "gw"), "gw_nsg"),
    );
    const f = expectOneFinding(
      doc,
      "azurerm_subnet_network_security_group_association.gw_nsg_assoc",
      "GatewaySubnet",
      NSG_REF,
    );
    expect(f.message).toContain("of network hub");
    expect(f.values?.network).toBe("hub");
  });

  test("the path is the construct path from cdktf metadata when present", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"], {}, "net/hub/vnet"),
      subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"], {}, "net/hub/gateway-subnet"),
      nsg("gw_nsg"),
      nsgAssociation("gw_nsg_assoc", idOf("azurerm_subnet", "gw"), "gw_nsg", "net/hub/gateway-subnet-nsg"),
    );
    expectOneFinding(doc, "net/hub/gateway-subnet-nsg", "GatewaySubnet", NSG_REF);
  });

  test("association on an azurerm_subnet named gatewaysubnet (Azure compares names case-insensitively)", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", "gatewaysubnet", ["10.0.255.0/27"]),
      nsg("gw_nsg"),
      nsgAssociation("a", idOf("azurerm_subnet", "gw"), "gw_nsg"),
    );
    expectOneFinding(doc, "azurerm_subnet_network_security_group_association.a", "gatewaysubnet", NSG_REF);
  });

  test("association on a subnet whose name comes from a local", () => {
    const doc = tfDoc(
      locals({ gateway_subnet_name: "GatewaySubnet" }),
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", ref("local.gateway_subnet_name"), ["10.0.255.0/27"]),
      nsg("gw_nsg"),
      nsgAssociation("a", idOf("azurerm_subnet", "gw"), "gw_nsg"),
    );
    expectOneFinding(doc, "azurerm_subnet_network_security_group_association.a", "GatewaySubnet", NSG_REF);
  });

  test('association on a data "azurerm_subnet" named GatewaySubnet', () => {
    const doc = tfDoc(
      data("azurerm_subnet", "gw", {
        name: "GatewaySubnet",
        virtual_network_name: "hub-existing",
        resource_group_name: "rg-existing",
      }),
      nsg("gw_nsg"),
      nsgAssociation("a", idOf("data.azurerm_subnet", "gw"), "gw_nsg"),
    );
    const f = expectOneFinding(
      doc,
      "azurerm_subnet_network_security_group_association.a",
      "GatewaySubnet",
      NSG_REF,
    );
    expect(f.message).toContain("data source data.azurerm_subnet.gw");
  });

  test("association on a literal subnet id ending in /subnets/GatewaySubnet", () => {
    const id = armSubnetId("hub-existing", "GatewaySubnet", "rg-existing");
    const doc = tfDoc(nsg("gw_nsg"), nsgAssociation("a", id, "gw_nsg"));
    const f = expectOneFinding(
      doc,
      "azurerm_subnet_network_security_group_association.a",
      "GatewaySubnet",
      NSG_REF,
    );
    expect(f.message).toContain(`subnet id ${id}`);
    expect(f.message).toContain("network hub-existing");
  });

  test("association on a literal subnet id in lower case (/subnets/gatewaysubnet, resourcegroups)", () => {
    const id =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/rg-existing/providers/microsoft.network/virtualnetworks/hub-existing/subnets/gatewaysubnet";
    const doc = tfDoc(nsg("gw_nsg"), nsgAssociation("a", id, "gw_nsg"));
    expectOneFinding(doc, "azurerm_subnet_network_security_group_association.a", "gatewaysubnet", NSG_REF);
  });

  test("literal id of a GatewaySubnet declared in the same document resolves to that subnet", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
      nsg("gw_nsg"),
      nsgAssociation("a", armSubnetId("hub", "GatewaySubnet"), "gw_nsg"),
    );
    const f = expectOneFinding(
      doc,
      "azurerm_subnet_network_security_group_association.a",
      "GatewaySubnet",
      NSG_REF,
    );
    expect(f.message).toContain("(azurerm_subnet.gw)");
  });

  test("inline subnet { name = GatewaySubnet, security_group = ... } of azurerm_virtual_network", () => {
    const doc = tfDoc(
      nsg("gw_nsg"),
      vnet("hub", ["10.0.0.0/16"], {
        subnet: [
          { name: "default", address_prefixes: ["10.0.0.0/24"] },
          {
            name: "GatewaySubnet",
            address_prefixes: ["10.0.255.0/27"],
            security_group: idOf("azurerm_network_security_group", "gw_nsg"),
          },
        ],
      }),
    );
    const f = expectOneFinding(doc, "azurerm_virtual_network.hub", "GatewaySubnet", NSG_REF);
    expect(f.message).toContain("inline subnet block");
  });

  test("inline subnet block with azurerm 3.x names (address_prefix) in hcl2json array form", () => {
    const doc = toHcl2Json(
      tfDoc(
        nsg("gw_nsg"),
        vnet("hub", ["10.0.0.0/16"], {
          subnet: {
            name: "GatewaySubnet",
            address_prefix: "10.0.255.0/27",
            security_group: idOf("azurerm_network_security_group", "gw_nsg"),
          },
        }),
      ),
    );
    expect(Array.isArray(doc.resource.azurerm_virtual_network.hub[0].subnet)).toBe(true);
    expectOneFinding(doc, "azurerm_virtual_network.hub", "GatewaySubnet", NSG_REF);
  });

  test.each([
    ["hcl2json form", toHcl2Json],
    ["fully array-wrapped form", toArrayForm],
  ])("association on an azurerm_subnet in %s", (_form, convert) => {
    const doc = convert(
      tfDoc(
        vnet("hub", ["10.0.0.0/16"]),
        subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
        nsg("gw_nsg"),
        nsgAssociation("a", idOf("azurerm_subnet", "gw"), "gw_nsg"),
      ),
    );
    expectOneFinding(doc, "azurerm_subnet_network_security_group_association.a", "GatewaySubnet", NSG_REF);
  });

  test("association in another stack, on a GatewaySubnet reached through a cross-stack reference", () => {
    const net = tfDoc(
      vnet("hub", ["10.0.0.0/16"], {}, "net/hub"),
      subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"], {}, "net/hub/gateway-subnet"),
      output("cross-stack-output-azurerm_subnetgwid", idOf("azurerm_subnet", "gw")),
    );
    const sec = tfDoc(
      remoteState("net"),
      nsg("gw_nsg"),
      nsgAssociation(
        "a",
        crossStackRef("net", "cross-stack-output-azurerm_subnetgwid"),
        "gw_nsg",
        "sec/gateway-subnet-nsg",
      ),
    );
    const r = checkTerraformDocuments([
      { stack: "net", doc: net },
      { stack: "sec", doc: sec },
    ]);
    const found = r.findings.filter((f) => f.ruleId === RULE);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: RULE, severity: "error", path: "sec/gateway-subnet-nsg" });
    expect(found[0].message).toContain("subnet GatewaySubnet");
    expect(found[0].message).toContain("network hub");
    expect(found[0].message).toContain(NSG_REF);
    expect(found[0].message).toContain("Fix:");
  });

  test("every offending association is reported (resource, data source, literal id and inline)", () => {
    const doc = tfDoc(
      nsg("gw_nsg"),
      vnet("hub", ["10.0.0.0/16"]),
      subnet("gw", "hub", "GatewaySubnet", ["10.0.255.0/27"]),
      nsgAssociation("by_resource", idOf("azurerm_subnet", "gw"), "gw_nsg"),
      data("azurerm_subnet", "gw2", {
        name: "GatewaySubnet",
        virtual_network_name: "other",
        resource_group_name: "rg-other",
      }),
      nsgAssociation("by_data", idOf("data.azurerm_subnet", "gw2"), "gw_nsg"),
      nsgAssociation("by_id", armSubnetId("third", "GatewaySubnet", "rg-third"), "gw_nsg"),
      vnet("spoke", ["10.1.0.0/16"], {
        subnet: {
          name: "GatewaySubnet",
          address_prefixes: ["10.1.255.0/27"],
          security_group: idOf("azurerm_network_security_group", "gw_nsg"),
        },
      }),
    );
    expect(nsgFindings(doc).map((f) => f.path)).toEqual([
      "azurerm_subnet_network_security_group_association.by_data",
      "azurerm_subnet_network_security_group_association.by_id",
      "azurerm_subnet_network_security_group_association.by_resource",
      "azurerm_virtual_network.spoke",
    ]);
  });

  // A subnet id built by interpolation, `${azurerm_virtual_network.hub.id}/subnets/GatewaySubnet`
  // (a common Terraform idiom), names GatewaySubnet literally.
  test("association on an interpolated id ending in /subnets/GatewaySubnet", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      nsg("gw_nsg"),
      nsgAssociation("a", "${azurerm_virtual_network.hub.id}/subnets/GatewaySubnet", "gw_nsg"),
    );
    expectOneFinding(doc, "azurerm_subnet_network_security_group_association.a", "GatewaySubnet", NSG_REF);
  });
});

describe("GatewaySubnet.NoNsg: passing cases", () => {
  test("an NSG on another subnet of a network with a gateway", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      subnet("app", "hub", "app", ["10.0.1.0/24"]),
      nsg("app_nsg"),
      nsgAssociation("app_assoc", idOf("azurerm_subnet", "app"), "app_nsg"),
    );
    const r = report(doc);
    expect(r.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    expect(r.unverifiable.filter((u) => u.ruleId === RULE)).toEqual([]);
  });

  test("a GatewaySubnet without NSG (resource and inline)", () => {
    const doc = tfDoc(
      vnet("hub", ["10.0.0.0/16"]),
      vpnGateway("gw", "hub", "10.0.255.0/27"),
      vnet("other", ["10.1.0.0/16"], {
        subnet: { name: "GatewaySubnet", address_prefixes: ["10.1.255.0/27"] },
      }),
    );
    expect(nsgFindings(doc)).toEqual([]);
  });

  test("an NSG on a literal subnet id of another subnet", () => {
    const doc = tfDoc(nsg("n"), nsgAssociation("a", armSubnetId("hub", "GatewaySubnet2"), "n"));
    expect(nsgFindings(doc)).toEqual([]);
  });

  test("an inline subnet with an NSG that is not GatewaySubnet", () => {
    const doc = tfDoc(
      nsg("n"),
      vnet("hub", ["10.0.0.0/16"], {
        subnet: [
          { name: "GatewaySubnet", address_prefixes: ["10.0.255.0/27"] },
          {
            name: "workload",
            address_prefixes: ["10.0.1.0/24"],
            security_group: idOf("azurerm_network_security_group", "n"),
          },
        ],
      }),
    );
    expect(nsgFindings(doc)).toEqual([]);
  });
});

describe("GatewaySubnet.NoNsg: unknown values", () => {
  test("a subnet id from a variable: no finding, listed as unverifiable", () => {
    const doc = tfDoc(variable("subnet_id"), nsg("n"), nsgAssociation("a", ref("var.subnet_id"), "n"));
    const r = report(doc);
    expect(r.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    const u = r.unverifiable.filter((x) => x.ruleId === RULE);
    expect(u).toHaveLength(1);
    expect(u[0].path).toBe("azurerm_subnet_network_security_group_association.a");
    expect(u[0].what).toContain("${var.subnet_id}");
    expect(u[0].what).toContain("azurerm_network_security_group.n");
  });

  test("a subnet whose name is a variable: no finding, listed as unverifiable", () => {
    const doc = tfDoc(
      variable("subnet_name"),
      vnet("hub", ["10.0.0.0/16"]),
      subnet("s", "hub", ref("var.subnet_name"), ["10.0.0.0/24"]),
      nsg("n"),
      nsgAssociation("a", idOf("azurerm_subnet", "s"), "n"),
    );
    const r = report(doc);
    expect(r.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    expect(r.unverifiable.filter((x) => x.ruleId === RULE)).toEqual([
      expect.objectContaining({
        path: "azurerm_subnet_network_security_group_association.a",
        what: expect.stringContaining("${var.subnet_name}"),
      }),
    ]);
  });

  test("a reference to a subnet block that does not exist is unverifiable, not a crash", () => {
    const doc = tfDoc(nsg("n"), nsgAssociation("a", idOf("azurerm_subnet", "missing"), "n"));
    const r = report(doc);
    expect(r.findings.filter((f) => f.ruleId === RULE)).toEqual([]);
    expect(r.unverifiable.filter((u) => u.ruleId === RULE).map((u) => u.path)).toEqual([
      "azurerm_subnet_network_security_group_association.a",
    ]);
  });
});

// Sanity of the builders themselves, so the tests above test the rule and not a typo.
test("builders write azurerm 4.x attribute names", () => {
  const doc = tfDoc(
    nsg("n"),
    nsgAssociation("a", idOf("azurerm_subnet", "s"), "n"),
    resource("azurerm_resource_group", "rg", { name: "rg", location: "westeurope" }),
  );
  expect(doc.resource.azurerm_subnet_network_security_group_association.a).toEqual({
    subnet_id: "${azurerm_subnet.s.id}",
    network_security_group_id: "${azurerm_network_security_group.n.id}",
  });
});
