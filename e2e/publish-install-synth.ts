/**
 * End to end, the way a user meets this package: publish both packages built from this source
 * (cdktf-azure-connectivity and cdktn-azure-connectivity) to a real private registry, install each into
 * a fresh app of its framework from that registry, synthesize, and run the installed CLI.
 *
 * - A Verdaccio registry is started on 127.0.0.1 (random free port), with throwaway storage, config
 *   and htpasswd in a temp folder. Our package names are served only from that storage (never proxied);
 *   every other name is proxied to the public npm registry, as an Azure Artifacts feed with an
 *   upstream source or an Artifactory remote would do.
 * - A user is created through the registry API. `npm publish` runs in this repository with a throwaway
 *   userconfig holding that user's token (so `prepack` builds the cdktf package, as it would for a real
 *   release); the cdktn package is built with `npm run build:cdktn` and published from build/cdktn.
 * - Per framework, a consumer app in a temp folder installs its package from that registry only,
 *   type-checks against the installed `.d.ts` (node10 and node16 resolution, no @types/node),
 *   synthesizes a good network (passes) and a bad one (fails with every error, GatewaySubnet.NoNsg
 *   among them, and no stack left), and runs the installed `check` CLI. The cdktf app synthesizes through
 *   the cdktf CLI; the cdktn app runs itself (`node main.js`, i.e. `app.synth()`), because the cdktn CLI
 *   needs Node 22.19 or later. The cdktn app installs with the `overrides` line the README gives users.
 * - A new app, as the README's "Start a new app" gives it: the installed cdktf package's
 *   `new peering` writes it into a fresh folder; its .npmrc placeholders are filled in with an
 *   organisation scope (the package republished under it, @e2e/cdktf-azure-connectivity) and this
 *   registry, then `npm install`, `npx cdktf synth` (the app's own cdktf-cli) and `npm test` pass.
 * - Across the two: the bad network reports the same findings (rule ids, paths, messages) on both
 *   frameworks; the cdktf package's CLI reads the cdktn app's output (one metadata format); and a cdktn
 *   app that installs the cdktf package by mistake fails synth with the framework mismatch error.
 *
 * Network: loopback, and the public npm registry through the registry's uplink (package metadata;
 * tarballs already in the npm cache are taken from it by integrity). The registry and every child
 * process are stopped and the temp folder is removed whatever happens, on SIGINT/SIGTERM too.
 *
 * Run: `npm run e2e`. Environment: E2E_KEEP=1 keeps the temp folder; E2E_PEERS=ranges installs the newest
 * peer versions within each package's peerDependencies ranges instead of the versions this repository
 * pins; E2E_NPM_CACHE=<dir> uses another npm cache (an empty one makes every tarball come through the
 * registry); E2E_ONLY=cdktf or cdktn runs one framework (and skips the cross-framework steps).
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const VERSION: string = PKG.version;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const FLAVOR = require("../scripts/flavor");

/** One of the two packages, and how its app is written and synthesized. */
interface Flavor {
  readonly framework: "cdktf" | "cdktn";
  readonly name: string;
  /** Where `npm publish` runs. */
  readonly publishDir: string;
  readonly peerRanges: Record<string, string>;
  /** The CLI's names in node_modules/.bin. */
  readonly bins: readonly string[];
  /** package.json fields of the consumer app besides dependencies (the README's `overrides` line for cdktn). */
  readonly consumerExtra: Record<string, unknown>;
}

const FLAVORS: readonly Flavor[] = [
  {
    framework: "cdktf",
    name: PKG.name,
    publishDir: ROOT,
    peerRanges: PKG.peerDependencies,
    bins: Object.keys(PKG.bin),
    consumerExtra: {},
  },
  {
    framework: "cdktn",
    name: FLAVOR.CDKTN.name,
    publishDir: FLAVOR.CDKTN_DIR,
    peerRanges: FLAVOR.CDKTN.peerDependencies,
    bins: Object.keys(FLAVOR.CDKTN.bin),
    // Until @cdktn/provider-azurerm is republished with a cdktn ^0.24 peer (see README).
    consumerExtra: { overrides: { "@cdktn/provider-azurerm": { cdktn: "$cdktn" } } },
  },
].filter((f) => !process.env.E2E_ONLY || process.env.E2E_ONLY === f.framework) as Flavor[];
const CDKTF_CLI = path.join(ROOT, "node_modules/cdktf-cli/bundle/bin/cdktf");
const VERDACCIO = path.join(ROOT, "node_modules/verdaccio/bin/verdaccio");
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";
const MINUTE = 60_000;
/** The organisation scope of the step that generates an app with `new` (its .npmrc maps it). */
const SCOPE = "@e2e";

