// The cdktn jest projects keep their snapshots in __snapshots_cdktn__/ next to __snapshots__/: they
// are the cdktf snapshots with the provider versions of `required_providers` changed, written by
// `npm run snapshots:cdktn` (scripts/cdktn-snapshots.js) and checked by the test suite. A cdktn run
// never writes into the cdktf snapshots.
const path = require("path");

module.exports = {
  resolveSnapshotPath: (testPath, ext) =>
    path.join(path.dirname(testPath), "__snapshots_cdktn__", path.basename(testPath) + ext),
  resolveTestPath: (snapshotPath, ext) =>
    path.join(path.dirname(path.dirname(snapshotPath)), path.basename(snapshotPath, ext)),
  testPathForConsistencyCheck: path.join("__tests__", "example.test.ts"),
};
