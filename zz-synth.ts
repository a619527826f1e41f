import { App } from "cdktf";
import { applyConnectivityPolicies } from "./index";
import { buildReferenceApp } from "./stacks/app";
const app = buildReferenceApp(new App({ outdir: process.argv[2] }));
applyConnectivityPolicies(app);
app.synth();
