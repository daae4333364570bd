// The review page: keyboard grading, and no lost change while an autosave is on its way.
// Without this file the page still works: each question's form posts and comes back.
"use strict";

(function () {
  const questions = () => Array.from(document.querySelectorAll("[data-review-question]"));
  const isGraded = (question) => question.querySelector(".review-grading[data-graded='true']") !== null;

  // The question the keys act on: the one holding the focus, else the one across the upper
  // third of the window (where the eye is while reading).
  function currentQuestion() {
    const focused = document.activeElement && document.activeElement.closest("[data-review-question]");
    if (focused) return focused;
    const line = window.innerHeight / 3;
    const all = questions();
    return all.find((question) => question.getBoundingClientRect().bottom > line) || all[all.length - 1];
  }

  function show(question) {
    question.focus({ preventScroll: true });
    question.scrollIntoView({ block: "start", behavior: window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  }

  function grade(question, value) {
    const radio = question.querySelector(`input[name='grade'][value='${value}']`);
    if (!radio) return;
    if (!radio.checked) radio.click(); // a real click: fires "change", which autosaves
    radio.focus({ preventScroll: true });
  }

  function nextUngraded(from) {
    const all = questions();
    const start = all.indexOf(from);
    const order = all.slice(start + 1).concat(all.slice(0, start + 1));
    const next = order.find((question) => !isGraded(question));
    if (next) {
      show(next);
    } else {
      const result = document.getElementById("review-result");
      if (result) result.scrollIntoView({ block: "start" });
    }
  }

  function step(from, by) {
    const all = questions();
    const target = all[all.indexOf(from) + by];
    if (target) show(target);
  }

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest("textarea, select, [contenteditable='true']")) return;
    if (target.matches("input:not([type='radio']):not([type='checkbox'])")) return;
    const question = currentQuestion();
    if (!question) return;
    if (["1", "2", "3", "4"].includes(event.key)) {
      grade(question, event.key);
    } else if (event.key === "n" || event.key === "j") {
      nextUngraded(question);
    } else if (event.key === "p" || event.key === "k") {
      step(question, -1);
    } else {
      return;
    }
    event.preventDefault();
  });

  // A change made while an earlier save of the same question is on its way must not be undone
  // by that save's answer (which shows the state before the change). Count the edits in the
  // capture phase, before htmx sees the event; skip an answer that is older than the last edit:
  // the save of that edit follows and brings the fresh panel.
  const edits = new WeakMap();
  const bump = (event) => {
    const form = event.target.closest && event.target.closest(".review-form");
    if (form) edits.set(form, (edits.get(form) || 0) + 1);
  };
  document.addEventListener("input", bump, true);
  document.addEventListener("change", bump, true);
  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt;
    if (form.classList && form.classList.contains("review-form")) form.dataset.sentEdits = String(edits.get(form) || 0);
  });
  document.addEventListener("htmx:beforeSwap", (event) => {
    const form = event.detail.elt;
    if (!form || !form.classList || !form.classList.contains("review-form")) return;
    if (form.dataset.sentEdits !== String(edits.get(form) || 0)) event.detail.shouldSwap = false;
  });
  // When the server cannot be reached, say so where the user looks.
  document.addEventListener("htmx:sendError", (event) => {
    const status = event.detail.elt.querySelector && event.detail.elt.querySelector(".review-save-status");
    if (status) status.textContent = "Not saved: no connection. Try again, or use Save.";
  });
  document.addEventListener("htmx:responseError", (event) => {
    const status = event.detail.elt.querySelector && event.detail.elt.querySelector(".review-save-status");
    if (status) status.textContent = "Not saved: the server refused it. Reload the page and try again.";
  });

  // On a phone the model answers would make the page endless: they start folded (one tap
  // opens one), and the key points below each answer carry the grading.
  if (window.matchMedia("(max-width: 51.99rem)").matches) {
    document.querySelectorAll("[data-model-answer]").forEach((details) => {
      details.open = false;
    });
  }

  const hint = document.querySelector("[data-review-keys]");
  if (hint) hint.hidden = false;

  // Questions scrolled to (by "n", or by the #question-N of a plain save) land just below the
  // progress bar if a stylesheet makes it sticky (app.css keeps it in the flow: it hid text).
  const bar = document.querySelector(".review-bar");
  const clearBar = () => {
    const sticky = bar && getComputedStyle(bar).position === "sticky";
    document.documentElement.style.scrollPaddingTop = sticky ? `${bar.offsetHeight + 12}px` : "";
  };
  clearBar();
  window.addEventListener("resize", clearBar);
})();
