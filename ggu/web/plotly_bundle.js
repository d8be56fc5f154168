// The plotly.js the dashboard's charts load: plotly.js's core (with scatter) and the trace types
// they draw, built by `python -m ggu.web.bundle` with esbuild into static/ (see bundle.py).
// A trace type not listed here makes its chart load plotly.py's full bundle instead.
var Plotly = require("plotly.js/lib/core");

Plotly.register([
  require("plotly.js/lib/bar"),
  require("plotly.js/lib/pie"),
  require("plotly.js/lib/treemap"),
  require("plotly.js/lib/calendars"),   // as in plotly.js's own bundles
]);

module.exports = Plotly;
