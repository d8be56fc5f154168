// A Plotly figure for ggu.ui.plot (an st.components.v2 component, mounted in the page, not in
// an iframe). data: {bundle: URL of the plotly.js bundle, config, figure, error: the text shown
// when the bundle cannot be loaded}.
// Each bundle is loaded once per page; each chart keeps the Plotly that drew it.
const bundles = (window.__gguPlotly ??= new Map());

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

export default function ({ data, parentElement }) {
  const { bundle, config, figure, error } = data;
  let gd = parentElement.querySelector(":scope > .ggu-plot");
  if (!gd) {
    gd = document.createElement("div");
    gd.className = "ggu-plot";
    parentElement.append(gd);
  }
  let Plotly = null;
  let width = 0;
  // Follow the column's width (the sidebar opening, a wider window), not only the window's;
  // not while hidden (width 0: a page being left, a collapsed container).
  const resize = new ResizeObserver(() => {
    if (Plotly && gd.clientWidth > 0 && gd.clientWidth !== width) {
      width = gd.clientWidth;
      Plotly.Plots.resize(gd).catch(() => {});
    }
  });
  plotly(bundle)
    .then((P) => {
      Plotly = P;
      return P.react(gd, figure.data, figure.layout, config);
    })
    .then(() => {
      width = gd.clientWidth;
      resize.observe(gd);
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
