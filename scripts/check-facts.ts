/**
 * "No Azure fact is written twice": every Azure fact (SKU names, algorithm names, reserved and private
 * ASNs, the APIPA range, reserved address ranges, subnet and GatewaySubnet minimums, limits
 * and ranges) lives in core/azure/, and constructs and rules call its predicates. This script scans the
 * code of constructs/, patterns/, policies/, authoring/ and bin/ (not core/, not tests) for such facts written as
 * literals and exits 1 listing each hit (file:line), so a second copy cannot creep back:
 * `npm run facts` (part of `npm test`).
 *
 * What is scanned: string literals and template text, regular expression literals, numeric literals,
 * and literal types (a union type spelled out in a construct counts: derive it from the core list, e.g.
 * `(typeof VPN_GATEWAY_SKUS)[number]`). Comments are not code: doc comments cite the facts they
 * explain, with their source, and stay free. The patterns are built from the core tables themselves
 * (every reserved ASN, every algorithm name, every reserved prefix, ...) plus a few shapes
 * (`VpnGw<n>`, `ErGw`, `169.254.21`/`22`, `/27`-like prefix lengths).
 *
 * What it cannot see: a fact spelled some other way (`"VpnGw" + n`, a number computed from others) and
 * small numbers that are too common to flag anywhere (the DPD minimum 9, the peer weight maximum 100,
 * the 1,024 KB SA data size minimum, which is also a buffer size): those are flagged only where they
 * are compared with something (`x > 100`), which is how a check written twice looks.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { AZURE_RESERVED_PREFIXES, IPV6_SUBNET_LENGTH, SMALLEST_IPV4_SUBNET } from "../core/azure/address";
import { ASN_RANGE, BGP_PEER_WEIGHT, PRIVATE_ASN_RANGES, RESERVED_ASNS } from "../core/azure/bgp";
import {
  GATEWAY_SUBNET_ABSOLUTE_MINIMUM,
  GATEWAY_SUBNET_MINIMUM,
  GATEWAY_SUBNET_WITH_EXPRESSROUTE,
  VPN_GATEWAY_SKUS,
} from "../core/azure/gateway";
import {
  DPD_TIMEOUT_SECONDS,
  IPSEC_POLICY_VALUES,
  MAX_TRAFFIC_SELECTOR_POLICIES,
  SA_DATASIZE_KILOBYTES,
  SA_LIFETIME_SECONDS,
  WEAK_IPSEC_ALGORITHMS,
} from "../core/azure/ipsec";
import { DYNAMIC_NAT_LARGEST_EXTERNAL_POOL, MAX_NAT_RULES_PER_GATEWAY } from "../core/azure/nat";
import { MAX_MANAGED_PEERINGS_PER_NETWORK, MAX_PEERINGS_PER_NETWORK } from "../core/azure/peering";
import { SHARED_KEY_LENGTH } from "../core/azure/shared-key";

const ROOT = path.resolve(__dirname, "..");
/** The folders whose code must not write Azure facts. */
const SCANNED = ["constructs", "patterns", "policies", "authoring", "bin"];
/**
 * Folders inside those that hold no Azure logic: the front end (`policies/input/`) reads Terraform
 * (HCL, JSON, plans) for any provider, and its numbers are its own bounds against hostile input
 * (nesting depth, module instances, evaluation steps), which the patterns would mistake for Azure limits.
 */
const NOT_SCANNED = [path.join("policies", "input")];

