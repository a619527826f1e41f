/** The network model: its types and its builder. */
export * from "./types";
export { buildModel } from "./build";
