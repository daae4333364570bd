// The question bank's filters: htmx sends only the fields that are set, so the address bar
// reads /questions/?q=dropout rather than /questions/?q=dropout&topic=&difficulty=.
"use strict";

document.addEventListener("htmx:configRequest", function (event) {
  if (!event.detail.elt.closest(".bank-filters")) return;
  const parameters = event.detail.parameters;
  ["q", "topic", "difficulty"].forEach(function (name) {
    if (!parameters[name]) delete parameters[name];
  });
});
