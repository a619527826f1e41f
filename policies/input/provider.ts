/**
 * The azurerm provider version a configuration pins, and the arguments that version does not know.
 *
 * The version is the one `.terraform.lock.hcl` records when it is there (what `terraform init`
 * selected), else the major version the `required_providers` constraint allows (`~> 3.100`,
 * `>= 3.0, < 4.0`, `=4.55.0`): when the constraint allows one major version only, that major decides
 * which argument names exist. An unpinned or multi-major constraint decides nothing.
 * @see https://developer.hashicorp.com/terraform/language/expressions/version-constraints
 * @see https://developer.hashicorp.com/terraform/language/files/dependency-lock
 */
import { list } from "./configuration";
import { own } from "./values";

/** The pinned azurerm version of a configuration. */
export interface AzurermVersion {
  /** The version as written: the lock file's version, or the `required_providers` constraint. */
  readonly version: string;
  /** The major version it allows, when it allows one only. */
  readonly major?: number;
  /** Where it was read from. */
  readonly from: "lock file" | "required_providers";
}

type Version = [number, number, number];

function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[\w.]+)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

/**
 * The major version a constraint allows, when it allows exactly one: the lowest version it accepts
 * and the highest it accepts must share their major. Constraints: `=`, `!=` (ignored), `>`, `>=`,
 * `<`, `<=`, `~>`, and a bare version (`=`).
 */
export function majorOfConstraint(constraint: string): number | undefined {
  let low = 0;
  let high = Number.POSITIVE_INFINITY;
  for (const part of constraint.split(",")) {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\S+)\s*$/.exec(part);
    if (!m) return undefined;
    const op = m[1] ?? "=";
    const v = parseVersion(m[2]);
    if (!v) return undefined;
    const major = v[0];
    switch (op) {
      case "=":
        low = Math.max(low, major);
        high = Math.min(high, major);
        break;
      case ">=":
      case ">":
        low = Math.max(low, major);
        break;
      case "<":
        // `< 4.0` (or `< 4`) allows nothing of major 4.
        high = Math.min(high, v[1] === 0 && v[2] === 0 ? major - 1 : major);
        break;
      case "<=":
        high = Math.min(high, major);
        break;
      case "~>": {
        // `~> 3.100` allows >= 3.100, < 4.0; `~> 3.1.0` allows < 3.2; `~> 3` allows any 3.x and above.
        const parts = m[2].split(".").length;
        low = Math.max(low, major);
        if (parts >= 2) high = Math.min(high, major);
        break;
      }
      default:
        break;
    }
  }
  return low === high ? low : undefined;
}

/** The azurerm version of `.terraform.lock.hcl` parsed by hcl2json, when it records one. */
export function lockedAzurerm(lock: any): string | undefined {
  const providers = own(lock, "provider");
  if (!providers || typeof providers !== "object") return undefined;
  for (const name of Object.keys(providers)) {
    if (!/(^|\/)hashicorp\/azurerm$/.test(name)) continue;
    const v = own(list(providers[name])[0], "version");
    if (typeof v === "string") return v;
  }
  return undefined;
}

/** The pinned version from a lock file's version or a constraint. */
export function azurermVersion(
  locked: string | undefined,
  constraint: string | undefined,
): AzurermVersion | undefined {
  if (locked !== undefined) {
    const v = parseVersion(locked);
    return { version: locked, from: "lock file", ...(v ? { major: v[0] } : {}) };
  }
  if (constraint === undefined) return undefined;
  const major = majorOfConstraint(constraint);
  return { version: constraint, from: "required_providers", ...(major !== undefined ? { major } : {}) };
}

/** An argument of a resource type that one azurerm major version does not have. */
interface VersionedArgument {
  readonly type: string;
  /** The argument, dotted for a nested block's argument (`subnet.address_prefix`). */
  readonly argument: string;
  /** Removed in this major (and not known from it on). */
  readonly removedIn?: number;
  /** Introduced in this major (and not known before). */
  readonly addedIn?: number;
  /** What to write instead. */
  readonly instead: string;
  readonly source: string;
}

const V3 = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/3.0-upgrade-guide";
const V4 = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/4.0-upgrade-guide";

/**
 * Network arguments the azurerm upgrade guides list as removed (or replaced) in a major version.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/3.0-upgrade-guide
 *   ("Resource: azurerm_subnet: The deprecated field address_prefix will be removed in favour of the
 *   address_prefixes property"; azurerm_virtual_network_gateway `bgp_settings.peering_address`;
 *   azurerm_public_ip `availability_zone`)
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/4.0-upgrade-guide
 *   ("address_prefix has been replaced by address_prefixes" in the subnet block of
 *   azurerm_virtual_network; azurerm_route_table `disable_bgp_route_propagation`; azurerm_subnet
 *   `enforce_private_link_*`; azurerm_network_interface `enable_*`)
 */
