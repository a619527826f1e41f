// The bad network with the policies on: synth must fail with GatewaySubnet.NoNsg.
import { applyConnectivityPolicies } from "cdktf-azure-connectivity";
import { badNetwork } from "./bad-network";

const app = badNetwork();
applyConnectivityPolicies(app);
app.synth();
