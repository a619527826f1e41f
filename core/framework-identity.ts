/**
 * Which CDK framework, and which copy of it, built a construct: the guard that makes a framework
 * mismatch a loud error instead of a check that silently never runs.
 *
 * The package is published twice from one source: `cdktf-azure-connectivity` (built against cdktf) and
 * `cdktn-azure-connectivity` (built against CDK Terrain, `cdktn`). Mixing goes wrong in silence:
 * - the frameworks' "is it a stack / an element" checks test `Symbol.for("cdktf/...")` keys that cdktf,
 *   cdktn and every copy of either share, so each framework takes the other's objects as its own;
 * - `Aspects.of()` keeps aspects under a module-private symbol, one per copy of the framework, and each
 *   copy invokes only the aspects registered through itself: policies registered through the wrong copy
 *   never run, and synth passes;
 * - cdktn's synth calls methods that cdktf's objects lack (a TypeError deep inside cdktn).
 *
 * So "ours" is decided by `instanceof` against the classes of the framework this build imports (the
 * shim's), which says no to the other framework and to a second copy of the same one alike; the shared
 * `Symbol.for` keys only say "a framework object" (they may be renamed by a later cdktn, so the jsii
 * type information is consulted too); the jsii type information (`Symbol.for("jsii.rtti")`, a static
 * property of every jsii class, with the assembly's name and version) tells cdktf from cdktn and names
 * the version of each side.
 */
import { IConstruct } from "constructs";
import { ConnectivityValidationError } from "./errors";
import { constructSeen } from "./output-guard";
import { App, Aspects, IAspect, TerraformElement, TerraformStack } from "./framework";

const RTTI = Symbol.for("jsii.rtti");
/** A class, as the prototype chain gives it. */
type Class = abstract new (...args: never[]) => unknown;
/** The framework base classes, by their jsii fully qualified name: `<assembly>.<class>`. */
const FRAMEWORK_FQN = /^([a-z0-9-]+)\.(App|TerraformStack|TerraformElement|Aspects)$/;

/** Published builds of this package, by the framework they are built against. */
const PACKAGES: Readonly<Record<string, string>> = {
  cdktf: "cdktf-azure-connectivity",
  cdktn: "cdktn-azure-connectivity",
};

/** A CDK framework: its npm name (the jsii assembly name) and version. */
export interface FrameworkIdentity {
  /** `cdktf` or `cdktn` (or another assembly with the same class names). */
  readonly name: string;
  /** The framework's version, as its jsii type information records it. */
  readonly version: string;
}

interface Rtti {
  readonly fqn: string;
  readonly version?: string;
}

function ownRtti(k: unknown): Rtti | undefined {
  if (typeof k !== "function" || !Object.prototype.hasOwnProperty.call(k, RTTI)) return undefined;
  const r = (k as unknown as Record<symbol, unknown>)[RTTI] as Rtti | undefined;
  return r && typeof r.fqn === "string" ? r : undefined;
}

/** The classes of an object's prototype chain, nearest first. */
function classChain(value: unknown): Class[] {
  const out: Class[] = [];
  if (value === null || typeof value !== "object") return out;
  for (let k = (value as { constructor?: unknown }).constructor; typeof k === "function"; ) {
    out.push(k as Class);
    const parent = Object.getPrototypeOf(k);
    if (parent === Function.prototype || parent === k) break;
    k = parent;
  }
  return out;
}

type Base = { cls: Class; framework: FrameworkIdentity; kind: string };

/**
 * {@link frameworkBase} by the object's constructor: the app-wide check asks it for every construct of
 * the app (thousands of instances of a few classes), and the answer depends on the class chain only.
 */
const baseByConstructor = new WeakMap<object, Base | null>();

/** The framework base class an object is built on (App, TerraformStack, TerraformElement, Aspects). */
function frameworkBase(value: unknown): Base | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const ctor = (value as { constructor?: unknown }).constructor;
  if (typeof ctor !== "function") return findFrameworkBase(value);
  let base = baseByConstructor.get(ctor);
  if (base === undefined) {
    base = findFrameworkBase(value) ?? null;
    baseByConstructor.set(ctor, base);
  }
  return base ?? undefined;
}

