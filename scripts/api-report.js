#!/usr/bin/env node
// `npm run api:check` / `npm run api:update` (after `npm run build` and `npm run build:cdktn`):
// API Extractor on each package's dist/index.d.ts against its committed report,
//   etc/cdktf-azure-connectivity.api.md (api-extractor.json) and
//   etc/cdktn-azure-connectivity.api.md (build/cdktn/api-extractor.json, written by build:cdktn),
// then the proof that both packages have the same API: the cdktn report, with the package and module
// names of cdktn put back to cdktf's, is the cdktf report line for line.
"use strict";

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { ROOT, CDKTN_DIR } = require("./flavor");

const update = process.argv.includes("--update");
const BIN = path.join(ROOT, "node_modules/@microsoft/api-extractor/bin/api-extractor");
const REPORTS = [
  { name: "cdktf-azure-connectivity", config: path.join(ROOT, "api-extractor.json") },
  { name: "cdktn-azure-connectivity", config: path.join(CDKTN_DIR, "api-extractor.json") },
];

let failed = false;
for (const r of REPORTS) {
  if (!fs.existsSync(r.config)) {
    console.error(`api: ${path.relative(ROOT, r.config)} is missing: run \`npm run build:cdktn\` first`);
    process.exit(1);
  }
  const res = spawnSync(process.execPath, [BIN, "run", ...(update ? ["--local"] : []), "-c", r.config], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (res.status !== 0) {
    failed = true;
    const committed = path.join(ROOT, "etc", `${r.name}.api.md`);
    const current = path.join(ROOT, "node_modules/.cache/api-extractor", `${r.name}.api.md`);
    console.error(`api: the public API of ${r.name} differs from ${path.relative(ROOT, committed)}:`);
    spawnSync("diff", ["-u", committed, current], { stdio: "inherit" });
  }
}
if (failed) {
  console.error("api: if the change is intended, run `npm run api:update` and commit the reports.");
  process.exit(1);
}

/** The cdktn report with cdktn's names put back to cdktf's: only these may differ. */
function asCdktf(text) {
  return text
    .replace(/"cdktn-azure-connectivity"/g, '"cdktf-azure-connectivity"')
    .replace(/from 'cdktn'/g, "from 'cdktf'")
    .replace(/from '@cdktn\/provider-/g, "from '@cdktf/provider-");
}
const [cdktf, cdktn] = REPORTS.map((r) =>
  fs.readFileSync(path.join(ROOT, "etc", `${r.name}.api.md`), "utf8"),
);
if (asCdktf(cdktn) !== cdktf) {
  const a = cdktf.split("\n");
  const b = asCdktf(cdktn).split("\n");
  const i = a.findIndex((l, k) => l !== b[k]);
  console.error(
    `api: the two packages' APIs differ beyond the framework's module names, first at line ${i + 1}:\n` +
      `  cdktf: ${a[i]}\n  cdktn: ${b[i]}`,
  );
  process.exit(1);
}
const undocumented = (cdktf.match(/\(undocumented\)/g) ?? []).length;
console.log(
  `api: both reports match the public API; the two packages' APIs are the same but for the framework's ` +
    `module names (${undocumented} member(s) marked undocumented in each)`,
);
