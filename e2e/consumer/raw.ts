// The bad network without the policies: synth writes it, and the installed CLI must catch it.
import { badNetwork } from "./bad-network";

badNetwork().synth();
