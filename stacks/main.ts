import { App } from "cdktf";
import { applyConnectivityPolicies } from "../index";
import { buildReferenceApp } from "./app";

const app = buildReferenceApp(new App());
// Policies on every stack (an aspect added to the App itself would never run).
applyConnectivityPolicies(app);
app.synth();
