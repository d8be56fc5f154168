// A Plotly figure for ggu.ui.plot (an st.components.v2 component, mounted in the page, not in
// an iframe). data: {bundle: URL of the plotly.js bundle, config, figure, error: the text shown
// when the bundle cannot be loaded}.
// Each bundle is loaded once per page; each chart keeps the Plotly that drew it.
// Narrower than NARROW px (a phone: 390 px wide) a chart draws its narrow variant: the changes
// its builder put in layout.meta.narrow ({layout, traces: {index: changes}}, see
// ggu/present/charts/base.py) and no toolbar (on a phone it covers the legend).
// data.clickable (a treemap): a click on a tile or the path bar sends the id of the node it
// zooms to (`node`, a trigger: the page filters on it); a click on a leaf sends the leaf's id.
const bundles = (window.__gguPlotly ??= new Map());
const NARROW = 500;

function merge(base, changes) {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return changes ?? base;
  const out = { ...(base && typeof base === "object" && !Array.isArray(base) ? base : {}) };
  for (const [key, value] of Object.entries(changes)) out[key] = merge(out[key], value);
  return out;
}

function variant(figure, config, narrow) {
  if (!narrow) return [figure.data, figure.layout, config];
  const changes = (figure.layout.meta && figure.layout.meta.narrow) || {};
  const traces = changes.traces || {};
  return [figure.data.map((trace, i) => merge(trace, traces[i])),
          merge(figure.layout, changes.layout), { ...config, displayModeBar: false }];
}

function plotly(url) {
  if (!bundles.has(url)) {
    bundles.set(url, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => reject(new Error(`${url} did not load`));
      document.head.append(script);
    }));
  }
  return bundles.get(url);
}

export default function ({ data, parentElement, setTriggerValue }) {
  const { bundle, config, figure, error, clickable } = data;
  let gd = parentElement.querySelector(":scope > .ggu-plot");
  if (!gd) {
    gd = document.createElement("div");
    gd.className = "ggu-plot";
    parentElement.append(gd);
  }
  let Plotly = null;
  let width = 0;
  let narrow = gd.clientWidth > 0 && gd.clientWidth < NARROW;
  // Follow the column's width (the sidebar opening, a wider window), not only the window's;
  // not while hidden (width 0: a page being left, a collapsed container).
  const resize = new ResizeObserver(() => {
    if (Plotly && gd.clientWidth > 0 && gd.clientWidth !== width) {
      width = gd.clientWidth;
      if ((width < NARROW) !== narrow) {
        narrow = width < NARROW;
        Plotly.react(gd, ...variant(figure, config, narrow)).catch(() => {});
      } else {
        Plotly.Plots.resize(gd).catch(() => {});
      }
    }
  });
  plotly(bundle)
    .then((P) => {
      Plotly = P;
      return P.react(gd, ...variant(figure, config, narrow));
    })
    .then(() => {
      width = gd.clientWidth;
      resize.observe(gd);
      if (clickable) {
        gd.removeAllListeners("plotly_treemapclick");
        gd.on("plotly_treemapclick", (event) => {
          const point = event.points && event.points[0];
          const node = event.nextLevel ?? (point && point.id);
          if (node) setTriggerValue("node", node);
        });
      }
    })
    .catch((e) => {
      console.error(e);
      gd.textContent = error;
      gd.setAttribute("role", "alert");
    });
  return () => {
    resize.disconnect();
    if (Plotly) Plotly.purge(gd);
  };
}
