import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing } from "cdktf";
import { ConnectivityPolicies, applyConnectivityPolicies } from "../../../index";
import { buildNetwork } from "./network";

test("the network passes the connectivity policies", () => {
  const app = Testing.app();
  buildNetwork(app);
  const report = new ConnectivityPolicies().check(app);
  expect(report.findings.filter((f) => f.severity === "error" && !f.suppressed)).toEqual([]);
});

test("synth fails on an overlap", () => {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "net-")) });
  buildNetwork(app, { madridSpace: "10.1.0.0/16" });
  applyConnectivityPolicies(app, { summary: false });
  expect(() => app.synth()).toThrow(/AddressSpace\.NoOverlap/);
});