export const VERSIONED_ARGUMENTS: readonly VersionedArgument[] = [
  {
    type: "azurerm_subnet",
    argument: "address_prefix",
    removedIn: 3,
    instead: "address_prefixes",
    source: V3,
  },
  {
    type: "azurerm_virtual_network",
    argument: "vm_protection_enabled",
    removedIn: 3,
    instead: "ddos_protection_plan",
    source: V3,
  },
  {
    type: "azurerm_virtual_network_gateway",
    argument: "bgp_settings.peering_address",
    removedIn: 3,
    instead: "bgp_settings.peering_addresses",
    source: V3,
  },
  { type: "azurerm_public_ip", argument: "availability_zone", removedIn: 3, instead: "zones", source: V3 },
  {
    type: "azurerm_virtual_network",
    argument: "subnet.address_prefix",
    removedIn: 4,
    instead: "subnet.address_prefixes",
    source: V4,
  },
  {
    type: "azurerm_virtual_network",
    argument: "subnet.address_prefixes",
    addedIn: 4,
    instead: "subnet.address_prefix",
    source: V4,
  },
  {
    type: "azurerm_virtual_network",
    argument: "subnet.route_table_id",
    addedIn: 4,
    instead: "azurerm_subnet_route_table_association",
    source: V4,
  },
  {
    type: "azurerm_route_table",
    argument: "disable_bgp_route_propagation",
    removedIn: 4,
    instead: "bgp_route_propagation_enabled",
    source: V4,
  },
  {
    type: "azurerm_subnet",
    argument: "enforce_private_link_endpoint_network_policies",
    removedIn: 4,
    instead: "private_endpoint_network_policies",
    source: V4,
  },
  {
    type: "azurerm_subnet",
    argument: "enforce_private_link_service_network_policies",
    removedIn: 4,
    instead: "private_link_service_network_policies_enabled",
    source: V4,
  },
  {
    type: "azurerm_subnet",
    argument: "private_endpoint_network_policies_enabled",
    removedIn: 4,
    instead: "private_endpoint_network_policies",
    source: V4,
  },
  {
    type: "azurerm_network_interface",
    argument: "enable_accelerated_networking",
    removedIn: 4,
    instead: "accelerated_networking_enabled",
    source: V4,
  },
  {
    type: "azurerm_network_interface",
    argument: "enable_ip_forwarding",
    removedIn: 4,
    instead: "ip_forwarding_enabled",
    source: V4,
  },
];

/** The resource types {@link VERSIONED_ARGUMENTS} knows about. */
export const VERSIONED_TYPES: ReadonlySet<string> = new Set(VERSIONED_ARGUMENTS.map((a) => a.type));

/** {@link VERSIONED_ARGUMENTS} by resource type, each argument split at its dot: asked for every block. */
const ARGUMENTS_BY_TYPE: ReadonlyMap<string, readonly (readonly [VersionedArgument, string, string?])[]> =
  (() => {
    const out = new Map<string, [VersionedArgument, string, string?][]>();
    for (const a of VERSIONED_ARGUMENTS) {
      const [first, second] = a.argument.split(".");
      let group = out.get(a.type);
      if (!group) out.set(a.type, (group = []));
      group.push([a, first, second]);
    }
    return out;
  })();

/** An argument the pinned version does not know, set in a block. */
export interface UnknownArgument {
  readonly argument: string;
  readonly message: string;
  readonly instead: string;
  readonly source: string;
}

/** No unknown argument (shared: most blocks are of types without versioned arguments). */
const NONE: readonly UnknownArgument[] = [];

/** The arguments of a block body (any JSON form) that the pinned major does not know. */
export function unknownArguments(type: string, body: unknown, major: number): readonly UnknownArgument[] {
  const args = ARGUMENTS_BY_TYPE.get(type);
  if (!args) return NONE;
  let out: UnknownArgument[] | undefined;
  // Indexed, without destructuring: asked for every block of these types, mostly in code not yet
  // optimized, where each iteration and each destructured tuple would allocate.
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const a = arg[0];
    const first = arg[1];
    const second = arg[2];
    const unknown =
      (a.removedIn !== undefined && major >= a.removedIn) || (a.addedIn !== undefined && major < a.addedIn);
    if (!unknown) continue;
    const set =
      second === undefined
        ? own(body, first) !== undefined
        : list(own(body, first)).some((nested) => own(nested, second) !== undefined);
    if (!set) continue;
    const when =
      a.removedIn !== undefined
        ? `removed in azurerm ${a.removedIn}.0`
        : `introduced in azurerm ${a.addedIn}.0`;
    (out ??= []).push({
      argument: a.argument,
      message: `sets ${a.argument}, which azurerm ${major}.x does not know (${when}); terraform plan refuses it`,
      instead: a.instead,
      source: a.source,
    });
  }
  return out ?? NONE;
}
