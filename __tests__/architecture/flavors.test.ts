/**
 * Two packages from one source: cdktf-azure-connectivity (the root package.json) and
 * cdktn-azure-connectivity (built by scripts/build-flavor.js). What keeps them the same package:
 * - the source names the framework in one file (core/framework.ts) and otherwise only in deep provider
 *   imports, the only specifiers the cdktn build renames;
 * - the rename touches module specifiers only, never strings (metadata key, CLI text, rule ids);
 * - the cdktn snapshots are the cdktf ones with the provider versions changed, nothing else;
 * - the versions this repository pins and tests satisfy each package's peer ranges, and `constructs`
 *   satisfies both frameworks' own ranges.
 */
import * as fs from "fs";
import * as path from "path";
import * as semver from "semver";
import { METADATA_KEY } from "../../core/metadata";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const flavor = require("../../scripts/flavor");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const snapshots = require("../../scripts/cdktn-snapshots");

const ROOT = path.resolve(__dirname, "../..");
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const installed = (name: string): any =>
  JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8"));

describe("the cdktn rename (scripts/flavor.js)", () => {
  it("renames the framework's and the providers' module specifiers in every import form", () => {
    const src = [
      'import { App, TerraformStack } from "cdktf";',
      "import type { IAspect } from 'cdktf';",
      'export { Token } from "cdktf";',
      'import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";',
      'import { Password } from "@cdktf/provider-random/lib/password";',
      'const x = require("cdktf/lib/testing/adapters/jest");',
      'type T = import("cdktf").TerraformStack;',
      'import "cdktf/lib/testing/adapters/jest";',
      'jest.mock("@cdktf/provider-azurerm/lib/subnet");',
    ].join("\n");
    const { text, count } = flavor.rewriteSpecifiers(src);
    expect(count).toBe(9);
    expect(text).toBe(src.replace(/(["'])cdktf/g, "$1cdktn").replace(/@cdktf\//g, "@cdktn/"));
    expect(flavor.cdktfSpecifiers(text)).toEqual([]);
    expect(flavor.cdktfSpecifiers(src)).toContain("@cdktf/provider-azurerm/lib/virtual-network");
  });

  it("leaves strings alone: the metadata key, the CLI's name and text, cdktf.json, rule ids", () => {
    const src = [
      `const KEY = "${METADATA_KEY}";`,
      'const USAGE = "Usage: cdktf-azure-connectivity check <file-or-dir>";',
      'const from = "cdktf.json"; const out = "cdktf.out"; const env = "CDKTF_OUTDIR";',
      'const hint = "run cdktf synth"; const id = "GatewaySubnet.NoNsg";',
      'import { Vnet } from "cdktf-azure-connectivity";',
    ].join("\n");
    expect(flavor.rewriteSpecifiers(src)).toEqual({ text: src, count: 0 });
    expect(METADATA_KEY).toBe("cdktf-azure-connectivity");
  });

  it("has only core/framework.ts import the framework; the rest of the library imports providers at most", () => {
    const framework: string[] = [];
    for (const entry of flavor.LIBRARY_SOURCES) {
      const p = path.join(ROOT, entry);
      const files = fs.statSync(p).isDirectory() ? flavor.filesUnder(p, /\.ts$/) : [p];
      for (const f of files) {
        const found: string[] = flavor.cdktfSpecifiers(fs.readFileSync(f, "utf8"));
        if (found.some((s) => s === "cdktf" || s.startsWith("cdktf/")))
          framework.push(path.relative(ROOT, f));
        // The framework's root, and the two modules of its own core/framework.ts reaches into
        // (`renderStack`: the stack's resolve, and the resolve with a key path); providers by deep path.
        for (const s of found)
          expect(s).toMatch(
            /^(cdktf|cdktf\/lib\/(_tokens|tokens\/private\/resolve)|@cdktf\/provider-(azurerm|random)\/lib\/[a-z0-9-]+)$/,
          );
      }
    }
    expect(framework).toEqual([path.join("core", "framework.ts")]);
  });
});

describe("the cdktn snapshots (__snapshots_cdktn__)", () => {
  it("are the cdktf snapshots with the required_providers versions changed, and nothing else", () => {
    expect(snapshots.checkCdktnSnapshots()).toEqual([]);
  });

  it("change only version lines inside a provider block", () => {
    const v = { azurerm: { from: "4.55.0", to: "4.73.0" } };
    const text =
      'required_providers {\n  azurerm = {\nversion = "4.55.0"\n}\n}\nname = "4.55.0"\nversion = "4.55.0"';
    expect(snapshots.deriveCdktn(text, v)).toBe(
      'required_providers {\n  azurerm = {\nversion = "4.73.0"\n}\n}\nname = "4.55.0"\nversion = "4.55.0"',
    );
  });
});

describe("peer ranges of both packages", () => {
  const peersOf = {
    "cdktf-azure-connectivity": PKG.peerDependencies as Record<string, string>,
    "cdktn-azure-connectivity": flavor.CDKTN.peerDependencies as Record<string, string>,
  };

  it.each(Object.entries(peersOf))(
    "%s: the versions this repository installs and tests are in range",
    (_, peers) => {
      for (const [name, range] of Object.entries(peers)) {
        expect(PKG.devDependencies[name]).toBeDefined();
        expect(
          `${name}@${installed(name).version}: ${semver.satisfies(installed(name).version, range)}`,
        ).toBe(`${name}@${PKG.devDependencies[name]}: true`);
      }
    },
  );

  it("the two packages have the same peers, each framework's own", () => {
    const rename = (n: string) => n.replace(/^cdktf$/, "cdktn").replace(/^@cdktf\//, "@cdktn/");
    expect(Object.keys(peersOf["cdktf-azure-connectivity"]).map(rename).sort()).toEqual(
      Object.keys(peersOf["cdktn-azure-connectivity"]).sort(),
    );
  });

  it("constructs satisfies both frameworks and every provider, so one copy serves a repository with both", () => {
    const v = installed("constructs").version;
    for (const dep of [
      "cdktf",
      "cdktn",
      "@cdktf/provider-azurerm",
      "@cdktn/provider-azurerm",
      "@cdktn/provider-random",
    ]) {
      const range = installed(dep).peerDependencies?.constructs;
      expect(`${dep} wants constructs ${range}: ${semver.satisfies(v, range)}`).toBe(
        `${dep} wants constructs ${range}: true`,
      );
    }
    expect(semver.satisfies(v, peersOf["cdktn-azure-connectivity"].constructs)).toBe(true);
    expect(semver.satisfies(v, peersOf["cdktf-azure-connectivity"].constructs)).toBe(true);
  });

  it("the cdktn azurerm provider's stale cdktn peer is overridden to ours (the line the README gives users)", () => {
    const wanted = installed("@cdktn/provider-azurerm").peerDependencies.cdktn;
    // While the provider asks for a cdktn that is not ours, the override must stay.
    if (!semver.satisfies(installed("cdktn").version, wanted)) {
      expect(PKG.overrides["@cdktn/provider-azurerm"]).toEqual({ cdktn: "$cdktn" });
      const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
      expect(readme).toContain('"@cdktn/provider-azurerm": { "cdktn": "$cdktn" }');
    }
  });
});
