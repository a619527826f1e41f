import { Construct, IConstruct } from "constructs";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { TerraformProvider } from "../core/framework";
import { ConnectivityValidationError } from "../core/errors";
import { quoted } from "../core/text";
import { assertSameFramework } from "../core/framework-identity";
import {
  isUnresolved,
  parseCidrProp,
  parseExistingId,
  parseVnetCidrProp,
  requireNonEmpty,
} from "./private/validate";
import { CIDR_LIST, Field, PROVIDER, TAGS, checkArgument, checkProps } from "./private/props";
import { DisjointPrefixIndex } from "./private/prefix-index";
import { Prefix, Tagged, bitsOf, findOverlaps } from "../core/cidr";
import { MAX_DNS_SERVERS_PER_VNET, subnetSizeViolation } from "../core/azure/address";
import { SUBNETS_PER_VNET } from "../core/azure/limits";
import { isGatewaySubnetName } from "../core/azure/naming";
import { AddressPool } from "./address-pool";
import { SubnetPlan } from "./private/allocation";
import { referenceOnce } from "./private/references";

/**
 * A virtual network that other constructs connect: one this app creates ({@link Vnet}) or an
 * existing one known by its resource id ({@link Vnet.fromId}).
 */
export interface IVnet extends IConstruct {
  /** Resource id of the virtual network (a Terraform reference for a network this app creates). */
  readonly vnetId: string;
  /** Name of the virtual network. */
  readonly vnetName: string;
  /** Resource group of the virtual network. */
  readonly resourceGroupName: string;
  /** Address spaces, or undefined when they are not known at synth. */
  readonly addressSpace?: readonly string[];
  /** Azure region, when known. */
  readonly location?: string;
  /**
   * The azurerm provider (alias) for the network's subscription: resources created in this network
   * (the reverse direction of a peering, a gateway) use it.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
  /** True for a network this app does not create. */
  readonly isExisting: boolean;
}

/** Options for a subnet: its prefixes, or the size of one prefix to carve from the network's space. */
export interface SubnetOptions {
  /**
   * Address prefixes of the subnet. Each must lie inside the network's address space, must not
   * overlap a sibling subnet, and be /29 or larger for IPv4 (Azure reserves five addresses per
   * subnet) or exactly /64 for IPv6. Exactly one of `addressPrefixes` and `size`.
   * @default - none: the subnet is carved by `size`
   * @see https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
   */
  readonly addressPrefixes?: string[];
  /**
   * Prefix length of a subnet to carve from the network's address space (e.g. 24 for a /24) instead of
   * giving `addressPrefixes`: the lowest free block (the highest for `GatewaySubnet`, so that it stays
   * at the end of the space, as Microsoft's examples place it). Subnets declared with the network are
   * carved after those with prefixes. When the network's space comes from an {@link AddressPool}, the
   * carving is recorded with it and never moves; otherwise a carved subnet's prefix depends only on the
   * subnets declared before it (appending is stable, removing or reordering is not).
   * @default - none: `addressPrefixes` is used
   */
  readonly size?: number;
}

/** A subnet declared with the network. */
export interface SubnetSpec extends SubnetOptions {
  /** Subnet name, unique in the network. */
  readonly name: string;
}

