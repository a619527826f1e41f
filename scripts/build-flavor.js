#!/usr/bin/env node
// `npm run build:cdktn`: builds the cdktn-azure-connectivity package into build/cdktn/ from this
// repository's source (see scripts/flavor.js):
//   1. stage a copy of the library sources with the cdktf module specifiers renamed to cdktn;
//   2. write its package.json (name, description, peers and bin of the cdktn package; the rest as the
//      root package.json), README (with a note on top), LICENSE, CHANGELOG and the publish guard;
//   3. compile it with tsc (the root's build settings; node_modules resolve from the root);
//   4. fail if any cdktf module specifier survived in the emitted .js / .d.ts.
// Then `npm publish ./build/cdktn` (or `npm pack ./build/cdktn`).
"use strict";

const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const {
  ROOT,
  LIBRARY_SOURCES,
  CDKTN,
  CDKTN_DIR,
  stageCdktn,
  cdktfSpecifiers,
  filesUnder,
} = require("./flavor");

function main() {
  const started = Date.now();
  const out = CDKTN_DIR;
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });

  // The templates of `new` (bin/new.ts) are shipped as files: their .ts files import cdktn.
  const rewritten = stageCdktn(LIBRARY_SOURCES, out) + stageCdktn(["templates"], out);
  const staged = filesUnder(out, /\.ts$/).filter((f) => cdktfSpecifiers(fs.readFileSync(f, "utf8")).length);
  if (staged.length)
    fail(`the staged sources still import cdktf: ${staged.map((f) => path.relative(ROOT, f)).join(", ")}`);

  const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const pkg = {
    name: CDKTN.name,
    version: root.version,
    description: CDKTN.description,
    keywords: CDKTN.keywords,
    license: root.license,
    main: root.main,
    types: root.types,
    exports: root.exports,
    engines: root.engines,
    publishConfig: root.publishConfig,
    dependencies: root.dependencies,
    peerDependencies: CDKTN.peerDependencies,
    bin: CDKTN.bin,
    files: [
      "dist/**/*.js",
      "dist/**/*.d.ts",
      "schemas/*.json",
      "docs/*.md",
      "docs/*.svg",
      "CHANGELOG.md",
      "templates/",
    ],
    scripts: { prepublishOnly: "node scripts/check-publish-registry.js" },
  };
  for (const k of ["repository", "homepage", "bugs", "author"]) if (root[k] !== undefined) pkg[k] = root[k];
  fs.writeFileSync(path.join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");

  fs.mkdirSync(path.join(out, "scripts"));
  fs.copyFileSync(
    path.join(ROOT, "scripts/check-publish-registry.js"),
    path.join(out, "scripts/check-publish-registry.js"),
  );
  for (const f of ["LICENSE", "CHANGELOG.md"]) fs.copyFileSync(path.join(ROOT, f), path.join(out, f));
  // The README links to the pages of docs/; the findings report's JSON Schema is in schemas/.
  for (const d of ["schemas", "docs"]) fs.cpSync(path.join(ROOT, d), path.join(out, d), { recursive: true });
  const note =
    `> **${CDKTN.name}** is the CDK Terrain (\`cdktn\`) build of \`cdktf-azure-connectivity\`: the same API, CLI and rule ids.\n` +
    `> Where this README imports from \`cdktf\`, \`@cdktf/provider-azurerm\` or \`cdktf-azure-connectivity\`, a cdktn app imports from\n` +
    `> \`cdktn\`, \`@cdktn/provider-azurerm\` and \`${CDKTN.name}\`. See docs/frameworks.md ("Choosing the package for your framework").\n\n`;
  fs.writeFileSync(path.join(out, "README.md"), note + fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));

  fs.writeFileSync(
    path.join(out, "tsconfig.json"),
    JSON.stringify(
      {
        extends: "../../tsconfig.build.json",
        compilerOptions: { rootDir: ".", outDir: "dist" },
        include: LIBRARY_SOURCES.map((s) => (s.endsWith(".ts") ? s : `${s}/**/*.ts`)),
        exclude: ["dist", "node_modules"],
      },
      null,
      2,
    ) + "\n",
  );
  // API Extractor takes the package (name, report file name) from the folder of its config file.
  fs.writeFileSync(
    path.join(out, "api-extractor.json"),
    JSON.stringify(
      {
        extends: "../../api-extractor.json",
        projectFolder: ".",
        mainEntryPointFilePath: "<projectFolder>/dist/index.d.ts",
        apiReport: {
          enabled: true,
          reportFileName: "<unscopedPackageName>.api.md",
          reportFolder: "../../etc/",
          reportTempFolder: "../../node_modules/.cache/api-extractor/",
        },
      },
      null,
      2,
    ) + "\n",
  );
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(out, "tsconfig.json")],
    {
      stdio: "inherit",
    },
  );
  fs.chmodSync(path.join(out, "dist/bin/cli.js"), 0o755);

  // The guard: the cdktn package must not load cdktf (nor a cdktf provider) from anywhere.
  const left = [];
  for (const f of filesUnder(path.join(out, "dist"), /\.(js|d\.ts)$/)) {
    const found = cdktfSpecifiers(fs.readFileSync(f, "utf8"));
    if (found.length) left.push(`${path.relative(ROOT, f)}: ${found.join(", ")}`);
  }
  if (left.length) fail(`cdktf module specifiers survived in the cdktn build:\n  ${left.join("\n  ")}`);

  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `build:cdktn: ${CDKTN.name}@${pkg.version} in ${path.relative(ROOT, out)}/ ` +
      `(${rewritten} module specifiers renamed cdktf -> cdktn; no cdktf import left; ${secs}s)`,
  );
}

function fail(msg) {
  console.error(`build:cdktn: ${msg}`);
  process.exit(1);
}

main();
