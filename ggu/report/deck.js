// The ALV report as a presentation: one slide at a time, filling the window. The same code runs
// in the HTML file (html.py inlines it) and on the ALV-rapport page (ggu/web/deck.py mounts
// it), so both present alike.
//   gguDeck(root, {Plotly, start, follow, onClose})
// root: the .ggu-deck element (html.py's deck_html); Plotly: plotly.js; start: the slide to
// open (1-based); follow: 'hash' (the file: #dia-N) or 'query' (the page: ?dia=N) - where the
// address keeps the slide, so that a reload or a shared link opens it; onClose: what Escape
// and the close button do (the page: leave presentation mode; the file has none).
// Keys: → ↓ PageDown Space next, ← ↑ PageUp previous (a presenter's clicker sends PageUp and
// PageDown), Home first, End last.
function gguDeck(root, { Plotly, start = 1, follow = "hash", onClose = null }) {
  const slides = Array.from(root.querySelectorAll(":scope > section"));
  const drawn = new Map();
  let current = 0;

  function chartFont() {
    return Math.max(12, Math.round(window.innerHeight / 48));
  }

  function draw(slide) {
    for (const box of slide.querySelectorAll(".chart[data-figure]")) {
      const figure = JSON.parse(box.querySelector("script").textContent);
      const layout = { ...figure.layout, autosize: true, height: null, width: null };
      layout.font = { ...(layout.font || {}), size: chartFont() };
      const config = { ...(JSON.parse(box.dataset.config || "{}")), responsive: true };
      if (!drawn.has(box)) {
        drawn.set(box, true);
        Plotly.newPlot(box.querySelector(".plot"), figure.data, layout, config);
      } else {
        Plotly.relayout(box.querySelector(".plot"), { "font.size": chartFont() });
        Plotly.Plots.resize(box.querySelector(".plot"));
      }
    }
  }

  function address(n) {
    if (follow === "query") {
      const url = new URL(window.location.href);
      url.searchParams.set("dia", String(n));
      window.history.replaceState(window.history.state, "", url);
    } else if (follow === "hash") {
      window.history.replaceState(window.history.state, "", `#dia-${n}`);
    }
  }

  function go(n) {
    const next = Math.min(Math.max(n, 1), slides.length) - 1;
    slides.forEach((s, i) => {
      s.classList.toggle("current", i === next);
      s.setAttribute("aria-hidden", i === next ? "false" : "true");
    });
    current = next;
    for (const b of root.querySelectorAll("[data-step]")) {
      const target = current + Number(b.dataset.step);
      b.disabled = target < 0 || target >= slides.length;
    }
    if (Plotly) draw(slides[current]);
    address(current + 1);
    root.dataset.current = String(current + 1);
  }

  function key(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const tag = (event.target && event.target.tagName) || "";
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(tag) || (tag === "SUMMARY" && event.key === " ")) return;
    const moves = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
                    ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (event.key in moves) go(current + 1 + moves[event.key]);
    else if (event.key === "Home") go(1);
    else if (event.key === "End") go(slides.length);
    else if (event.key === "Escape" && onClose) onClose();
    else return;
    event.preventDefault();
  }

  for (const b of root.querySelectorAll("[data-step]")) {
    b.addEventListener("click", () => go(current + 1 + Number(b.dataset.step)));
  }
  for (const b of root.querySelectorAll("[data-close]")) {
    if (onClose) b.addEventListener("click", onClose); else b.remove();
  }
  const old = window.__gguDeckKeys;
  if (old) document.removeEventListener("keydown", old);
  window.__gguDeckKeys = key;
  document.addEventListener("keydown", key);
  window.addEventListener("resize", () => { if (Plotly) draw(slides[current]); });
  if (follow === "hash") {   // #dia-N typed into the address (or a link within the file)
    window.addEventListener("hashchange", () => {
      const found = /^#dia-(\d+)$/.exec(window.location.hash);
      if (found && Number(found[1]) !== current + 1) go(Number(found[1]));
    });
  }
  go(start);
  return {
    go,
    get current() { return current + 1; },
    stop() { document.removeEventListener("keydown", key); },
  };
}
