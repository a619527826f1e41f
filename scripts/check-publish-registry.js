#!/usr/bin/env node
// prepublishOnly: this package is meant for an organisation's private registry. Refuse to publish to
// the public npm registry by accident (a missing .npmrc line is enough to do that); an intended public
// release sets CAC_ALLOW_PUBLIC_PUBLISH=1. npm passes the registry it will publish to as
// npm_config_registry when it is not the default, so an unset value means the public registry.
"use strict";

const PUBLIC = new Set(["registry.npmjs.org", "registry.yarnpkg.com"]);
const registry = process.env.npm_config_registry || "https://registry.npmjs.org/";
// Both packages (cdktf- and cdktn-azure-connectivity) run this guard; npm names the one being published.
const name = process.env.npm_package_name || "cdktf-azure-connectivity";
let host;
try {
  host = new URL(registry).hostname;
} catch {
  console.error(`prepublishOnly: cannot parse the registry '${registry}'.`);
  process.exit(1);
}
if (PUBLIC.has(host) && process.env.CAC_ALLOW_PUBLIC_PUBLISH !== "1") {
  const dryRun = process.env.npm_config_dry_run === "true";
  const msg =
    `prepublishOnly: refusing to publish ${name} to the public registry (${registry}). ` +
    "Set the registry in .npmrc (see README, 'Publishing and installing from a private registry'), " +
    "or set CAC_ALLOW_PUBLIC_PUBLISH=1 for an intended public release.";
  if (dryRun) {
    console.warn(`${msg} (dry run: continuing)`);
  } else {
    console.error(msg);
    process.exit(1);
  }
}
