// Registers cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, ...).
const { Testing } = require("cdktf");
Testing.setupJest();

// Rendering the topology SVG spawns Graphviz (WebAssembly) in a child process on every synth; the
// suites that test it turn it on explicitly (`reachability: { svg: true }`).
if (process.env.CDKTF_AZURE_CONNECTIVITY_SVG === undefined) process.env.CDKTF_AZURE_CONNECTIVITY_SVG = "off";
