// The answer box of a SQL question: Tab indents by two spaces (Shift+Tab takes them back), and
// Escape then Tab leaves the box, so a keyboard user is never trapped; Ctrl+Enter (Cmd+Enter)
// runs the query. Run itself is an htmx post of the answer form (a plain post without
// JavaScript); here the autosave is flushed at the same time, so the query run is the one kept.
const INDENT = "  ";

export function wireSqlEditor({ textarea, save }) {
  const runButton = document.querySelector("[data-run-query]");
  const result = () => document.getElementById("sql-result");
  let escaped = false;

  function replaceLines(transform) {
    const { value, selectionStart, selectionEnd } = textarea;
    const from = value.lastIndexOf("\n", selectionStart - 1) + 1;
    const lineEnd = value.indexOf("\n", Math.max(selectionEnd - 1, selectionStart));
    const to = lineEnd === -1 ? value.length : lineEnd;
    const lines = value.slice(from, to).split("\n");
    const changed = lines.map(transform);
    textarea.setRangeText(changed.join("\n"), from, to, "preserve");
    const firstShift = changed[0].length - lines[0].length;
    const totalShift = changed.join("\n").length - (to - from);
    textarea.setSelectionRange(Math.max(from, selectionStart + firstShift), Math.max(from, selectionEnd + totalShift));
  }

  function indent() {
    const { selectionStart, selectionEnd, value } = textarea;
    if (value.slice(selectionStart, selectionEnd).includes("\n")) {
      replaceLines((line) => INDENT + line);
    } else {
      textarea.setRangeText(INDENT, selectionStart, selectionEnd, "end");
    }
  }

  function outdent() {
    replaceLines((line) => line.replace(/^ {1,2}/, ""));
  }

  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      escaped = true;
      return;
    }
    const plainTab = event.key === "Tab" && !event.altKey && !event.ctrlKey && !event.metaKey;
    if (plainTab && !escaped) {
      event.preventDefault();
      if (event.shiftKey) outdent();
      else indent();
      // The autosave listens to input events, which a script's edit does not fire by itself.
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      return;
    }
    escaped = false;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && runButton) {
      event.preventDefault();
      runButton.click();
    }
  });

  // Tab indents from here on (a test, or a curious reader, can tell).
  textarea.dataset.sqlEditor = "ready";
  document.querySelectorAll("[data-editor-keys]").forEach((hint) => {
    hint.hidden = false;
  });
  if (!runButton) return;
  runButton.addEventListener("click", () => {
    save();
  });
  // htmx swaps only answers it got: say so when the server could not be reached or failed.
  const trouble = (text) => {
    const panel = result();
    if (!panel) return;
    panel.replaceChildren();
    const line = document.createElement("p");
    line.className = "sql-error";
    line.setAttribute("role", "alert");
    line.textContent = text;
    panel.append(line);
  };
  runButton.addEventListener("htmx:sendError", () =>
    trouble("Could not reach the server to run the query; your query is kept here. Run again in a moment."),
  );
  runButton.addEventListener("htmx:responseError", () =>
    trouble("The server could not run the query just now; your query is kept here. Run again in a moment."),
  );
}
