/**
 * docs/checking-terraform.md: its TypeScript example is a compiled file (word for
 * word, except the import path) run on a fixture, and every CLI command it shows (in the shell block and
 * the CI snippets) runs on fixtures named as on the page and is a usable invocation (never exit 2).
 * The commands of docs/cli.md and docs/ci.md run on the same fixtures.
 */
import * as fs from "fs";
import * as path from "path";
import { main } from "../../bin/cli";
import { tmpdir, writeTree } from "../../test-utils/files";
import { NEW_USER_HCL, planDoc, plannedPeering, plannedVnet, refs } from "../../test-utils/terraform";
import { checkInfra, checkPlan } from "./examples/check-terraform.example";

const PAGE = fs.readFileSync(path.join(__dirname, "../../docs/checking-terraform.md"), "utf8");
const README = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const page = (name: string) => fs.readFileSync(path.join(__dirname, "../../docs", name), "utf8");

/** The `check` and `diff` commands a page shows (in code blocks or inline code). */
function commandsOf(text: string): string[] {
  return text
    .split("\n")
    .map((l) => /npx cdktf-azure-connectivity ((?:check|diff)[^#>`\n]*)/.exec(l)?.[1].trim())
    .filter((c): c is string => c !== undefined);
}

function section(): string {
  return PAGE;
}

const normalized = (code: string) => code.replace(/\s+/g, "").replace(/,([}\])])/g, "$1");

/** The folder the page's commands run in: infra/ (HCL), envs/prod.tfvars, plan.json, cdktf.out. */
function fixtures(): string {
  const plan = planDoc(
    [
      plannedVnet("a", ["10.0.0.0/16"]),
      plannedVnet("b", ["10.1.0.0/16"]),
      plannedPeering("a_b", "a"),
      plannedPeering("b_a", "b"),
    ],
    {
      configuration: {
        resources: {
          "azurerm_virtual_network_peering.a_b": {
            remote_virtual_network_id: refs("azurerm_virtual_network.b.id"),
          },
          "azurerm_virtual_network_peering.b_a": {
            remote_virtual_network_id: refs("azurerm_virtual_network.a.id"),
          },
        },
      },
    },
  );
  return writeTree(tmpdir("cac-readme-"), {
    // The new user without the NSG on the GatewaySubnet: prod.tfvars moves the overlapping spoke.
    "infra/main.tf": NEW_USER_HCL.replace(
      /resource "azurerm_subnet_network_security_group_association"[^}]*\}\n/,
      "",
    ).concat('\nvariable "location" {\n  default = "westeurope"\n}\n'),
    "envs/prod.tfvars": 'spoke_spaces = ["10.1.0.0/16", "10.2.0.0/16"]\n',
    "plan.json": plan,
    "cdktf.out/stacks/net/cdk.tf.json": { "//": { metadata: { stackName: "net" } }, terraform: {} },
    "base/cdktf.out/stacks/net/cdk.tf.json": { "//": { metadata: { stackName: "net" } }, terraform: {} },
  });
}

async function inFolder<T>(dir: string, f: () => Promise<T> | T): Promise<T> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return await f();
  } finally {
    process.chdir(cwd);
  }
}

describe("docs/checking-terraform.md", () => {
  it("is linked from the README", () => {
    expect(README).toContain("](docs/checking-terraform.md)");
  });

  it("shows the code example word for word, and it runs", async () => {
    const code = fs
      .readFileSync(path.join(__dirname, "examples/check-terraform.example.ts"), "utf8")
      .replace('from "../../../index";', 'from "cdktf-azure-connectivity";');
    const blocks = [...section().matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => normalized(m[1]));
    expect(blocks).toContainEqual(normalized(code));
    const dir = fixtures();
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      // prod.tfvars takes the overlapping spoke away: the HCL passes, strictly.
      expect(await inFolder(dir, checkInfra)).toBe(true);
      expect(await inFolder(dir, checkPlan)).toBe(true);
    } finally {
      log.mockRestore();
    }
  });

  it.each([
    ["checking-terraform.md", 8],
    ["cli.md", 7],
    ["ci.md", 1],
  ])("every CLI command docs/%s shows is a usable invocation (never exit 2)", async (name, least) => {
    const commands = commandsOf(page(name));
    expect(commands.length).toBeGreaterThanOrEqual(least);
    const dir = fixtures();
    for (const command of commands) {
      const args = command.split(/\s+/);
      const err: string[] = [];
      const out: string[] = [];
      const code = await inFolder(dir, () =>
        main(args, { out: (l) => out.push(l), err: (l) => err.push(l) }),
      );
      expect({ command, code, err: code === 2 ? err : [] }).toEqual({
        command,
        code: expect.any(Number),
        err: [],
      });
      expect(code).not.toBe(2);
    }
  });
});
