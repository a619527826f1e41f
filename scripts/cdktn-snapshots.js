#!/usr/bin/env node
// `npm run snapshots:cdktn`: writes the cdktn test projects' snapshots (__snapshots_cdktn__/, next to
// each __snapshots__/) from the reviewed cdktf snapshots. The synthesized Terraform is the same on both
// frameworks except for the provider versions in `required_providers`, which come from the provider
// packages (@cdktf/provider-azurerm 14.23.1 pins azurerm 4.55.0, @cdktn/provider-azurerm 16.1.0 pins
// 4.73.0; likewise random). So each cdktn snapshot is its cdktf snapshot with those version lines
// changed, and nothing else: `--check` (run by the test suite) fails when a committed cdktn snapshot is
// not exactly that, and the cdktn test run fails when cdktn's output is not the derived snapshot.
//
// After changing a cdktf snapshot (`jest -u --selectProjects fast`), run this script; never update
// the cdktn snapshots with `jest -u`.
"use strict";

const fs = require("fs");
const path = require("path");
const { ROOT, filesUnder } = require("./flavor");

/** Terraform provider versions pinned by each provider package: { azurerm: { from, to }, ... }. */
function providerVersions(root = ROOT) {
  const out = {};
  for (const p of ["azurerm", "random"]) {
    const read = (scope) =>
      JSON.parse(
        fs.readFileSync(path.join(root, "node_modules", scope, `provider-${p}`, "package.json"), "utf8"),
      ).cdktf.provider.version;
    out[p] = { from: read("@cdktf"), to: read("@cdktn") };
  }
  return out;
}

/** The cdktn snapshot derived from a cdktf snapshot's text. */
function deriveCdktn(text, versions = providerVersions()) {
  const lines = text.split("\n");
  for (let i = 1; i < lines.length; i++) {
    const block = /^\s*([a-z0-9_-]+) = \{$/.exec(lines[i - 1]);
    const v = versions[block?.[1]];
    if (v && lines[i] === `version = "${v.from}"`) lines[i] = `version = "${v.to}"`;
  }
  return lines.join("\n");
}

/** Every cdktf snapshot file and the path of its cdktn counterpart. */
function snapshotPairs(root = ROOT) {
  return filesUnder(path.join(root, "__tests__"), /\.snap$/)
    .filter((f) => path.basename(path.dirname(f)) === "__snapshots__")
    .map((f) => ({
      cdktf: f,
      cdktn: path.join(path.dirname(path.dirname(f)), "__snapshots_cdktn__", path.basename(f)),
    }));
}

/** What is wrong with the committed cdktn snapshots (missing, stale, orphaned), as messages. */
function checkCdktnSnapshots(root = ROOT) {
  const versions = providerVersions(root);
  const problems = [];
  const pairs = snapshotPairs(root);
  for (const p of pairs) {
    const rel = path.relative(root, p.cdktn);
    if (!fs.existsSync(p.cdktn)) problems.push(`${rel} is missing`);
    else if (fs.readFileSync(p.cdktn, "utf8") !== deriveCdktn(fs.readFileSync(p.cdktf, "utf8"), versions))
      problems.push(`${rel} is not its cdktf snapshot with the provider versions changed`);
  }
  const expected = new Set(pairs.map((p) => p.cdktn));
  for (const f of filesUnder(path.join(root, "__tests__"), /\.snap$/)) {
    if (path.basename(path.dirname(f)) === "__snapshots_cdktn__" && !expected.has(f))
      problems.push(`${path.relative(root, f)} has no cdktf snapshot`);
  }
  return problems;
}

if (require.main === module) {
  if (process.argv.includes("--check")) {
    const problems = checkCdktnSnapshots();
    for (const p of problems) console.error(`snapshots:cdktn: ${p}`);
    if (problems.length) {
      console.error("snapshots:cdktn: run `npm run snapshots:cdktn`");
      process.exit(1);
    }
  } else {
    const versions = providerVersions();
    const pairs = snapshotPairs();
    for (const p of pairs) {
      fs.mkdirSync(path.dirname(p.cdktn), { recursive: true });
      fs.writeFileSync(p.cdktn, deriveCdktn(fs.readFileSync(p.cdktf, "utf8"), versions));
    }
    const changed = Object.entries(versions)
      .map(([k, v]) => `${k} ${v.from} -> ${v.to}`)
      .join(", ");
    console.log(`snapshots:cdktn: ${pairs.length} snapshot files written (${changed})`);
  }
}

module.exports = { providerVersions, deriveCdktn, snapshotPairs, checkCdktnSnapshots };