function findFrameworkBase(value: unknown): Base | undefined {
  for (const cls of classChain(value)) {
    const r = ownRtti(cls);
    const m = r && FRAMEWORK_FQN.exec(r.fqn);
    if (m && m[1] !== "constructs") {
      return { cls, framework: { name: m[1], version: r!.version ?? "?" }, kind: m[2] };
    }
  }
  return undefined;
}

/** The framework this build of the package imports (the shim's). */
export const OUR_FRAMEWORK: FrameworkIdentity = frameworkBase(Object.create(TerraformStack.prototype))
  ?.framework ?? { name: "the CDK framework", version: "?" };

/** The name of this build of the package (`cdktf-azure-connectivity` or `cdktn-azure-connectivity`). */
export const OUR_PACKAGE: string =
  PACKAGES[OUR_FRAMEWORK.name] ?? `the ${OUR_FRAMEWORK.name} build of this package`;

/** The package to install for apps of a framework. */
export function packageForFramework(name: string): string | undefined {
  return PACKAGES[name];
}

/** The framework (name and version) whose classes built `value`, or undefined for a non-framework object. */
export function frameworkOf(value: unknown): FrameworkIdentity | undefined {
  return frameworkBase(value)?.framework;
}

/** True for an App, stack or element of any framework, or any copy of one. */
function isFrameworkObject(c: unknown): boolean {
  return (
    App.isApp(c) ||
    TerraformStack.isStack(c) ||
    TerraformElement.isTerraformElement(c) ||
    (frameworkBase(c)?.kind ?? "Aspects") !== "Aspects"
  );
}

/** Classes whose instances {@link frameworkMismatch} found usable. */
const usableClasses = new WeakSet<object>();

/** True for an App, stack or element built on the classes this build imports. */
function isOurs(c: unknown): boolean {
  return c instanceof App || c instanceof TerraformStack || c instanceof TerraformElement;
}

/** Where a class was loaded from: the folder of the npm package whose module exports it (best effort). */
function packageDirOf(cls: Class): string | undefined {
  const cache =
    typeof require !== "undefined" ? (require.cache as Record<string, NodeModule | undefined>) : {};
  let file: string | undefined;
  try {
    for (const key of Object.keys(cache)) {
      const exp = cache[key]?.exports;
      if (exp && typeof exp === "object" && Object.values(exp).includes(cls)) {
        file = key;
        break;
      }
    }
  } catch {
    return undefined;
  }
  if (!file) return undefined;
  const m = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
  return m ? m[1] : undefined;
}

function fw(f: FrameworkIdentity, cls?: Class): string {
  const dir = cls ? packageDirOf(cls) : undefined;
  return `${f.name} ${f.version}${dir ? ` (${dir})` : ""}`;
}

/** How an object is named in messages: `the App`, `stack 'network'`, `VirtualNetwork (@cdktf/provider-azurerm) 'network/Hub'`. */
function describe(c: IConstruct, framework?: FrameworkIdentity): string {
  if (App.isApp(c) || frameworkBase(c)?.kind === "App") return "the App";
  if (TerraformStack.isStack(c) || frameworkBase(c)?.kind === "TerraformStack")
    return `stack '${c.node.path}'`;
  const cls = classChain(c)[0];
  const assembly = assemblyOf(c);
  const from = assembly && assembly !== framework?.name ? ` (${assembly})` : "";
  return `${cls?.name || "construct"}${from} '${c.node.path}'`;
}

function assemblyOf(c: unknown): string | undefined {
  const own = ownRtti(classChain(c)[0]);
  return own ? own.fqn.split(".")[0] : undefined;
}

/**
 * Why `c` cannot be used with this build of the package, or undefined when it can: a framework object
 * (App, stack, element) of another framework, or of a second copy of this build's framework.
 */
