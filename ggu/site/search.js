// The site's search page: starts Pagefind's search UI (pagefind-ui.js, loaded before this file)
// in the element #ggu-search. An external file because the site's Content-Security-Policy allows
// no inline script. The query can come in the address (?q=…), so a link can start a search.
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("ggu-search");
    if (!element || typeof PagefindUI === "undefined") {
      return;
    }
    var options = {
      element: "#ggu-search",
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      // (passed on to Pagefind) a word as long as the one typed counts far more than a longer
      // word that starts with it: "Utrecht" finds Utrecht before Utrechtse Heuvelrug, which
      // the default (1) put first; on the demo site each municipality's own page comes first
      // for its name but two (Leiden, Borsele: second)
      ranking: { termSimilarity: 10 }
    };
    // Pagefind finds its files beside pagefind-ui.js; data-bundle overrides that.
    if (element.getAttribute("data-bundle")) {
      options.bundlePath = element.getAttribute("data-bundle");
    }
    var ui = new PagefindUI(options);
    // Pagefind's search box has only a title; give it a label a screen reader announces.
    var input = element.querySelector("input");
    if (input && element.getAttribute("data-label")) {
      input.setAttribute("aria-label", element.getAttribute("data-label"));
    }
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) {
      ui.triggerSearch(query);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
