/** docs/security.md names the files the package really writes, and the README links it. */
import * as fs from "fs";
import * as path from "path";
import { SYNTH_LOCK } from "../../policies/synth-guard";
import { REPORT_JSON, REPORT_SARIF } from "../../policies/report";
import { MAX_DNS_SERVERS_PER_VNET } from "../../core/azure/address";
import { SUBNETS_PER_VNET as MAX_SUBNETS_PER_VNET } from "../../core/azure/limits";

const ROOT = path.resolve(__dirname, "../..");
const page = fs.readFileSync(path.join(ROOT, "docs/security.md"), "utf8");

describe("docs/security.md", () => {
  it("names the lock file, the reports and the list limits the code uses", () => {
    for (const name of [SYNTH_LOCK, REPORT_JSON, REPORT_SARIF]) expect(page).toContain(`\`${name}\``);
    expect(page).toContain(`${MAX_SUBNETS_PER_VNET.toLocaleString("en-US")} subnets per network`);
    expect(page).toContain(`${MAX_DNS_SERVERS_PER_VNET} DNS servers`);
  });

  it("is linked from the README", () => {
    expect(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).toContain("(docs/security.md)");
  });
});