// ---------------------------------------------------------------------------------------------------
// Cleanup: children and the temp folder go away on every path out of this process.

const children = new Set<ChildProcess>();
const cleanups: Array<() => void> = [];

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // children are spawned detached: each leads its own group
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function cleanupNow(): void {
  for (const c of children) killGroup(c, "SIGKILL");
  children.clear();
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      fn();
    } catch (e) {
      console.error(`e2e: cleanup: ${(e as Error).message}`);
    }
  }
}

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
] as const) {
  process.on(signal, () => {
    console.error(`e2e: ${signal}: stopping the registry and removing temp folders`);
    cleanupNow();
    process.exit(code);
  });
}
process.on("exit", cleanupNow);

// ---------------------------------------------------------------------------------------------------
// Processes

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  output: string;
}

/** An environment for child processes without the npm_* variables `npm run` sets for this script. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0", NO_UPDATE_NOTIFIER: "1", ...extra };
}

function run(
  cmd: string,
  args: readonly string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? childEnv(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d;
      output += d;
    });
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d;
      output += d;
    });
    const timer = setTimeout(() => {
      output += `\n[e2e: timed out after ${opts.timeoutMs / 1000}s]`;
      killGroup(child, "SIGKILL");
    }, opts.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      children.delete(child);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, stdout, stderr, output });
    });
  });
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

class CheckFailed extends Error {}

function expect(ok: boolean, what: string, detail?: string): void {
  if (!ok)
    throw new CheckFailed(
      detail === undefined ? what : `${what}\n--- output (last lines) ---\n${tail(detail)}`,
    );
}

// ---------------------------------------------------------------------------------------------------
// Registry

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function verdaccioConfig(dir: string, port: number): string {
  const q = (p: string) => JSON.stringify(p); // a JSON string is a valid YAML scalar
  return `# Throwaway Verdaccio for the e2e test: loopback only, storage in a temp folder.
storage: ${q(path.join(dir, "storage"))}
plugins: ${q(path.join(dir, "plugins"))}
listen:
  - 127.0.0.1:${port}
web:
  enable: false
auth:
  htpasswd:
    file: ${q(path.join(dir, "htpasswd"))}
    max_users: 10
uplinks:
  npmjs:
    url: https://registry.npmjs.org/
    timeout: 120s
    maxage: 30m
packages:
  # Ours: served only from this registry's storage, never looked up upstream.
${FLAVORS.map(
  (f) => `  ${q(f.name)}:
    access: $all
    publish: $authenticated
    unpublish: $authenticated
`,
).join("")}  # The scope a generated app installs the package from (new peering: npm:@e2e/<name>@<version>).
  "${SCOPE}/*":
    access: $all
    publish: $authenticated
  "@*/*":
    access: $all
    publish: $authenticated
    proxy: npmjs
  "**":
    access: $all
    publish: $authenticated
    proxy: npmjs
middlewares:
  audit:
    enabled: false
server:
  keepAliveTimeout: 60
log:
  type: stdout
  format: pretty
  level: warn
`;
}

async function waitForRegistry(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    expect(child.exitCode === null, "Verdaccio exited while starting", log());
    try {
      const res = await fetch(`${url}-/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new CheckFailed(`Verdaccio did not answer ${url}-/ping within 60s\n${tail(log())}`);
}