export function frameworkMismatch(c: IConstruct): string | undefined {
  const ctor = (c as { constructor?: unknown }).constructor;
  // Instances of a class this build can use are all usable: asked once per class, not per construct
  // (the app-wide check walks tens of thousands of constructs of a handful of classes).
  if (typeof ctor === "function" && usableClasses.has(ctor)) return undefined;
  if (isOurs(c) || !isFrameworkObject(c)) {
    if (typeof ctor === "function" && ctor.prototype === Object.getPrototypeOf(c)) usableClasses.add(ctor);
    return undefined;
  }
  const base = frameworkBase(c);
  const ours = `${OUR_PACKAGE} is built for ${fw(OUR_FRAMEWORK, TerraformStack)}`;
  if (!base) {
    return (
      `${describe(c)} is a CDK framework object that is not built on the ${OUR_FRAMEWORK.name} this package uses, ` +
      `and its framework cannot be told from it; ${ours}. Use one framework, and one copy of it, in the whole app.`
    );
  }
  const theirs = base.framework;
  if (theirs.name !== OUR_FRAMEWORK.name) {
    const assembly = assemblyOf(c);
    const isLibrary = assembly && assembly !== theirs.name;
    const install = packageForFramework(theirs.name);
    const fix = isLibrary
      ? `Use ${assembly!.replace(/^@[^/]+\//, `@${OUR_FRAMEWORK.name}/`)} (built for ${OUR_FRAMEWORK.name}) for it` +
        (install
          ? `, or, if the app is meant to run on ${theirs.name}, install ${install} instead of ${OUR_PACKAGE}`
          : "")
      : install
        ? `Install ${install} instead of ${OUR_PACKAGE} (\`npm uninstall ${OUR_PACKAGE} && npm install ${install}\`) and import the constructs from it`
        : `No build of this package exists for ${theirs.name}; use ${OUR_FRAMEWORK.name}`;
    return (
      `${describe(c, theirs)} is built on ${fw(theirs, base.cls)}, but ${ours}: constructs of two CDK frameworks do not mix ` +
      `(${theirs.name} would never run this package's policies, and synth fails or passes unchecked). ${fix}.`
    );
  }
  return (
    `${describe(c, theirs)} is built on a second copy of ${fw(theirs, base.cls)}, not on the copy ${OUR_PACKAGE} uses, ` +
    `${fw(OUR_FRAMEWORK, TerraformStack)}: each copy runs only the aspects registered through itself, so the ` +
    `policies would silently never run. Make the app resolve one copy of ${theirs.name}: run \`npm ls ${theirs.name}\`, ` +
    `keep the app's ${theirs.name} within ${OUR_PACKAGE}'s peer range, and remove the nested copy (\`npm dedupe\`).`
  );
}

/**
 * The first framework object from the root down to `scope` (the App, the stack, ...) that this build
 * cannot use, with the reason; undefined when every one is ours.
 */
export function scopeMismatch(scope: IConstruct): { construct: IConstruct; reason: string } | undefined {
  for (const c of scope.node.scopes) {
    const reason = frameworkMismatch(c);
    if (reason) return { construct: c, reason };
  }
  return undefined;
}

/** The aspects registry of this build's framework copy (the symbol `Aspects.of` keeps it under). */
const OUR_ASPECTS_KEY: symbol | undefined = (() => {
  const probe = {} as IConstruct;
  const registry = Aspects.of(probe);
  return Object.getOwnPropertySymbols(probe).find((s) => (probe as any)[s] === registry);
})();

/**
 * Aspect registries on `c` kept by another framework or another copy (aspects added through the wrong
 * `Aspects.of`: this build's framework never runs them), each with the framework that keeps it.
 */