/** Properties of a {@link Vnet}. */
export interface VnetProps {
  /** Name of the virtual network in Azure. */
  readonly name: string;
  /** Resource group the network is created in (it must exist). */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `uksouth`. */
  readonly location: string;
  /**
   * Address spaces (CIDR). Host bits must be zero, and Azure's reserved ranges (224.0.0.0/4,
   * 255.255.255.255/32, 127.0.0.0/8, 169.254.0.0/16, 168.63.129.16/32) are refused.
   * Tokens (variables) are accepted and checked at plan by Azure. Exactly one of `addressSpace` and
   * `addressPool`.
   * @default - none: the space comes from `addressPool`
   */
  readonly addressSpace?: string[];
  /**
   * Take the address space from an {@link AddressPool}: a block of `size`, recorded under `key` (the
   * network's name by default), so it never moves once allocated; subnets given by `size` are then
   * carved and recorded with it.
   * @default - none: `addressSpace` is used
   */
  readonly addressPool?: VnetAddressPoolOptions;
  /**
   * Subnets, each created as its own `azurerm_subnet` so NSGs and route tables attach to it.
   * More can be added with {@link Vnet.addSubnet}.
   * @default - no subnets
   */
  readonly subnets?: SubnetSpec[];
  /**
   * Custom DNS servers.
   * @default - Azure-provided DNS
   */
  readonly dnsServers?: string[];
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
  /**
   * The azurerm provider (alias) of the subscription to create the network in.
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
}

/** Where a {@link Vnet} takes its address space from an {@link AddressPool}. */
export interface VnetAddressPoolOptions {
  /** The pool. */
  readonly pool: AddressPool;
  /** Prefix length of the network's address space, e.g. 22 for a /22. */
  readonly size: number;
  /**
   * The network's key in the pool's record: the allocation follows the key, so keep it stable.
   * @default - the network's name (a network renamed in Azure is a new network anyway)
   */
  readonly key?: string;
}

/** Attributes of an existing virtual network, for {@link Vnet.fromId}. */
export interface ExistingVnetAttributes {
  /**
   * Resource id: `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>`.
   * Name and resource group are read from it.
   */
  readonly vnetId: string;
  /**
   * Address spaces of the existing network, when you know them: the policies then check overlaps
   * against them. They are recorded as a comment in the synthesized Terraform, not as a resource.
   * @default - unknown: overlap checks involving this network are reported as unverifiable
   */
  readonly addressSpace?: string[];
  /**
   * Azure region.
   * @default - unknown
   */
  readonly location?: string;
  /**
   * The azurerm provider (alias) for the network's subscription, used for resources created in it
   * (the reverse direction of a peering).
   * @default - the stack's default azurerm provider
   */
  readonly provider?: TerraformProvider;
}

const SUBNETS_WHY = `Azure allows ${SUBNETS_PER_VNET.toLocaleString("en-US")} subnets per virtual network`;
const SUBNET_SIZE: Field = { t: "number", optional: true };
const SUBNET_OPTIONS: Field = {
  t: "object",
  fields: { addressPrefixes: { ...CIDR_LIST, optional: true }, size: SUBNET_SIZE },
};

/** The shapes of {@link VnetProps}, checked at run time. */
const VNET_PROPS = {
  name: { t: "string", name: "virtualNetworks" },
  resourceGroupName: { t: "string", name: "resourceGroups" },
  location: { t: "string", nonEmpty: true },
  addressSpace: { ...CIDR_LIST, optional: true },
  addressPool: {
    t: "object",
    optional: true,
    fields: {
      pool: { t: "instance", what: "an AddressPool", test: (v) => v instanceof AddressPool },
      size: { t: "number" },
      key: { t: "string", nonEmpty: true, optional: true },
    },
  },
  subnets: {
    t: "list",
    optional: true,
    max: { count: SUBNETS_PER_VNET, why: "Azure allows that many subnets per virtual network" },
    of: {
      t: "object",
      fields: {
        name: { t: "string", name: "subnets" },
        addressPrefixes: { ...CIDR_LIST, optional: true },
        size: SUBNET_SIZE,
      },
    },
  },
  dnsServers: {
    t: "list",
    optional: true,
    max: { count: MAX_DNS_SERVERS_PER_VNET, why: "Azure allows that many DNS servers per virtual network" },
    of: { t: "string", nonEmpty: true },
  },
  tags: TAGS,
  provider: PROVIDER,
} as const satisfies Record<string, Field>;

/** The shapes of {@link ExistingVnetAttributes}. */
const EXISTING_VNET_ATTRIBUTES = {
  vnetId: { t: "string", nonEmpty: true },
  addressSpace: { ...CIDR_LIST, optional: true },
  location: { t: "string", nonEmpty: true, optional: true },
  provider: PROVIDER,
} as const satisfies Record<string, Field>;

/**
 * An Azure virtual network with its subnets, validated when it is declared.
 *
 * @example
 * const hub = new Vnet(stack, "Hub", {
 *   name: "vnet-hub", resourceGroupName: "rg-net", location: "uksouth",
 *   addressSpace: ["10.0.0.0/16"],
 *   subnets: [{ name: "workloads", addressPrefixes: ["10.0.1.0/24"] }],
 * });
 */
export class Vnet extends Construct implements IVnet {
  /** The resource id reference, made once. */
  private idRef?: string;
  /** Stands for an existing virtual network known by resource id. */
  public static fromId(scope: Construct, id: string, attrs: ExistingVnetAttributes): IVnet {
    return new ExistingVnet(scope, id, attrs);
  }

