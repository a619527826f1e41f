export * from "./constructs/errors";
export * from "./constructs/vnet";
export * from "./constructs/vnet-peering";
