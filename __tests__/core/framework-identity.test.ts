/**
 * The framework guard: meeting constructs of the other framework (cdktf in a cdktn build, or the
 * reverse) or of a second copy of our own is a loud ConnectivityValidationError naming both sides and
 * the package to install instead, never a check that silently does not run.
 *
 * This suite runs on both frameworks (jest projects `fast` and `fast-cdktn`): "ours" is whichever
 * framework the shim resolves, "the other" is loaded from its own folder, which the cdktn project's
 * module mapping does not touch, and "a second copy" is the shim's framework loaded again in isolation.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Aspects, Testing } from "cdktf";
import { Construct } from "constructs";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { App, TerraformStack } from "../../core/framework";
import { ConnectivityValidationError } from "../../core/errors";
import {
  OUR_FRAMEWORK,
  OUR_PACKAGE,
  aspectNotInvoked,
  foreignAspects,
  frameworkMismatch,
  frameworkOf,
} from "../../core/framework-identity";
import { Vnet } from "../../constructs/vnet";
import { SharedKey } from "../../constructs/shared-key";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../policies/aspect";

const ROOT = path.resolve(__dirname, "../..");
const OTHER_NAME = OUR_FRAMEWORK.name === "cdktf" ? "cdktn" : "cdktf";
const OTHER_PACKAGE = `${OTHER_NAME}-azure-connectivity`;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const other = require(path.join(ROOT, "node_modules", OTHER_NAME));
const OTHER_VERSION: string = JSON.parse(
  fs.readFileSync(path.join(ROOT, "node_modules", OTHER_NAME, "package.json"), "utf8"),
).version;

/** The shim's framework loaded a second time: a second copy, as a nested node_modules would give. */
function secondCopy(): any {
  let copy: any;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    copy = require("cdktf");
  });
  return copy;
}

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cac-identity-"));
}

function vnetIn(scope: Construct, id = "London"): Vnet {
  return new Vnet(scope, id, {
    name: id,
    resourceGroupName: "rg",
    location: "uksouth",
    addressSpace: ["10.1.0.0/16"],
  });
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, none was thrown");
}

describe("the framework this build uses", () => {
  it("is the shim's framework, named with its version, and the package named after it", () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(ROOT, "node_modules", OUR_FRAMEWORK.name, "package.json"), "utf8"),
    );
    expect(["cdktf", "cdktn"]).toContain(OUR_FRAMEWORK.name);
    expect(OUR_FRAMEWORK.version).toBe(pkg.version);
    expect(OUR_PACKAGE).toBe(`${OUR_FRAMEWORK.name}-azure-connectivity`);
    expect(frameworkOf(Testing.app())).toEqual(OUR_FRAMEWORK);
  });

  it("tells the frameworks apart by their jsii type information, not only by the shared symbols", () => {
    const app = Testing.app();
    const theirs = new other.App({ outdir: outdir() });
    const theirStack = new other.TerraformStack(theirs, "net");
    // The shared Symbol.for keys say yes to both: that is why they cannot be the test.
    expect(TerraformStack.isStack(theirStack)).toBe(true);
    expect(frameworkOf(theirStack)).toEqual({ name: OTHER_NAME, version: OTHER_VERSION });
    expect(frameworkMismatch(new TerraformStack(app, "ours"))).toBeUndefined();
    expect(frameworkMismatch(theirStack)).toContain(`${OTHER_NAME} ${OTHER_VERSION}`);
    // A framework that renamed the shared keys is still recognised by its type information.
    class Renamed extends Construct {}
    (Renamed as any)[Symbol.for("jsii.rtti")] = { fqn: "cdktx.TerraformStack", version: "1.0.0" };
    const renamed = frameworkMismatch(new Renamed(new Construct(undefined as any, "root"), "stack"));
    expect(renamed).toContain("built on cdktx 1.0.0");
    expect(renamed).toContain("No build of this package exists for cdktx");
    // Plain constructs are nobody's business.
    expect(frameworkMismatch(new Construct(app, "plain"))).toBeUndefined();
  });
});

describe(`a construct of this package in an app of the other framework (${OTHER_NAME})`, () => {
  it("throws at construction, naming both frameworks and the package to install instead", () => {
    const app = new other.App({ outdir: outdir() });
    const stack = new other.TerraformStack(app, "network");
    const e = thrown(() => vnetIn(stack));
    expect(e).toBeInstanceOf(ConnectivityValidationError);
    expect(e.message).toMatch(/^\[network\/London\] /);
    expect(e.message).toContain(`is built on ${OTHER_NAME} ${OTHER_VERSION}`);
    expect(e.message).toContain(`${OUR_PACKAGE} is built for ${OUR_FRAMEWORK.name} ${OUR_FRAMEWORK.version}`);
    expect(e.message).toContain(`Install ${OTHER_PACKAGE} instead of ${OUR_PACKAGE}`);
  });

  it("throws for an existing network, a shared key of each kind, and a stack of theirs under our App", () => {
    const stack = new other.TerraformStack(new other.App({ outdir: outdir() }), "network");
    expect(() =>
      Vnet.fromId(stack, "Old", {
        vnetId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/old",
      }),
    ).toThrow(ConnectivityValidationError);
    expect(() => SharedKey.generate(stack, "Key")).toThrow(`Install ${OTHER_PACKAGE}`);
    expect(() => SharedKey.fromVariable(stack, "Var")).toThrow(ConnectivityValidationError);
    expect(() =>
      SharedKey.fromKeyVault(stack, "Kv", { keyVaultId: "/subscriptions/s/kv", secretName: "psk" }),
    ).toThrow(ConnectivityValidationError);
    // Nothing was added to their stack: no second random provider, no resources.
    expect(stack.node.children.map((c: Construct) => c.node.id)).toEqual(["Old"]);

    const mixed = new other.TerraformStack(Testing.app(), "theirs");
    expect(thrown(() => vnetIn(mixed)).message).toContain(`stack 'theirs' is built on ${OTHER_NAME}`);
  });

  it("applyConnectivityPolicies throws instead of registering an aspect their framework never runs", () => {
    const app = new other.App({ outdir: outdir() });
    const stack = new other.TerraformStack(app, "network");
    new other.TerraformResource(stack, "Vnet", { terraformResourceType: "azurerm_virtual_network" });
    const e = thrown(() => applyConnectivityPolicies(app));
    expect(e).toBeInstanceOf(ConnectivityValidationError);
    expect(e.message).toContain(`the App is built on ${OTHER_NAME} ${OTHER_VERSION}`);
    expect(e.message).toContain(`Install ${OTHER_PACKAGE} instead of ${OUR_PACKAGE}`);
    expect(Aspects.of(stack).all).toEqual([]);
  });

  it("a policy aspect added to their stack through their Aspects fails synth instead of passing", () => {
    const stack = new other.TerraformStack(new other.App({ outdir: outdir() }), "network");
    new other.TerraformResource(stack, "Vnet", { terraformResourceType: "azurerm_virtual_network" });
    other.Aspects.of(stack).add(new ConnectivityPolicies());
    expect(() => other.Testing.synth(stack, true)).toThrow(
      `the App is built on ${OTHER_NAME} ${OTHER_VERSION}`,
    );
  });
});

