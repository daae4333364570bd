// On the review page of a finished session: text that this browser typed during the interview
// but never got to the server (the network was down when the time ran out, the tab closed
// mid-save) is still in localStorage, where interview.js keeps it until the server confirms.
// Send it now: the server keeps it as a late draft, shown on review apart from the answer, so
// no typed word is left behind unseen. Then reload once so the late drafts show.
"use strict";

(function () {
  const root = document.querySelector("[data-unsent-drafts]");
  if (!root) return;
  const sessionId = root.dataset.session;
  const csrfToken = root.dataset.csrf;
  const status = root.querySelector("[data-unsent-status]");

  function readDraft(key) {
    try {
      const draft = JSON.parse(localStorage.getItem(key));
      return draft && typeof draft.text === "string" && typeof draft.revision === "number" ? draft : null;
    } catch {
      return null;
    }
  }

  async function send(url, draft) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken);
    body.append("text", draft.text);
    body.append("revision", String(draft.revision));
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken },
      credentials: "same-origin",
    });
    const payload = await response.json();
    if (!payload || !payload.state) throw new Error(`save failed with ${response.status}`);
    return payload;
  }

  const pending = [];
  root.querySelectorAll("[data-save-url]").forEach((item) => {
    const key = `interviewprep:draft:${sessionId}:${item.dataset.position}`;
    const draft = readDraft(key);
    if (!draft) return;
    if (draft.revision <= Number(item.dataset.revision)) {
      localStorage.removeItem(key); // the server has it already
      return;
    }
    pending.push(
      send(item.dataset.saveUrl, draft).then((payload) => {
        // "invalid" (over the size limit, say) stays in this browser; anything else is kept.
        if (payload.state !== "invalid") localStorage.removeItem(key);
        return payload.state !== "invalid";
      }),
    );
  });
  if (!pending.length) return;
  root.hidden = false;
  status.textContent = "Sending text this browser had not saved yet…";
  Promise.allSettled(pending).then((results) => {
    const kept = results.some((result) => result.status === "fulfilled" && result.value);
    const failed = results.some((result) => result.status === "rejected");
    if (failed) {
      status.textContent = "Some text this browser had not saved could not be sent; it stays here and is tried again next time.";
    }
    if (kept && !failed) window.location.reload();
  });
})();
