/* Search with Pagefind when JavaScript runs; without it, the page keeps its links to every list. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof window.PagefindUI !== "function") {
    return;
  }
  box.textContent = "";
  var ui = new window.PagefindUI({
    element: "#search",
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    translations: { placeholder: box.getAttribute("data-search-label") }
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
