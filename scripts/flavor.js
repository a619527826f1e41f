// The two packages built from this one source, and the rewrite that turns the cdktf source into the
// cdktn (CDK Terrain) one. Used by the build (scripts/build-flavor.js), the tests that start processes
// on the cdktn tree, the snapshot and API report checks, and the end-to-end test.
//
// The source is written against cdktf. The cdktn build differs in module specifiers only: the
// framework's (`cdktf` -> `cdktn`, imported by core/framework.ts alone) and the providers' deep imports
// (`@cdktf/provider-azurerm/lib/...` -> `@cdktn/provider-azurerm/lib/...`). Strings are left alone: the
// `"//"` metadata key, the CLI's text and the rule ids are the same in both packages.
"use strict";

const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");

/** What the library is built from (relative to the repository root). */
const LIBRARY_SOURCES = ["index.ts", "core", "constructs", "authoring", "patterns", "policies", "bin"];

/**
 * The cdktn package: everything not listed here is taken from the root package.json (the cdktf
 * package). Peer ranges: the versions this repository pins and tests (devDependencies) up to the next
 * breaking release; `constructs` as cdktn 0.24 itself requires it.
 */
const CDKTN = {
  name: "cdktn-azure-connectivity",
  framework: "cdktn",
  description:
    "CDK Terrain (cdktn) constructs for Azure VNet connectivity (peerings, VPN gateways, sites, connections, NAT) with a synth-time policy layer",
  peerDependencies: {
    cdktn: ">=0.24.0 <0.25.0",
    constructs: ">=10.6.0 <10.8.0",
    "@cdktn/provider-azurerm": ">=16.1.0 <17.0.0",
    "@cdktn/provider-random": ">=15.0.1 <16.0.0",
  },
  // The CLI reads Terraform JSON and is the same program in both packages. It answers to the package's
  // name (so `npx cdktn-azure-connectivity` finds it) and to the name its usage text gives, so a CI gate
  // written as `cdktf-azure-connectivity check cdktf.out` keeps working after the move to cdktn.
  bin: {
    "cdktn-azure-connectivity": "dist/bin/cli.js",
    "cdktf-azure-connectivity": "dist/bin/cli.js",
  },
  keywords: [
    "cdktn",
    "cdk-terrain",
    "cdktf",
    "terraform",
    "azure",
    "azurerm",
    "vnet",
    "vnet-peering",
    "vpn-gateway",
    "policy-as-code",
  ],
};

/** The folder the cdktn package is staged and built in. */
const CDKTN_DIR = path.join(ROOT, "build", "cdktn");

// A module specifier: after `from`, `import`, `import(`, `require(`, `jest.mock(`, in either quotes.
const SPECIFIER =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bjest\.mock\s*\(\s*)(["'])(cdktf|@cdktf\/provider-[a-z0-9-]+)((?:\/[^"'\n]*)?)\2/g;

function renameModule(mod) {
  return mod === "cdktf" ? "cdktn" : mod.replace(/^@cdktf\//, "@cdktn/");
}

/** The cdktn version of a TypeScript or JavaScript text: its cdktf module specifiers renamed. */
function rewriteSpecifiers(text) {
  let count = 0;
  const out = text.replace(SPECIFIER, (_, kw, q, mod, sub) => {
    count++;
    return `${kw}${q}${renameModule(mod)}${sub}${q}`;
  });
  return { text: out, count };
}

/**
 * Packages of the @cdktf scope that do not depend on the framework and both packages use as they are:
 * `@cdktf/hcl2json` (the HCL parser of the CLI's HCL input; its only dependency is fs-extra).
 */
const FRAMEWORK_FREE = ["@cdktf/hcl2json"];

/** The cdktf module specifiers left in a text (the guard on the cdktn build's output). */
function cdktfSpecifiers(text) {
  const found = [];
  for (const m of text.matchAll(new RegExp(SPECIFIER.source, "g"))) found.push(`${m[3]}${m[4]}`);
  // Anything that names a cdktf package, whatever the syntax around it, but the framework-free ones.
  for (const m of text.matchAll(/["'`](@cdktf\/[^"'`\s]*)/g))
    if (!FRAMEWORK_FREE.includes(m[1])) found.push(m[1]);
  return [...new Set(found)];
}

/**
 * Copies `entries` (files or folders, relative to the root) to `outDir`, rewriting the module
 * specifiers of .ts/.js files for cdktn. Returns the number of specifiers rewritten.
 */
function stageCdktn(entries, outDir, root = ROOT) {
  let count = 0;
  const copy = (rel) => {
    const src = path.join(root, rel);
    const dst = path.join(outDir, rel);
    const st = fs.statSync(src);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(src)) {
        if (e === "__snapshots__" || e === "node_modules") continue;
        copy(path.join(rel, e));
      }
      return;
    }
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    if (/\.(ts|js)$/.test(rel)) {
      const r = rewriteSpecifiers(fs.readFileSync(src, "utf8"));
      count += r.count;
      fs.writeFileSync(dst, r.text);
    } else {
      fs.copyFileSync(src, dst);
    }
  };
  for (const e of entries) copy(e);
  return count;
}

/** Every file under `dir` whose name matches `re`. */
function filesUnder(dir, re, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

module.exports = {
  ROOT,
  LIBRARY_SOURCES,
  CDKTN,
  CDKTN_DIR,
  rewriteSpecifiers,
  cdktfSpecifiers,
  stageCdktn,
  filesUnder,
};
