import * as fs from "fs";
import { checkTerraform, checkTerraformFiles } from "../../../index";

// A folder of HCL (or .tf.json), as terraform plan reads it, with a variables file.
export async function checkInfra(): Promise<boolean> {
  const report = await checkTerraformFiles(["infra"], { varFiles: ["envs/prod.tfvars"], strict: true });
  for (const f of report.findings) console.log(f.message);
  console.log(`${report.coverage?.instances} resource instances read`);
  return report.findings.every((f) => f.severity !== "error" || f.suppressed);
}

// A plan: terraform show -json plan.out > plan.json
export function checkPlan(): boolean {
  const findings = checkTerraform(JSON.parse(fs.readFileSync("plan.json", "utf8")), { strict: true });
  return findings.every((f) => f.severity !== "error" || f.suppressed);
}
