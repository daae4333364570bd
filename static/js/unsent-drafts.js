// On the review page of a finished session: text that this browser typed during the interview
// but never got to the server (the network was down when the time ran out, the tab closed
// mid-save) is still in localStorage, where the interview page keeps it until the server
// confirms. Send it now: the server keeps it as a late draft, shown on review apart from the
// answer, so no typed word is left behind unseen. Then reload once so the late drafts show.
import { forgetDraft, postForm, readDraft } from "./drafts.js";

const root = document.querySelector("[data-unsent-drafts]");
if (root) sendUnsentDrafts(root);

function sendUnsentDrafts(root) {
  const sessionId = root.dataset.session;
  const status = root.querySelector("[data-unsent-status]");

  const pending = [];
  root.querySelectorAll("[data-save-url]").forEach((item) => {
    const position = item.dataset.position;
    const draft = readDraft(sessionId, position);
    if (!draft) return;
    if (draft.revision <= Number(item.dataset.revision)) {
      forgetDraft(sessionId, position); // the server has it already
      return;
    }
    pending.push(
      postForm(item.dataset.saveUrl, { text: draft.text, revision: draft.revision }).then((payload) => {
        // "invalid" (over the size limit, say) stays in this browser; anything else is kept.
        if (payload.state !== "invalid") forgetDraft(sessionId, position);
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
}