  /** The underlying `azurerm_virtual_network` (escape hatch). */
  public readonly resource: VirtualNetwork;
  /** The underlying `azurerm_subnet` resources by subnet name (escape hatch). */
  public readonly subnets: { [name: string]: Subnet } = {};
  /** Name of the network in Azure. */
  public readonly vnetName: string;
  /** Resource group of the network. */
  public readonly resourceGroupName: string;
  /** Azure region of the network. */
  public readonly location: string;
  /** Address spaces of the network, as declared. */
  public readonly addressSpace: readonly string[];
  /** The azurerm provider (alias) the network is created with. */
  public readonly provider?: TerraformProvider;
  /** False: the app creates this network. */
  public readonly isExisting = false;

  /** The key of the network's address space in its pool's record, when it comes from a pool. */
  public readonly addressPoolKey?: string;

  private readonly knownSpaces: Prefix[] = [];
  private readonly allSpacesKnown: boolean;
  private plan?: SubnetPlan;
  /** The address spaces, for the containment check of each subnet prefix (binary search). */
  private readonly spaceIndex = new DisjointPrefixIndex<string>();
  /** The subnets' prefixes by subnet name, for the overlap check of each new one (binary search). */
  private readonly subnetIndex = new DisjointPrefixIndex<string>();
  /** Subnet names as Azure compares them (case-insensitively), to refuse a second one. */
  private readonly subnetNames = new Map<string, string>();
  /** How many subnets are named by a token. */
  private unresolvedSubnets = 0;

  constructor(scope: Construct, id: string, props: VnetProps) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, props, VNET_PROPS);
    requireNonEmpty(this, "name", props.name);
    requireNonEmpty(this, "resourceGroupName", props.resourceGroupName);
    requireNonEmpty(this, "location", props.location);
    if ((props.addressSpace === undefined) === (props.addressPool === undefined)) {
      throw new ConnectivityValidationError(
        this,
        props.addressSpace === undefined
          ? "`addressSpace` or `addressPool` is required: give the CIDR blocks, e.g. ['10.0.0.0/16'], or take a block from an AddressPool"
          : "`addressSpace` and `addressPool` are both set; give exactly one",
      );
    }
    let addressSpace: string[];
    if (props.addressPool) {
      const key = props.addressPool.key ?? props.name;
      if (isUnresolved(key)) {
        throw new ConnectivityValidationError(
          this,
          "`addressPool.key` is required when the network's name is a token: the allocation is recorded under a literal key",
        );
      }
      const network = props.addressPool.pool._allocateNetwork(
        this,
        key,
        props.addressPool.size,
        "addressPool",
      );
      addressSpace = [network.prefix.text];
      this.plan = network.subnets;
      this.addressPoolKey = key;
    } else {
      addressSpace = props.addressSpace!;
    }
    if (!isUnresolved(addressSpace) && addressSpace.length === 0) {
      throw new ConnectivityValidationError(
        this,
        "`addressSpace` needs at least one CIDR block, e.g. ['10.0.0.0/16']",
      );
    }
    let allKnown = !isUnresolved(addressSpace);
    if (allKnown) {
      const tagged: Tagged<number>[] = [];
      addressSpace.forEach((text, i) => {
        const prefix = parseVnetCidrProp(this, "addressSpace", text);
        if (!prefix) {
          allKnown = false;
          return;
        }
        tagged.push({ prefix, tag: i });
        this.knownSpaces.push(prefix);
      });
      // Sort and sweep (as the engine does): linear in the number of spaces, not pairwise.
      const clash = firstClash(findOverlaps(tagged));
      if (clash) {
        const [earlier, later] = clash;
        throw new ConnectivityValidationError(
          this,
          `\`addressSpace\`: ${quoted(addressSpace[later.tag])} overlaps '${earlier.prefix.text}' of the same network; list each range once`,
        );
      }
      for (const t of tagged) this.spaceIndex.add(t.prefix, String(t.tag));
    }
    this.allSpacesKnown = allKnown;
    if (allKnown && !this.plan) {
      this.plan = new SubnetPlan(this.knownSpaces, undefined, {
        source: `network '${props.name}' (${this.knownSpaces.map((p) => p.text).join(", ")})`,
        prop: "subnets",
        kind: "subnet",
      });
    }

