"""The ALV-rapport page's presentation mode: the report's deck (ggu.report.html.deck_html, run by
deck.js, as in the HTML file) mounted in the page over its sidebar, header and banner, through a
small st.components.v2 component (not an iframe: the keys reach it without a click, and the
address it keeps is the page's). `?presentatie=1&dia=N` opens slide N; the address follows the
slide; Esc or the close button leaves the mode (a reload without the two keys)."""
from __future__ import annotations

import streamlit as st

from ggu.report import Report
from ggu.report import html as report_html
from ggu.web import blocks, bundle, url

MOUNT_JS = """
const bundles = (window.__gguPlotly ??= new Map());
function plotly(src) {
  if (!src) return Promise.resolve(null);
  if (!bundles.has(src)) {
    bundles.set(src, new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => reject(new Error(`${src} did not load`));
      document.head.append(script);
    }));
  }
  return bundles.get(src);
}
function close() {
  const address = new URL(window.location.href);
  address.searchParams.delete("presentatie");
  address.searchParams.delete("dia");
  window.location.assign(address);
}
export default function ({ data, parentElement }) {
  const { html, bundle, start } = data;
  if (parentElement.__gguDeck === html) return;
  parentElement.__gguDeck = html;
  parentElement.innerHTML = html;
  const root = parentElement.querySelector(".ggu-deck");
  let deck = null;
  plotly(bundle).catch(() => null).then((Plotly) => {
    deck = gguDeck(root, { Plotly, start, follow: "query", onClose: close });
  });
  return () => {   // once the deck has left the page, its keys go with it
    setTimeout(() => { if (deck && !root.isConnected) deck.stop(); }, 0);
  };
}
"""
_DECK = st.components.v2.component("ggu_deck", js=report_html.DECK_JS + MOUNT_JS,
                                   isolate_styles=False)


def presenting() -> bool:
    """Whether the page presents: the toggle, first set from `?presentatie=1`."""
    if "presenteren" not in st.session_state:
        st.session_state["presenteren"] = url.wanted("presentatie") == "1"
    return bool(st.session_state["presenteren"])


def leave_address() -> None:
    """Out of presentation mode: the address without its keys."""
    st.query_params.pop("presentatie", None)
    st.query_params.pop("dia", None)


def present(rep: Report, deck: str) -> None:
    """The deck (deck_html of `rep`) over the whole window, at the slide `?dia=` asks for."""
    wanted, total = url.wanted("dia"), len(rep.slides)
    start = int(wanted) if wanted and wanted.isdigit() and 1 <= int(wanted) <= total else 1
    st.query_params["presentatie"] = "1"
    st.query_params["dia"] = str(start)
    blocks.slides_style(report_html.page_style(True))
    traces = {trace.type for s in rep.slides if s.chart is not None for trace in s.chart.fig.data}
    _DECK(key="deck", data={"html": deck, "bundle": bundle.url(traces), "start": start})
