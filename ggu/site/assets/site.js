// The one script of the public site (ggu/site): draws every chart of a page with the plotly.js
// bundle loaded before it (defer), from the figure in its <script type="application/json">.
// Narrower than 500 px a chart draws its narrow variant (layout.meta.narrow, see
// ggu/present/charts/base.py and ggu/web/plot.js) and no toolbar. Without JavaScript the
// text and the tables say everything.
(function () {
  "use strict";
  var NARROW = 500;
  function merge(base, changes) {
    if (!changes || typeof changes !== "object" || Array.isArray(changes)) {
      return changes === undefined || changes === null ? base : changes;
    }
    var out = {};
    if (base && typeof base === "object" && !Array.isArray(base)) {
      Object.keys(base).forEach(function (k) { out[k] = base[k]; });
    }
    Object.keys(changes).forEach(function (k) { out[k] = merge(out[k], changes[k]); });
    return out;
  }
  function variant(spec, narrow) {
    var fig = spec.figure, config = spec.config;
    if (!narrow) return [fig.data, fig.layout, config];
    var changes = (fig.layout.meta && fig.layout.meta.narrow) || {};
    var traces = changes.traces || {};
    return [fig.data.map(function (t, i) { return merge(t, traces[i]); }),
      merge(fig.layout, changes.layout), merge(config, { displayModeBar: false })];
  }
  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-figure"));
    if (!source || !window.Plotly) return;
    var spec = JSON.parse(source.textContent);
    var narrow = el.clientWidth < NARROW;
    el.textContent = "";
    var args = variant(spec, narrow);
    window.Plotly.newPlot(el, args[0], args[1], args[2]);
    var width = el.clientWidth;
    new ResizeObserver(function () {
      if (el.clientWidth === 0 || el.clientWidth === width) return;
      width = el.clientWidth;
      if ((width < NARROW) !== narrow) {
        narrow = width < NARROW;
        var a = variant(spec, narrow);
        window.Plotly.react(el, a[0], a[1], a[2]);
      } else {
        window.Plotly.Plots.resize(el);
      }
    }).observe(el);
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".plot[data-figure]"), draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