    this.vnetName = props.name;
    this.resourceGroupName = props.resourceGroupName;
    this.location = props.location;
    this.addressSpace = addressSpace;
    this.provider = props.provider;
    this.resource = new VirtualNetwork(this, "Resource", {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      addressSpace,
      dnsServers: props.dnsServers,
      tags: props.tags,
      provider: props.provider,
    });
    // Subnets with prefixes first, so that carving avoids every declared prefix whatever the order.
    const specs = props.subnets ?? [];
    for (const spec of specs.filter((s) => s.size === undefined)) this.addSubnet(spec.name, spec);
    for (const spec of specs.filter((s) => s.size !== undefined)) this.addSubnet(spec.name, spec);
  }

  /** Resource id of the network (a Terraform reference). */
  public get vnetId(): string {
    // One reference, made once: each new token captures a stack trace (cdktf), and the id is read by
    // every prop check and peering of the network.
    return (this.idRef ??= this.resource.id);
  }

  /**
   * Adds a subnet, validated against the network's address space and its other subnets; with `size`,
   * carved from the space (see {@link SubnetOptions.size}).
   * @returns the `azurerm_subnet` resource
   */
  public addSubnet(name: string, options: SubnetOptions): Subnet {
    checkArgument(this, "subnet name", name, { t: "string", name: "subnets" });
    checkArgument(this, `subnet ${quoted(name)} options`, options, SUBNET_OPTIONS);
    if (this.subnetNames.size >= SUBNETS_PER_VNET) {
      throw new ConnectivityValidationError(
        this,
        `subnet ${quoted(name)}: the network already has ${this.subnetNames.size} subnets; ${SUBNETS_WHY}`,
      );
    }
    const key = isUnresolved(name) ? undefined : name.toLowerCase();
    if (key !== undefined && this.subnetNames.has(key)) {
      throw new ConnectivityValidationError(
        this,
        `subnet '${name}' is declared twice; subnet names are unique per network`,
      );
    }
    if (options.size !== undefined && options.addressPrefixes !== undefined) {
      throw new ConnectivityValidationError(
        this,
        `subnet '${name}': \`addressPrefixes\` and \`size\` are both set; give exactly one`,
      );
    }
    const addressPrefixes =
      options.size !== undefined ? [this.carve(name, options.size).text] : options.addressPrefixes;
    if (!addressPrefixes || addressPrefixes.length === 0) {
      throw new ConnectivityValidationError(
        this,
        `subnet '${name}': \`addressPrefixes\` needs at least one CIDR block (or give \`size\` to carve one)`,
      );
    }
    const prop = `subnet '${name}' addressPrefixes`;
    const mine = new DisjointPrefixIndex<string>();
    const minePrefixes: Prefix[] = [];
    for (const text of addressPrefixes) {
      const prefix = parseCidrProp(this, prop, text);
      if (!prefix) continue;
      const size = subnetSizeViolation(prefix);
      if (size?.kind === "ipv4-too-small") {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}\`: '${text}' is smaller than /${size.smallest}, the smallest IPv4 subnet Azure allows (it reserves five addresses per subnet); use a /${size.smallest} or larger`,
        );
      }
      if (size?.kind === "ipv4-too-large") {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}\`: '${text}' is larger than /${size.largest}, the largest IPv4 subnet Azure allows; split it into /${size.largest} or smaller subnets`,
        );
      }
      if (size?.kind === "ipv6-not-64") {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}\`: '${text}' must be a /${size.required}; Azure IPv6 subnets are exactly /${size.required}`,
        );
      }
      if (this.allSpacesKnown && !this.spaceIndex.contains(prefix)) {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}\`: '${text}' lies outside the network's address space (${this.knownSpaces.map((p) => p.text).join(", ")}); ` +
            "choose a prefix inside it or add a range to `addressSpace`",
        );
      }
      const sibling = this.subnetIndex.overlapping(prefix);
      if (sibling) {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}\`: '${text}' overlaps subnet '${sibling.tag}' (${sibling.prefix.text}); subnets of one network must not overlap`,
        );
      }
      const own = mine.overlapping(prefix);
      if (own) {
        throw new ConnectivityValidationError(
          this,
          `\`${prop}\`: '${text}' overlaps '${own.prefix.text}' of the same subnet`,
        );
      }
      mine.add(prefix, name);
      minePrefixes.push(prefix);
    }
    if (options.size === undefined) for (const prefix of minePrefixes) this.plan?.declare(this, name, prefix);
    for (const prefix of minePrefixes) this.subnetIndex.add(prefix, name);
    if (key !== undefined) this.subnetNames.set(key, name);
    // A token cannot be part of a construct id: a subnet named by one is numbered instead.
    const id = key === undefined ? `Subnet-unresolved-${++this.unresolvedSubnets}` : `Subnet-${name}`;
    const subnet = new Subnet(this, id, {
      name,
      resourceGroupName: this.resourceGroupName,
      // One reference for every subnet: each new token captures a stack trace (cdktf), costly at 3,000 subnets.
      virtualNetworkName: referenceOnce(this.resource, "name", () => this.resource.name),
      addressPrefixes,
      provider: this.provider,
    });
    this.subnets[name] = subnet;
    return subnet;
  }

  /**
   * Whether a subnet of prefix length `size` can be carved from the network (its address space is
   * known at synth).
   */
  public get canCarve(): boolean {
    return this.plan !== undefined;
  }

  /** Carves a block of `size` for subnet `name` (GatewaySubnet from the top of the space). */
  private carve(name: string, size: number): Prefix {
    const prop = `subnet '${name}' size`;
    if (!this.plan) {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\`: the network's address space is not known at synth (a token), so no subnet can be carved from it; give \`addressPrefixes\``,
      );
    }
    if (isUnresolved(size) || !Number.isInteger(size)) {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\`: '${size}' is not a prefix length; use e.g. 24 for a /24`,
      );
    }
    const space = this.knownSpaces.find((p) => size >= p.length && size <= bitsOf(p.family));
    if (!space) {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\`: a /${size} does not fit in the network's address space (${this.knownSpaces.map((p) => p.text).join(", ")}); ask for a smaller subnet (a larger prefix length)`,
      );
    }
    const tooSmall = subnetSizeViolation({ family: space.family, length: size });
    if (tooSmall?.kind === "ipv4-too-small") {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\`: a /${size} is smaller than /${tooSmall.smallest}, the smallest IPv4 subnet Azure allows (it reserves five addresses per subnet); use ${tooSmall.smallest} or less`,
      );
    }
    if (tooSmall?.kind === "ipv6-not-64") {
      throw new ConnectivityValidationError(
        this,
        `\`${prop}\`: Azure IPv6 subnets are exactly /${tooSmall.required}; use ${tooSmall.required}`,
      );
    }
    return this.plan.carve(this, name, size, isGatewaySubnetName(name) ? "highest" : "lowest");
  }

  /** The subnet with this name (case-insensitive, as Azure compares subnet names), or undefined. */
  public findSubnet(name: string): Subnet | undefined {
    if (typeof name !== "string") return undefined;
    const key = this.subnetNames.get(name.toLowerCase());
    return key === undefined ? undefined : this.subnets[key];
  }
}