/** One fact pattern: what it is, and how it looks in a string. */
interface Pattern {
  readonly what: string;
  readonly re: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const words = (list: readonly (string | number)[]) =>
  new RegExp(`(?<![\\w.])(${[...new Set(list.map(String))].map(escape).join("|")})(?![\\w])`);

const algorithms = [
  ...new Set(
    [...Object.values(IPSEC_POLICY_VALUES).flat(), ...WEAK_IPSEC_ALGORITHMS].filter((a) => a !== "None"),
  ),
];
const asns = [
  ...RESERVED_ASNS.flatMap((r) => [r.from, r.to]),
  ...PRIVATE_ASN_RANGES.flatMap((r) => [r.from, r.to]),
  ASN_RANGE.max,
];
/** The reserved ranges (the private ones are not scanned: `10.0.0.0/16`-like examples are everywhere). */
const prefixes = AZURE_RESERVED_PREFIXES.flatMap((r) =>
  r.prefix.length === 32 ? [r.prefix.text, r.prefix.text.split("/")[0]] : [r.prefix.text],
);
/** Prefix lengths that are subnet or GatewaySubnet minimums (and those between the two GatewaySubnet minimums). */
const lengths = new Set<number>([
  SMALLEST_IPV4_SUBNET,
  IPV6_SUBNET_LENGTH,
  GATEWAY_SUBNET_MINIMUM,
  GATEWAY_SUBNET_WITH_EXPRESSROUTE,
  DYNAMIC_NAT_LARGEST_EXTERNAL_POOL,
  ...Array.from(
    { length: GATEWAY_SUBNET_ABSOLUTE_MINIMUM - GATEWAY_SUBNET_MINIMUM },
    (_, i) => GATEWAY_SUBNET_MINIMUM + i + 1,
  ),
]);
/** Limits and range ends distinctive enough to flag wherever they appear. */
const distinctNumbers = new Set<number>([
  ...asns,
  MAX_PEERINGS_PER_NETWORK,
  MAX_MANAGED_PEERINGS_PER_NETWORK,
  MAX_NAT_RULES_PER_GATEWAY,
  SA_LIFETIME_SECONDS.min,
  SA_LIFETIME_SECONDS.default,
  SA_DATASIZE_KILOBYTES.default,
  SA_DATASIZE_KILOBYTES.max,
  DPD_TIMEOUT_SECONDS.max,
  SHARED_KEY_LENGTH.max,
]);
/** Facts too common as numbers to flag anywhere: flagged when compared with something. */
const comparedNumbers = new Set<number>([
  ...lengths,
  DPD_TIMEOUT_SECONDS.min,
  BGP_PEER_WEIGHT.max,
  MAX_TRAFFIC_SELECTOR_POLICIES,
  SA_DATASIZE_KILOBYTES.min,
]);

const STRING_PATTERNS: readonly Pattern[] = [
  { what: "a VPN gateway SKU name", re: /VpnGw\d/i },
  { what: "an ExpressRoute gateway SKU name", re: /ErGw/i },
  { what: "the Basic SKU", re: words(["Basic"]) },
  { what: "the Basic SKU (lower case, for a comparison)", re: /^basic$/ },
  { what: "the GatewaySubnet name (lower case, for a comparison)", re: /^gatewaysubnet$/ },
  { what: "a VPN gateway SKU name", re: words(VPN_GATEWAY_SKUS) },
  { what: "an IPsec/IKE algorithm name", re: /GCMAES|DHGroup|(?<![\w])(PFS\d|ECP\d|SHA\d|AES\d)/ },
  { what: "an IPsec/IKE algorithm name", re: words(algorithms) },
  { what: "a reserved, private or limit ASN", re: words(asns) },
  { what: "Azure's APIPA range", re: /169\.254\.2[12]\b/ },
  { what: "a reserved address range", re: words(prefixes) },
  { what: "a subnet or GatewaySubnet minimum", re: new RegExp(`/(${[...lengths].join("|")})(?!\\d)`) },
  { what: "an Azure limit or range", re: words([...distinctNumbers].filter((n) => !asns.includes(n))) },
];

/** Regular expression literals: the fact shapes, case-insensitive (a regex written to match a SKU counts). */
const REGEX_PATTERNS: readonly Pattern[] = [
  { what: "a VPN gateway SKU name", re: /VpnGw|ErGw|(?<![\w])Basic/i },
  { what: "an IPsec/IKE algorithm name", re: /GCMAES|DHGroup|PFS\d|ECP\d|SHA\d|AES\d/i },
  { what: "Azure's APIPA or a reserved range", re: /169\\?\.254|224\\?\.0|168\\?\.63/ },
  { what: "the GatewaySubnet name", re: /gatewaysubnet/i },
];

/** A fact found. */
interface Hit {
  readonly file: string;
  readonly line: number;
  readonly what: string;
  readonly text: string;
}

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out.sort();
}

const COMPARISONS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/** The Azure facts written in one file's code (comments excluded). */
export function scanSource(file: string, text: string): Hit[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const hits: Hit[] = [];
  const hit = (node: ts.Node, what: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    hits.push({ file, line: line + 1, what, text: node.getText(source).slice(0, 120) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      const found = STRING_PATTERNS.find((p) => p.re.test(node.text));
      if (found) hit(node, found.what);
    } else if (ts.isRegularExpressionLiteral(node)) {
      const found = REGEX_PATTERNS.find((p) => p.re.test(node.text));
      if (found) hit(node, found.what);
    } else if (ts.isNumericLiteral(node)) {
      const value = Number(node.text);
      const parent = node.parent;
      const compared =
        ts.isBinaryExpression(parent) &&
        COMPARISONS.has(parent.operatorToken.kind) &&
        comparedNumbers.has(value);
      if (distinctNumbers.has(value)) hit(node, "an Azure limit, range or ASN");
      else if (compared) hit(parent, "an Azure limit or minimum in a comparison");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

function main(): number {
  const hits: Hit[] = [];
  let files = 0;
  for (const dir of SCANNED) {
    for (const file of tsFiles(path.join(ROOT, dir))) {
      if (NOT_SCANNED.some((n) => path.relative(ROOT, file).startsWith(n + path.sep))) continue;
      files++;
      hits.push(...scanSource(file, fs.readFileSync(file, "utf8")));
    }
  }
  if (hits.length === 0) {
    console.log(
      `facts: no Azure fact written outside core/azure (${files} files of ${SCANNED.join(", ")} scanned)`,
    );
    return 0;
  }
  for (const h of hits) {
    console.log(`${path.relative(ROOT, h.file)}:${h.line}: ${h.what}: ${h.text}`);
  }
  console.log(
    `facts: ${hits.length} Azure fact(s) written outside core/azure; move each to core/azure/ (data + predicate, with ` +
      "its source) and call it from there, or derive the text from the core table",
  );
  return 1;
}

if (require.main === module) {
  process.exitCode = main();
}