describe("elements and aspects of the other framework inside an app of ours", () => {
  it("applyConnectivityPolicies names a resource of the other framework and what to use for it", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "network");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    new other.TerraformResource(stack, "Foreign", { terraformResourceType: "azurerm_virtual_network" });
    const e = thrown(() => applyConnectivityPolicies(app));
    expect(e).toBeInstanceOf(ConnectivityValidationError);
    expect(e.message).toMatch(/^\[network\/Foreign\] TerraformResource 'network\/Foreign' is built on /);
    expect(e.message).toContain(`${OTHER_NAME} ${OTHER_VERSION}`);
  });

  it("names a provider class by its package, and says which package to use instead", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "network");
    class VirtualNetwork extends other.TerraformResource {}
    (VirtualNetwork as any)[Symbol.for("jsii.rtti")] = {
      fqn: `@${OTHER_NAME}/provider-azurerm.virtualNetwork.VirtualNetwork`,
      version: "1.0.0",
    };
    new (VirtualNetwork as any)(stack, "Hub", { terraformResourceType: "azurerm_virtual_network" });
    const e = thrown(() => applyConnectivityPolicies(app));
    expect(e.message).toContain(`VirtualNetwork (@${OTHER_NAME}/provider-azurerm) 'network/Hub'`);
    expect(e.message).toContain(
      `Use @${OUR_FRAMEWORK.name}/provider-azurerm (built for ${OUR_FRAMEWORK.name}) for it`,
    );
  });

  it("refuses aspects added through the other framework's Aspects.of: they would never run", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "network");
    other.Aspects.of(stack).add({ visit: () => undefined });
    expect(foreignAspects(stack)).toEqual([
      { framework: { name: OTHER_NAME, version: OTHER_VERSION }, count: 1 },
    ]);
    const e = thrown(() => applyConnectivityPolicies(app));
    expect(e.message).toContain(
      `1 aspect(s) on 'network' were added through \`Aspects.of\` of ${OTHER_NAME}`,
    );
  });
});

describe(`a second copy of ${OUR_FRAMEWORK.name}`, () => {
  it("constructs and applyConnectivityPolicies throw, naming the copy and how to keep one", () => {
    const copy = secondCopy();
    expect(copy.TerraformStack).not.toBe(TerraformStack);
    const app = new copy.App({ outdir: outdir() });
    const stack = new copy.TerraformStack(app, "network");
    const e = thrown(() => vnetIn(stack));
    expect(e).toBeInstanceOf(ConnectivityValidationError);
    expect(e.message).toContain(
      `is built on a second copy of ${OUR_FRAMEWORK.name} ${OUR_FRAMEWORK.version}`,
    );
    expect(e.message).toContain(`npm ls ${OUR_FRAMEWORK.name}`);
    const a = thrown(() => applyConnectivityPolicies(app));
    expect(a.message).toContain("second copy");
  });

  it("aspects registered through the second copy's Aspects are refused", () => {
    const copy = secondCopy();
    const app = Testing.app();
    const stack = new TerraformStack(app, "network");
    copy.Aspects.of(stack).add(new ConnectivityPolicies());
    expect(thrown(() => applyConnectivityPolicies(app)).message).toContain(
      `through \`Aspects.of\` of a second copy of ${OUR_FRAMEWORK.name}`,
    );
  });
});

describe("applyConnectivityPolicies verifies that its aspect runs on every stack", () => {
  it("passes for an app of this build's framework, and registers the aspect where the framework reads it", () => {
    const app = new App({ outdir: outdir() });
    const stack = new TerraformStack(app, "network");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    vnetIn(stack);
    const policies = applyConnectivityPolicies(app);
    expect(aspectNotInvoked(stack, policies)).toBeUndefined();
    expect(aspectNotInvoked(stack, new ConnectivityPolicies())).toContain(
      "are not registered on stack 'network'",
    );
    expect(() => app.synth()).not.toThrow();
  });

  it("fails the stack's validation when synth validates a stack without having invoked the aspect", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "network");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    applyConnectivityPolicies(app);
    // Validations without the aspects before them: what a framework that does not see our aspect does.
    expect(stack.node.validate()).toEqual([
      expect.stringContaining("were not invoked on stack 'network' before its validations"),
    ]);
  });
});