/** An existing network known by id; creates nothing. */
class ExistingVnet extends Construct implements IVnet {
  public readonly vnetId: string;
  public readonly vnetName: string;
  public readonly resourceGroupName: string;
  public readonly addressSpace?: readonly string[];
  public readonly location?: string;
  public readonly provider?: TerraformProvider;
  public readonly isExisting = true;

  constructor(scope: Construct, id: string, attrs: ExistingVnetAttributes) {
    super(scope, id);
    assertSameFramework(this);
    checkProps(this, attrs, EXISTING_VNET_ATTRIBUTES, "attrs");
    const parsed = parseExistingId(this, "vnetId", attrs.vnetId, "virtualNetworks", "virtual network");
    if (attrs.addressSpace) {
      attrs.addressSpace.forEach((text) => parseVnetCidrProp(this, "addressSpace", text));
    }
    this.vnetId = attrs.vnetId;
    this.vnetName = parsed.name;
    this.resourceGroupName = parsed.resourceGroupName;
    this.addressSpace = attrs.addressSpace;
    this.location = attrs.location;
    this.provider = attrs.provider;
  }
}

/** The overlapping pair whose later item comes first in the list: the error a sequential check would give. */
function firstClash(pairs: [Tagged<number>, Tagged<number>][]): [Tagged<number>, Tagged<number>] | undefined {
  let best: [Tagged<number>, Tagged<number>] | undefined;
  for (const [a, b] of pairs) {
    const pair: [Tagged<number>, Tagged<number>] = a.tag < b.tag ? [a, b] : [b, a];
    if (!best || pair[1].tag < best[1].tag || (pair[1].tag === best[1].tag && pair[0].tag < best[0].tag))
      best = pair;
  }
  return best;
}
