/**
 * Names from a configuration never reach a terminal or a CI log raw: escape sequences and newlines are
 * escaped, and forged workflow commands (`::error file=...::`, `##vso[...]`) cannot start a line.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { VirtualNetworkPeering } from "@cdktf/provider-azurerm/lib/virtual-network-peering";
import { main } from "../../bin/cli";
import { applyConnectivityPolicies } from "../../policies/aspect";
import { peering, tfDoc, vnet } from "../../test-utils/terraform";

/** A VNet name that tries everything: a colour escape, a newline, forged GitHub and Azure Pipelines commands. */
const EVIL =
  "net\u001b[31m\n::error file=main.tf,line=1::forged\r\n##vso[task.setvariable variable=x]1\u009b2J";

/** No raw control character, and no line a CI runner would read as a command. */
function expectSafe(text: string): void {
  // eslint-disable-next-line no-control-regex
  expect(text.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  for (const line of text.split("\n")) {
    expect(line).not.toMatch(/^\s*::/);
    expect(line).not.toMatch(/##(vso)?\[/i);
  }
}

function overlapping(name: string): unknown {
  return tfDoc(
    vnet("a", ["10.0.0.0/16"], { name }),
    vnet("b", ["10.0.1.0/24"], { name: `${name}-b` }),
    peering("a-to-b", "a", "b", { name: `${name}-peering` }),
  );
}

describe("the CLI's text output", () => {
  it("prints a finding about a hostile VNet name on one escaped line, exit 1", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-inject-"));
    const file = path.join(dir, "main.tf.json");
    fs.writeFileSync(file, JSON.stringify(overlapping(EVIL)));
    const printed: string[] = [];
    const log = jest.spyOn(console, "log").mockImplementation((l: string) => void printed.push(l));
    const err = jest.spyOn(console, "error").mockImplementation((l: string) => void printed.push(l));
    try {
      expect(await main(["check", file])).toBe(1);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    const text = printed.join("\n");
    expect(text).toContain("AddressSpace.NoOverlap");
    expect(text).toContain("net\\x1b[31m\\n::error file=main.tf,line=1::forged");
    expectSafe(text);
  });

  it("makes every line it prints safe, whatever produced it (the reachability summary too)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-inject-"));
    const file = path.join(dir, "main.tf.json");
    fs.writeFileSync(
      file,
      JSON.stringify(
        tfDoc(vnet("a", ["10.0.0.0/16"], { name: EVIL }), vnet("b", ["10.1.0.0/16"], { name: "b" })),
      ),
    );
    const printed: string[] = [];
    const log = jest.spyOn(console, "log").mockImplementation((l: string) => void printed.push(l));
    const err = jest.spyOn(console, "error").mockImplementation((l: string) => void printed.push(l));
    try {
      process.env.CDKTF_AZURE_CONNECTIVITY_SVG = "off";
      expect(await main(["check", "--reachability", file])).toBe(0);
    } finally {
      delete process.env.CDKTF_AZURE_CONNECTIVITY_SVG;
      log.mockRestore();
      err.mockRestore();
    }
    expectSafe(printed.join("\n"));
  });
});

describe("synth", () => {
  function app(name: string): { app: App; outdir: string } {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-inject-synth-"));
    const a = new App({ outdir });
    const stack = new TerraformStack(a, "net");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const va = new VirtualNetwork(stack, "a", {
      name,
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const vb = new VirtualNetwork(stack, "b", {
      name: `${name}-b`,
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.0.1.0/24"],
    });
    new VirtualNetworkPeering(stack, "ab", {
      name: "ab",
      resourceGroupName: "rg",
      virtualNetworkName: va.name,
      remoteVirtualNetworkId: vb.id,
    });
    applyConnectivityPolicies(a, { reachability: false });
    return { app: a, outdir };
  }

  it("fails with a message whose names are escaped: the forged command stays inside its line", async () => {
    const { app: a } = app(EVIL);
    let message = "";
    try {
      a.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("AddressSpace.NoOverlap");
    expect(message).toContain("\\n::error file=main.tf");
    // The policies' own lines, not the name, start each line of the failure message.
    const ours = message.split("\n").filter((l) => l.includes("AddressSpace.NoOverlap"));
    expect(ours.length).toBeGreaterThan(0);
    expectSafe(ours.join("\n"));
  });

  it("annotates warnings with escaped names", async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cac-inject-synth-"));
    const a = new App({ outdir });
    const stack = new TerraformStack(a, "net");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    const va = new VirtualNetwork(stack, "a", {
      name: EVIL,
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.0.0.0/16"],
    });
    const vb = new VirtualNetwork(stack, "b", {
      name: "b",
      resourceGroupName: "rg",
      location: "westeurope",
      addressSpace: ["10.1.0.0/16"],
    });
    // One direction only: Peering.MissingReverse is a warning.
    new VirtualNetworkPeering(stack, "ab", {
      name: "ab",
      resourceGroupName: "rg",
      virtualNetworkName: va.name,
      remoteVirtualNetworkId: vb.id,
    });
    applyConnectivityPolicies(a, { reachability: false });
    a.synth();
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    const annotations = Object.values(
      manifest.stacks as Record<string, { annotations: { message: string }[] }>,
    )
      .flatMap((s) => s.annotations)
      .map((x) => x.message);
    expect(annotations.some((m) => m.includes("\\n::error"))).toBe(true);
    expectSafe(annotations.join("\n"));
  });
});
