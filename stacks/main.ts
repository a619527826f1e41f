import { App } from "cdktf";
import { buildReferenceApp } from "./app";

const app = buildReferenceApp(new App());
app.synth();