async function createUser(url: string, name: string, password: string): Promise<string> {
  const res = await fetch(`${url}-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      _id: `org.couchdb.user:${name}`,
      name,
      password,
      type: "user",
      roles: [],
      date: new Date().toISOString(),
    }),
  });
  const body = (await res.json()) as { token?: string; error?: string };
  expect(
    res.status === 201 && typeof body.token === "string",
    `creating user ${name}: HTTP ${res.status}`,
    JSON.stringify(body),
  );
  return body.token!;
}

// ---------------------------------------------------------------------------------------------------
// Checks

function filesUnder(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p, base) : [path.relative(base, p).split(path.sep).join("/")];
  });
}

function npmCache(): string {
  if (process.env.E2E_NPM_CACHE) return path.resolve(process.env.E2E_NPM_CACHE);
  const res = spawnSync(NPM, ["config", "get", "cache"], { encoding: "utf8", env: childEnv() });
  const dir = res.stdout.trim();
  return res.status === 0 && dir ? dir : path.join(os.homedir(), ".npm");
}

/** What the bad network's synth reported on one framework, for the comparison across frameworks. */
interface BadOutcome {
  readonly findings: { ruleId: string; severity: string; path: string; message: string }[];
}

/** The README's quick start (its first TypeScript block), word for word. */
function readmeQuickStart(): string {
  const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
  const m = /```ts\n([\s\S]*?)```/.exec(readme);
  if (!m || !m[1].includes("applyConnectivityPolicies(app)")) throw new Error("README.md has no quick start");
  return m[1];
}

/** The consumer app's TypeScript for a framework: the cdktf files with cdktn's module names on cdktn. */
function consumerSource(text: string, framework: "cdktf" | "cdktn", ourPackage: string): string {
  if (framework === "cdktf") return text;
  return FLAVOR.rewriteSpecifiers(text).text.replace(
    /(from\s*|require\(\s*)"cdktf-azure-connectivity"/g,
    `$1"${ourPackage}"`,
  );
}

async function main(): Promise<number> {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cac-e2e-"));
  cleanups.push(() => {
    if (process.env.E2E_KEEP === "1") console.log(`e2e: kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  });
  const registryDir = path.join(tmp, "registry");
  fs.mkdirSync(registryDir);
  const userconfig = path.join(tmp, "npmrc");
  const cache = npmCache();

  let passed = 0;
  const step = async (what: string, fn: () => Promise<void>) => {
    const t0 = Date.now();
    process.stdout.write(`e2e: ${what} ... `);
    await fn();
    passed++;
    console.log(`ok (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  };

  let registry: ChildProcess | undefined;
  let registryLog = "";
  let url = "";
  let token = "";
  try {
    await step("start Verdaccio on 127.0.0.1", async () => {
      const port = await freePort();
      url = `http://127.0.0.1:${port}/`;
      const config = path.join(registryDir, "config.yaml");
      fs.writeFileSync(config, verdaccioConfig(registryDir, port));
      registry = spawn(process.execPath, [VERDACCIO, "--config", config], {
        cwd: registryDir,
        env: childEnv(),
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.add(registry);
      const r = registry;
      cleanups.push(() => killGroup(r, "SIGKILL"));
      registry.stdout!.on("data", (d: Buffer) => (registryLog += d));
      registry.stderr!.on("data", (d: Buffer) => (registryLog += d));
      await waitForRegistry(url, registry, () => registryLog);
    });

    await step("create a registry user and a throwaway .npmrc", async () => {
      token = await createUser(url, "e2e-publisher", crypto.randomBytes(18).toString("base64url"));
      const authKey = url.replace(/^https?:/, "");
      fs.writeFileSync(userconfig, `registry=${url}\n${authKey}:_authToken=${token}\n`, { mode: 0o600 });
    });

    const npmArgs = [
      "--registry",
      url,
      "--userconfig",
      userconfig,
      "--cache",
      cache,
      "--no-audit",
      "--no-fund",
    ];

    for (const f of FLAVORS) {
      const how = f.framework === "cdktf" ? "prepack builds it" : "built by `npm run build:cdktn`";
      await step(`npm publish ${f.name}@${VERSION} (${how})`, async () => {
        if (f.framework === "cdktn") {
          const build = await run(process.execPath, [path.join(ROOT, "scripts/build-flavor.js")], {
            cwd: ROOT,
            timeoutMs: 5 * MINUTE,
          });
          expect(build.code === 0, `npm run build:cdktn exited ${build.code}`, build.output);
        }
        const where = f.publishDir === ROOT ? [] : [f.publishDir];
        const res = await run(NPM, ["publish", ...where, ...npmArgs], { cwd: ROOT, timeoutMs: 5 * MINUTE });
        expect(res.code === 0, `npm publish exited ${res.code}`, res.output + "\n" + registryLog);
        const meta = (await (await fetch(`${url}${f.name}`)).json()) as {
          versions?: Record<string, unknown>;
        };
        expect(
          !!meta.versions?.[VERSION],
          `the registry does not list ${f.name}@${VERSION}`,
          JSON.stringify(meta),
        );
      });
    }

    // -------------------------------------------------------------------------------------------------
    // One consumer app per framework.

    const consumers = new Map<string, string>();
    const outcomes = new Map<string, BadOutcome>();
    for (const f of FLAVORS) {
      const fw = f.framework;
      const consumer = path.join(tmp, `consumer-${fw}`);
      fs.mkdirSync(consumer);
      consumers.set(fw, consumer);
      const peerNames = Object.keys(f.peerRanges);

      await step(`${fw}: install ${f.name} into a fresh ${fw} app from the registry`, async () => {
        const versions = process.env.E2E_PEERS === "ranges" ? f.peerRanges : PKG.devDependencies;
        const dependencies = Object.fromEntries(peerNames.map((p) => [p, versions[p]]));
        fs.writeFileSync(
          path.join(consumer, "package.json"),
          JSON.stringify(
            { name: `e2e-consumer-${fw}`, version: "1.0.0", private: true, dependencies, ...f.consumerExtra },
            null,
            2,
          ),
        );
        for (const file of fs.readdirSync(path.join(__dirname, "consumer"))) {
          const text = fs.readFileSync(path.join(__dirname, "consumer", file), "utf8");
          const out = file.endsWith(".ts") ? consumerSource(text, fw, f.name) : text;
          fs.writeFileSync(path.join(consumer, file), out);
        }
        // The good app is the README's quick start, as the README shows it.
        fs.writeFileSync(path.join(consumer, "main.ts"), consumerSource(readmeQuickStart(), fw, f.name));
        const res = await run(NPM, ["install", `${f.name}@${VERSION}`, ...npmArgs], {
          cwd: consumer,
          timeoutMs: 10 * MINUTE,
        });
        expect(res.code === 0, `npm install exited ${res.code}`, res.output + "\n" + registryLog);
      });

      const installed = path.join(consumer, "node_modules", f.name);
      await step(`${fw}: the installed package holds only the built library, types and docs`, async () => {
        const files = filesUnder(installed).filter((p) => !p.startsWith("node_modules/"));
        const allowed =
          /^(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+\.(js|d\.ts)|schemas\/[a-z-]+\.schema\.json|docs\/[a-z-]+\.(md|svg)|templates\/[a-z-]+\/[a-z.]+|templates\/pins\.json)$/;
        const extra = files.filter(
          (p) => !allowed.test(p) || /^dist\/(__tests__|stacks|bench|test-utils|e2e|scripts)\//.test(p),
        );
        expect(extra.length === 0, `unexpected files in the package: ${extra.join(", ")}`);
        for (const p of [
          "dist/index.js",
          "dist/index.d.ts",
          "dist/bin/cli.js",
          "LICENSE",
          "CHANGELOG.md",
          "README.md",
          "schemas/connectivity-findings.schema.json",
        ]) {
          expect(files.includes(p), `${p} is missing from the package`);
        }
        const cli = path.join(installed, "dist/bin/cli.js");
        expect(
          fs.readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n"),
          "dist/bin/cli.js lost its shebang",
        );
        expect((fs.statSync(cli).mode & 0o111) !== 0, "dist/bin/cli.js is not executable");
        for (const bin of f.bins) {
          expect(
            fs.existsSync(path.join(consumer, "node_modules/.bin", bin)),
            `the bin ${bin} was not linked`,
          );
        }
        const js = filesUnder(path.join(installed, "dist")).map((p) =>
          fs.readFileSync(path.join(installed, "dist", p), "utf8"),
        );
        // cdktn: no cdktf module but the framework-free ones both packages use (@cdktf/hcl2json).
        const loadsOther = (t: string) =>
          fw === "cdktf" ? /require\("(cdktn|@cdktn\/)/.test(t) : FLAVOR.cdktfSpecifiers(t).length > 0;
        expect(!js.some(loadsOther), `${f.name} loads the other framework`);
      });

      await step(`${fw}: one copy of each peer (${peerNames.join(", ")}): the app's`, async () => {
        for (const peer of peerNames) {
          const own = path.join(consumer, "node_modules", peer, "package.json");
          const seen = require.resolve(`${peer}/package.json`, { paths: [installed] });
          expect(
            fs.realpathSync(seen) === fs.realpathSync(own),
            `${f.name} resolves ${peer} to ${seen}, not the app's ${own}`,
          );
        }
        const ls = await run(NPM, ["ls", "--all", ...npmArgs], { cwd: consumer, timeoutMs: 2 * MINUTE });
        expect(ls.code === 0, "npm ls reports an invalid or missing dependency", ls.output);
        const versions = peerNames.map((peer) => {
          const pj = JSON.parse(
            fs.readFileSync(path.join(consumer, "node_modules", peer, "package.json"), "utf8"),
          );
          return `${peer}@${pj.version}`;
        });
        process.stdout.write(`[${versions.join(", ")}] `);
      });

      await step(`${fw}: root export is the public API; deep imports are refused`, async () => {
        const probe = [
          `const api = require(${JSON.stringify(f.name)});`,
          `for (const n of ["Vnet", "VnetPeering", "applyConnectivityPolicies", "ConnectivityPolicies", "checkTerraform"])`,
          `  if (typeof api[n] !== "function") throw new Error("missing export " + n);`,
          `require(${JSON.stringify(`${f.name}/package.json`)});`,
          `try { require(${JSON.stringify(`${f.name}/dist/constructs/vnet`)}); throw new Error("deep import allowed"); }`,
          `catch (e) { if (e.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw e; }`,
        ].join("\n");
        const res = await run(process.execPath, ["-e", probe], { cwd: consumer, timeoutMs: MINUTE });
        expect(res.code === 0, "require of the installed package", res.output);
      });

      await step(
        `${fw}: type-check and compile the consumer app (node10 and node16 resolution)`,
        async () => {
          for (const config of ["tsconfig.json", "tsconfig.node16.json"]) {
            const res = await run(process.execPath, [TSC, "-p", config], {
              cwd: consumer,
              timeoutMs: 3 * MINUTE,
            });
            expect(res.code === 0, `tsc -p ${config} failed`, res.output);
          }
        },
      );

      // cdktf: through the cdktf CLI. cdktn: the app itself (`app.synth()`); the cdktn CLI needs Node 22.19.
      const synth = (app: string) =>
        fw === "cdktf"
          ? run(process.execPath, [CDKTF_CLI, "synth", "--app", `node ${app}`], {
              cwd: consumer,
              timeoutMs: 5 * MINUTE,
            })
          : run(process.execPath, [app], { cwd: consumer, timeoutMs: 5 * MINUTE });
      const how = fw === "cdktf" ? "cdktf synth" : "node main.js (app.synth())";

      await step(`${fw}: ${how} of a peering with the policies writes Terraform`, async () => {
        const res = await synth("main.js");
        expect(res.code === 0, `synth exited ${res.code}`, res.output);
        const stackFile = path.join(consumer, "cdktf.out/stacks/network/cdk.tf.json");
        expect(fs.existsSync(stackFile), `${stackFile} was not written`, res.output);
        const doc = JSON.parse(fs.readFileSync(stackFile, "utf8"));
        const peerings = Object.keys(doc.resource?.azurerm_virtual_network_peering ?? {});
        expect(peerings.length === 2, `expected 2 azurerm_virtual_network_peering, got ${peerings.length}`);
        const version = JSON.parse(
          fs.readFileSync(path.join(consumer, "node_modules", fw, "package.json"), "utf8"),
        ).version;
        expect(doc["//"]?.metadata?.version === version, `the stack was not synthesized by ${fw} ${version}`);
        expect(
          fs.existsSync(path.join(consumer, "cdktf.out/connectivity-findings.json")),
          "the policies did not run (no findings report)",
        );
      });

      for (const bin of f.bins) {
        await step(`${fw}: npx ${bin} check cdktf.out passes the good app`, async () => {
          const res = await run(NPX, ["--no", ...npmArgs, bin, "check", "cdktf.out"], {
            cwd: consumer,
            timeoutMs: 2 * MINUTE,
          });
          expect(res.code === 0, `check exited ${res.code}`, res.output);
          expect(/ 0 error\(s\)/.test(res.stdout), "check did not report 0 errors", res.output);
        });
      }

      await step(
        `${fw}: synth of a bad network fails with every error, GatewaySubnet.NoNsg among them`,
        async () => {
          const res = await synth("bad.js");
          expect(res.code !== 0, "synth of the bad network exited 0", res.output);
          for (const id of ["GatewaySubnet.NoNsg", "AddressSpace.NoOverlap"]) {
            expect(res.output.includes(id), `the output does not name ${id}`, res.output);
          }
          expect(
            !fs.existsSync(path.join(consumer, "cdktf.out/stacks/hub/cdk.tf.json")),
            "a failed synth left a stack",
          );
          const report = JSON.parse(
            fs.readFileSync(path.join(consumer, "cdktf.out/connectivity-findings.json"), "utf8"),
          );
          const findings = (report.findings as BadOutcome["findings"])
            .map((x) => ({ ruleId: x.ruleId, severity: x.severity, path: x.path, message: x.message }))
            .sort((a, b) => `${a.ruleId} ${a.path}`.localeCompare(`${b.ruleId} ${b.path}`));
          outcomes.set(fw, { findings });
          process.stdout.write(`[${[...new Set(findings.map((x) => x.ruleId))].join(", ")}] `);
        },
      );

      await step(
        `${fw}: npx ${f.bins[0]} check exits 1 on the same network synthesized without policies`,
        async () => {
          const out = path.join(consumer, "raw.out");
          const raw = await run(process.execPath, ["raw.js"], {
            cwd: consumer,
            env: childEnv({ CDKTF_OUTDIR: out }),
            timeoutMs: 2 * MINUTE,
          });
          expect(raw.code === 0, `node raw.js exited ${raw.code}`, raw.output);
          const res = await run(NPX, ["--no", ...npmArgs, f.bins[0], "check", out], {
            cwd: consumer,
            timeoutMs: 2 * MINUTE,
          });
          expect(res.code === 1, `check exited ${res.code}, expected 1`, res.output);
          expect(
            res.stdout.includes("GatewaySubnet.NoNsg"),
            "check did not name GatewaySubnet.NoNsg",
            res.output,
          );
        },
      );
    }

    // -------------------------------------------------------------------------------------------------
    // A new app from the installed package's generator, as the README's "Start a new app" gives it.

    const cdktfConsumer = consumers.get("cdktf");
    if (cdktfConsumer) {
      const app = path.join(tmp, "new-peering");
      const scoped = `${SCOPE}/${PKG.name}`;
      await step(`publish the package under an organisation scope too (${scoped}@${VERSION})`, async () => {
        // The tarball just published, renamed: what the README's set-up serves from a scope of one's own.
        const dir = path.join(tmp, "scoped");
        fs.mkdirSync(dir);
        const pack = await run(
          NPM,
          ["pack", `${PKG.name}@${VERSION}`, "--pack-destination", dir, ...npmArgs],
          {
            cwd: dir,
            timeoutMs: 2 * MINUTE,
          },
        );
        expect(pack.code === 0, `npm pack exited ${pack.code}`, pack.output);
        const tgz = fs.readdirSync(dir).find((f) => f.endsWith(".tgz"))!;
        const untar = await run("tar", ["xzf", tgz], { cwd: dir, timeoutMs: MINUTE });
        expect(untar.code === 0, `tar exited ${untar.code}`, untar.output);
        const pj = path.join(dir, "package", "package.json");
        fs.writeFileSync(
          pj,
          JSON.stringify({ ...JSON.parse(fs.readFileSync(pj, "utf8")), name: scoped }, null, 2),
        );
        const res = await run(NPM, ["publish", path.join(dir, "package"), "--ignore-scripts", ...npmArgs], {
          cwd: dir,
          timeoutMs: 2 * MINUTE,
        });
        expect(res.code === 0, `npm publish exited ${res.code}`, res.output + "\n" + registryLog);
      });

      await step(
        "npx cdktf-azure-connectivity new peering <fresh folder> (the installed package)",
        async () => {
          const res = await run(NPX, ["--no", ...npmArgs, PKG.name, "new", "peering", app], {
            cwd: cdktfConsumer,
            timeoutMs: MINUTE,
          });
          expect(res.code === 0, `new exited ${res.code}`, res.output);
          expect(res.stdout.includes("npx cdktf synth"), "new did not print the next commands", res.output);
          for (const f of [".npmrc", ".gitignore", "main.ts", "main.test.ts", "package.json", "cdktf.json"])
            expect(fs.existsSync(path.join(app, f)), `new did not write ${f}`, res.output);
          const again = await run(NPX, ["--no", ...npmArgs, PKG.name, "new", "peering", app], {
            cwd: cdktfConsumer,
            timeoutMs: MINUTE,
          });
          expect(
            again.code === 2,
            `new into the non-empty folder exited ${again.code}, expected 2`,
            again.output,
          );
        },
      );

      await step("the new app: fill in .npmrc, npm install, npx cdktf synth, npm test", async () => {
        // What the user does with the placeholders: their scope and registry, the token from the environment.
        const npmrc = path.join(app, ".npmrc");
        const filled = fs
          .readFileSync(npmrc, "utf8")
          .replace("# @your-org:registry=https://npm.example.internal/", `${SCOPE}:registry=${url}`)
          .replace(
            "# //npm.example.internal/:_authToken=${NPM_TOKEN}",
            `${url.replace(/^https?:/, "")}:_authToken=\${NPM_TOKEN}`,
          );
        expect(filled.includes(`${SCOPE}:registry=`), "the generated .npmrc has no scope mapping to fill in");
        fs.writeFileSync(npmrc, filled);
        const pj = path.join(app, "package.json");
        fs.writeFileSync(pj, fs.readFileSync(pj, "utf8").split("@your-org/").join(`${SCOPE}/`));
        // The other packages through the throwaway registry's uplink (no userconfig: the app's .npmrc maps
        // the scope), the npm cache as everywhere in this test.
        const env = childEnv({ NPM_TOKEN: token });
        const common = ["--registry", url, "--cache", cache, "--no-audit", "--no-fund"];
        const install = await run(NPM, ["install", ...common], { cwd: app, env, timeoutMs: 10 * MINUTE });
        expect(install.code === 0, `npm install exited ${install.code}`, install.output + "\n" + registryLog);
        // From the scope (only this registry has it): the installed copy is the renamed one. (Not the lock
        // file's `resolved`: npm leaves it out under omit-lockfile-registry-resolved.)
        const installedName = JSON.parse(
          fs.readFileSync(path.join(app, "node_modules", PKG.name, "package.json"), "utf8"),
        ).name;
        expect(
          installedName === scoped,
          `node_modules/${PKG.name} is ${installedName}, not ${scoped} from the scope`,
          install.output,
        );
        const synth = await run(NPX, ["--no", "cdktf", "synth"], { cwd: app, env, timeoutMs: 5 * MINUTE });
        expect(synth.code === 0, `npx cdktf synth exited ${synth.code}`, synth.output);
        expect(
          fs.existsSync(path.join(app, "cdktf.out/stacks/network/cdk.tf.json")) &&
            fs.existsSync(path.join(app, "cdktf.out/connectivity-findings.json")),
          "npx cdktf synth wrote no stack or no findings report",
          synth.output,
        );
        const test = await run(NPM, ["test"], { cwd: app, env, timeoutMs: 5 * MINUTE });
        expect(test.code === 0, `npm test exited ${test.code}`, test.output);
      });
    }

    // -------------------------------------------------------------------------------------------------
    // Across the two frameworks.

    if (consumers.size === 2) {
      const cdktfApp = consumers.get("cdktf")!;
      const cdktnApp = consumers.get("cdktn")!;

      await step("the bad network reports the same findings on cdktn as on cdktf", async () => {
        const a = outcomes.get("cdktf")!.findings;
        const b = outcomes.get("cdktn")!.findings;
        expect(a.length > 0, "the bad network reported nothing on cdktf");
        expect(
          JSON.stringify(a) === JSON.stringify(b),
          "the findings differ",
          `cdktf:\n${JSON.stringify(a, null, 1)}\ncdktn:\n${JSON.stringify(b, null, 1)}`,
        );
      });

      await step(
        "the cdktf package's CLI reads the cdktn app's output as the cdktn package's does",
        async () => {
          const out = path.join(cdktnApp, "raw.out");
          const mine = await run(NPX, ["--no", ...npmArgs, "cdktn-azure-connectivity", "check", out], {
            cwd: cdktnApp,
            timeoutMs: 2 * MINUTE,
          });
          const theirs = await run(NPX, ["--no", ...npmArgs, "cdktf-azure-connectivity", "check", out], {
            cwd: cdktfApp,
            timeoutMs: 2 * MINUTE,
          });
          expect(
            theirs.code === 1 && mine.code === 1,
            `exit codes ${theirs.code} and ${mine.code}, expected 1`,
          );
          expect(
            theirs.stdout === mine.stdout,
            "the two CLIs print different findings",
            theirs.output + mine.output,
          );
        },
      );

      await step(
        "a cdktn app with cdktf-azure-connectivity installed by mistake fails synth, naming the fix",
        async () => {
          const res = await run(NPM, ["install", `${PKG.name}@${VERSION}`, ...npmArgs], {
            cwd: cdktnApp,
            timeoutMs: 10 * MINUTE,
          });
          expect(res.code === 0, `npm install exited ${res.code}`, res.output);
          // The quick start as the cdktn app compiled it, importing the cdktf package instead of ours; and
          // raw cdktn resources with only applyConnectivityPolicies from the cdktf package.
          const quickStart = fs.readFileSync(path.join(cdktnApp, "main.js"), "utf8");
          const wrong = quickStart.replace(
            /require\("cdktn-azure-connectivity"\)/g,
            `require("${PKG.name}")`,
          );
          expect(wrong !== quickStart, "main.js does not require cdktn-azure-connectivity");
          fs.writeFileSync(path.join(cdktnApp, "mistake-constructs.js"), wrong);
          fs.copyFileSync(path.join(__dirname, "mistake-raw.js"), path.join(cdktnApp, "mistake-raw.js"));
          for (const app of ["mistake-constructs.js", "mistake-raw.js"]) {
            fs.rmSync(path.join(cdktnApp, "cdktf.out"), { recursive: true, force: true });
            const synth = await run(process.execPath, [app], { cwd: cdktnApp, timeoutMs: 2 * MINUTE });
            expect(synth.code !== 0, `node ${app} exited 0: the mistake passed`, synth.output);
            const version = (m: string) =>
              JSON.parse(fs.readFileSync(path.join(cdktnApp, "node_modules", m, "package.json"), "utf8"))
                .version;
            for (const text of [
              "ConnectivityValidationError",
              `is built on cdktn ${version("cdktn")}`,
              `cdktf-azure-connectivity is built for cdktf ${version("cdktf")}`,
              "Install cdktn-azure-connectivity instead of cdktf-azure-connectivity",
            ]) {
              expect(
                synth.output.includes(text),
                `node ${app}: the error does not say '${text}'`,
                synth.output,
              );
            }
            const out = path.join(cdktnApp, "cdktf.out");
            const written = fs.existsSync(out)
              ? filesUnder(out).filter((p) => /cdk\.tf(\.json)?$/.test(p))
              : [];
            expect(written.length === 0, `node ${app} wrote ${written.join(", ")}`);
          }
        },
      );
    }

    console.log(`e2e: ${passed} passed, 0 failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return 0;
  } catch (e) {
    console.log("FAILED");
    console.error(e instanceof CheckFailed ? e.message : e);
    console.log(`e2e: ${passed} passed, 1 failed (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    return 1;
  } finally {
    if (registry) {
      const r = registry;
      killGroup(r, "SIGTERM");
      await new Promise<void>((resolve) => {
        if (r.exitCode !== null || r.signalCode !== null) return resolve();
        const t = setTimeout(() => {
          killGroup(r, "SIGKILL");
          resolve();
        }, 5000);
        r.on("exit", () => {
          clearTimeout(t);
          resolve();
        });
      });
      children.delete(r);
    }
    cleanupNow();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
