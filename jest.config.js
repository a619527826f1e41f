/**
 * Two projects: `fast` (everything in-process: feedback in well under a minute, `npm run test:fast`)
 * and `slow` (tests that start real processes: the cdktf CLI's `synth`, the package's CLI binary).
 * `npm test` runs both.
 * @type {import('jest').Config}
 */
const SLOW = ["<rootDir>/__tests__/policies/cli.test.ts"];

const common = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { diagnostics: false }],
  },
  setupFilesAfterEnv: ["<rootDir>/test-utils/setup.js"],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: "fast", testMatch: ["**/*.test.ts"], testPathIgnorePatterns: SLOW },
    { ...common, displayName: "slow", testMatch: SLOW },
  ],
};
