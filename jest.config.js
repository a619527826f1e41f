/**
 * The suite runs on both frameworks the package is built for: the projects `fast` and `slow` on cdktf,
 * `fast-cdktn` and `slow-cdktn` on CDK Terrain (cdktn), the same test files with the framework's module
 * names mapped (`cdktf` -> `cdktn`, `@cdktf/provider-*` -> `@cdktn/provider-*`), as the cdktn package's
 * build renames them (scripts/flavor.js). `fast` is everything in-process (`npm run test:fast`); `slow`
 * starts real processes (the framework's CLI or the app itself, the package's CLI binary); tests that
 * start processes on cdktn run them on the renamed tree (test-utils/flavor.ts).
 * `npm test` runs all four; `npm run test:cdktf` / `npm run test:cdktn` one framework.
 * The cdktn projects keep their snapshots in `__snapshots_cdktn__/` (test-utils/snapshot-resolver-cdktn.js).
 * @type {import('jest').Config}
 */
const SLOW = ["<rootDir>/__tests__/policies/cli.test.ts", "<rootDir>/__tests__/safety/synth-process.test.ts"];

const common = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/test-utils/setup.js"],
};

const cdktn = {
  moduleNameMapper: {
    "^cdktf$": "cdktn",
    "^cdktf/(.*)$": "cdktn/$1",
    "^@cdktf/provider-(azurerm|random)(/.*)?$": "@cdktn/provider-$1$2",
  },
  snapshotResolver: "<rootDir>/test-utils/snapshot-resolver-cdktn.js",
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: "fast", testMatch: ["**/*.test.ts"], testPathIgnorePatterns: SLOW },
    { ...common, displayName: "slow", testMatch: SLOW },
    {
      ...common,
      ...cdktn,
      displayName: "fast-cdktn",
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: SLOW,
    },
    { ...common, ...cdktn, displayName: "slow-cdktn", testMatch: SLOW },
  ],
};
