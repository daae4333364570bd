// Typesets the math that questions/markdown.py leaves as <span class="math inline"> and
// <div class="math block">, with the KaTeX served from static/vendor/katex/. Without JavaScript
// the TeX source stays readable as plain text.
"use strict";

(function () {
  function typeset(root) {
    if (!window.katex) return;
    root.querySelectorAll(".math.inline, .math.block").forEach(function (element) {
      if (element.dataset.typeset) return;
      window.katex.render(element.textContent, element, {
        displayMode: element.classList.contains("block"),
        throwOnError: false,
      });
      element.dataset.typeset = "1";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    typeset(document);
  });
  // Fragments that htmx swaps in (a question's past answers, for instance) may hold math too.
  document.addEventListener("htmx:afterSettle", function (event) {
    typeset(event.detail.elt || document);
  });
})();
