// The console's settings. This file puts it in local mode, as ./run-local serves it: the API on the same origin,
// sign-in through the local runtime's token route. A deployed console gets its own config.js (README, "Console").
export default {
  mode: "local",
  apiUrl: "",
};