export function foreignAspects(c: IConstruct): { framework?: FrameworkIdentity; count: number }[] {
  const out: { framework?: FrameworkIdentity; count: number }[] = [];
  for (const key of Object.getOwnPropertySymbols(c)) {
    if (key === OUR_ASPECTS_KEY) continue;
    const v = (c as unknown as Record<symbol, unknown>)[key] as { add?: unknown; all?: unknown } | undefined;
    if (!v || typeof v !== "object" || v instanceof Aspects) continue;
    const isRegistry =
      frameworkBase(v)?.kind === "Aspects" ||
      (key.description?.includes("aspects") && typeof v.add === "function" && Array.isArray(v.all));
    if (isRegistry) out.push({ framework: frameworkOf(v), count: Array.isArray(v.all) ? v.all.length : 0 });
  }
  return out;
}

/**
 * The framework objects under `root` (the whole app) that this build cannot use, topmost first (what
 * is under one of them is not listed again), and every aspect registry kept by another framework or
 * copy, each with the reason.
 */
export function appMismatches(root: IConstruct): { construct: IConstruct; reason: string }[] {
  const out: { construct: IConstruct; reason: string }[] = [];
  const todo: IConstruct[] = [root];
  for (let i = 0; i < todo.length; i++) {
    const c = todo[i];
    const reason = frameworkMismatch(c);
    if (reason) {
      out.push({ construct: c, reason });
      continue;
    }
    for (const f of foreignAspects(c)) {
      if (f.count === 0) continue;
      const where = f.framework ? fw(f.framework) : "another framework";
      const copy = f.framework?.name === OUR_FRAMEWORK.name ? `a second copy of ${where}` : where;
      out.push({
        construct: c,
        reason:
          `${f.count} aspect(s) on '${c.node.path || "the App"}' were added through \`Aspects.of\` of ${copy}, ` +
          `but the app is synthesized by ${fw(OUR_FRAMEWORK, TerraformStack)}, which never runs them. ` +
          `Import \`Aspects\` from the framework the app is built on, or use applyConnectivityPolicies(app).`,
      });
    }
    todo.push(...c.node.children);
  }
  return out;
}

/**
 * Throws a {@link ConnectivityValidationError} when `scope` sits under an App or stack of another
 * framework, or of another copy of this build's framework (constructs call it as they are created).
 */
export function assertSameFramework(scope: IConstruct): void {
  constructSeen(scope);
  const m = scopeMismatch(scope);
  if (m) throw new ConnectivityValidationError(scope, m.reason);
}

/**
 * Throws a {@link ConnectivityValidationError} listing what, in the whole app of `scope`, this build
 * cannot use: constructs of another framework or copy, and aspects that app's framework would never run.
 */
export function assertAppFramework(scope: IConstruct): void {
  const found = appMismatches(scope.node.root);
  if (found.length === 0) return;
  const more = found.length > 3 ? `\n(and ${found.length - 3} more)` : "";
  throw new ConnectivityValidationError(
    found[0].construct,
    found
      .slice(0, 3)
      .map((f) => f.reason)
      .join("\n") + more,
  );
}

/**
 * Why `aspect` would not be invoked on `stack` at synth, or undefined when it will: the stack must be
 * built on this build's framework copy (whose synth invokes the aspects) and the aspect registered
 * through that copy's `Aspects.of`.
 */
export function aspectNotInvoked(stack: IConstruct, aspect: IAspect): string | undefined {
  const mismatch = frameworkMismatch(stack);
  if (mismatch) return mismatch;
  if (!(stack instanceof TerraformStack))
    return `'${stack.node.path}' is not a TerraformStack: aspects run on stacks only`;
  const registry =
    OUR_ASPECTS_KEY === undefined
      ? undefined
      : (stack as unknown as Record<symbol, unknown>)[OUR_ASPECTS_KEY];
  if (!(registry instanceof Aspects) || !registry.all.includes(aspect)) {
    return (
      `the policies are not registered on stack '${stack.node.path}' through the Aspects of ` +
      `${fw(OUR_FRAMEWORK, TerraformStack)}, the framework that synthesizes it, so they would never run`
    );
  }
  return undefined;
}
