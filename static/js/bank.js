// The question bank's filters: htmx sends only the fields that are set, so the address bar
// reads /questions/?q=dropout rather than /questions/?q=dropout&topic=&difficulty=.
"use strict";

document.addEventListener("htmx:configRequest", function (event) {
  if (!event.detail.elt.closest(".bank-filters")) return;
  const parameters = event.detail.parameters;
  ["q", "area", "topic", "kind", "difficulty"].forEach(function (name) {
    if (!parameters[name]) delete parameters[name];
  });
});

// On a phone the topics are one swipeable row: bring the chosen one into view.
function showCurrentTopic() {
  const chip = document.querySelector(".topic-chip[aria-current]");
  if (chip && chip.parentElement.scrollWidth > chip.parentElement.clientWidth) {
    chip.parentElement.scrollLeft = chip.offsetLeft - chip.parentElement.offsetLeft - 16;
  }
}
document.addEventListener("DOMContentLoaded", showCurrentTopic);
document.addEventListener("htmx:afterSettle", showCurrentTopic);
