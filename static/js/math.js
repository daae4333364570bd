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
    markScrollable(root);
  }

  // A display equation wider than its column scrolls sideways: it gets a visible edge (CSS) and
  // the keyboard can reach and scroll it, with a name a screen reader says.
  function markScrollable(root) {
    root.querySelectorAll(".math.block").forEach(function (element) {
      var scrollable = element.scrollWidth > element.clientWidth + 1;
      element.classList.toggle("is-scrollable", scrollable);
      if (scrollable) {
        element.tabIndex = 0;
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", "Equation, scrolls sideways");
      } else if (element.getAttribute("role") === "region") {
        element.removeAttribute("tabindex");
        element.removeAttribute("role");
        element.removeAttribute("aria-label");
      }
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      markScrollable(document);
    }, 150);
  });
  // A folded model answer has no width until it opens.
  document.addEventListener(
    "toggle",
    function (event) {
      if (event.target.open) markScrollable(event.target);
    },
    true,
  );

  document.addEventListener("DOMContentLoaded", function () {
    typeset(document);
    // KaTeX's fonts change the widths once they arrive.
    if (document.fonts) {
      document.fonts.ready.then(function () {
        markScrollable(document);
      });
    }
  });
  // Fragments that htmx swaps in (a question's past answers, for instance) may hold math too.
  document.addEventListener("htmx:afterSettle", function (event) {
    typeset(event.detail.elt || document);
  });
})();
