/**
 * One Terraform reference per resource attribute, made once and shared by every construct that needs
 * it: each read of a provider resource's attribute (`vnet.name`) makes a new token, and cdktf captures a
 * complete stack trace for every token it makes. A network's name is read by each of its subnets and by
 * both directions of each of its peerings: thousands of traces at scale, for the same
 * `${azurerm_virtual_network.<id>.name}`.
 */
const made = new WeakMap<object, Map<string, string>>();

/** The reference `read()` makes for `attribute` of `resource`, made on the first call only. */
export function referenceOnce(resource: object, attribute: string, read: () => string): string {
  let refs = made.get(resource);
  if (!refs) {
    refs = new Map();
    made.set(resource, refs);
  }
  let ref = refs.get(attribute);
  if (ref === undefined) {
    ref = read();
    refs.set(attribute, ref);
  }
  return ref;
}
