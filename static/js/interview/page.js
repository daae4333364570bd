// The interview page: a countdown driven by the server's time left (clock.js), autosave with
// revisions and drafts kept in this browser until the server has them (save-queue.js), and here
// the page itself: the text box, the question strip, the dialogs and the submit at zero. Without
// JavaScript the page still works: the answer form posts, saves and moves between questions.
import { csrfToken, forgetDraft, postForm, readDraft } from "../drafts.js";
import { createClock } from "./clock.js";
import { createSaveQueue, LOGGED_OUT } from "./save-queue.js";
import { wireSqlEditor } from "./sql-editor.js";

const numbers = new Intl.NumberFormat("en-GB");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const interview = document.getElementById("interview");
if (interview) wire(interview);

function wire(root) {
  const form = document.getElementById("answer-form");
  const textarea = form.querySelector("textarea[name=text]");
  const alertBox = document.getElementById("save-alert");
  const counter = document.getElementById("char-count");
  const wordCounter = document.getElementById("word-count");
  const sessionId = root.dataset.session;
  const position = root.dataset.position;
  const maxChars = Number(root.dataset.maxChars);
  let leaving = false;

  // One line per kind of news ("late", "clock"), so the time-up notice never hides a late draft's.
  function showAlert(kind, text, reviewUrl) {
    let line = alertBox.querySelector(`[data-kind="${kind}"]`);
    if (!line) {
      line = document.createElement("p");
      line.dataset.kind = kind;
      alertBox.append(line);
    }
    line.textContent = text + " ";
    if (reviewUrl) {
      const link = document.createElement("a");
      link.href = reviewUrl;
      link.textContent = "Go to the review";
      line.append(link);
    }
    alertBox.hidden = false;
  }

  function markAnswered(pos, answered) {
    const item = form.querySelector(`.strip-item[data-position="${pos}"]`);
    if (!item) return;
    item.classList.toggle("is-answered", answered);
    const label = item.querySelector(".strip-label");
    if (label) label.textContent = `Question ${pos}${answered ? ", answered" : ""}`;
    const count = form.querySelectorAll(".strip-item.is-answered").length;
    document.querySelectorAll("#answered-count, [data-answered-count]").forEach((el) => {
      el.textContent = count;
    });
  }

  // Answers whether the text is within the limit, and says how close it is; counts the words.
  function updateCounter() {
    const length = textarea.value.length;
    if (wordCounter) {
      const words = textarea.value.split(/\s+/).filter(Boolean).length;
      wordCounter.textContent = `${numbers.format(words)} word${words === 1 ? "" : "s"}`;
    }
    const over = length > maxChars;
    counter.classList.toggle("is-near", length >= maxChars * 0.8 && !over);
    counter.classList.toggle("is-over", over);
    if (over) {
      textarea.setAttribute("aria-invalid", "true");
      counter.textContent =
        `${numbers.format(length)} of ${numbers.format(maxChars)} characters: ` +
        `${numbers.format(length - maxChars)} over the limit. Shorten your answer to save it; ` +
        "until then it is kept in this browser only.";
    } else {
      textarea.removeAttribute("aria-invalid");
      counter.textContent =
        length >= maxChars * 0.8
          ? `${numbers.format(length)} of ${numbers.format(maxChars)} characters`
          : `Up to ${numbers.format(maxChars)} characters.`;
    }
    return !over;
  }

  const clock = createClock(root, { onZero: finishAtZero });
  const queue = createSaveQueue({ root, textarea, clock, updateCounter, markAnswered, showAlert });

  textarea.addEventListener("input", () => queue.edit(textarea.value));
  // Text typed before this script ran (it loads after the page shows, later on a slow connection)
  // is an edit like any other: without this it would wait, unsaved, for the next keystroke.
  if (!textarea.readOnly && textarea.value !== textarea.defaultValue) queue.edit(textarea.value);
  if (textarea.hasAttribute("data-sql-editor")) wireSqlEditor({ textarea, save: queue.save });
  textarea.addEventListener("blur", () => {
    if (queue.unsaved()) queue.save();
  });
  textarea.addEventListener("focus", queue.refresh);
  window.addEventListener("online", queue.retryNow);

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      queue.pageHidden();
    } else {
      queue.pageShown();
      clock.draw();
      queue.refresh();
      // Back from logging in again in another tab, most likely.
      if (queue.isLoggedOut()) queue.retryNow();
    }
  });

  window.addEventListener("pagehide", queue.sendAsThePageGoes);

  window.addEventListener("beforeunload", (event) => {
    if (queue.unsaved() && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // ---- Moving between questions and finishing --------------------------------------------
  function openDialog(id) {
    const dialog = document.getElementById(id);
    if (!dialog) return;
    if (dialog.open) dialog.close();
    dialog.showModal();
  }

  form.addEventListener("submit", async (event) => {
    const button = event.submitter;
    if (!button) return; // an old browser: the plain form post saves and moves on
    if (button.hasAttribute("data-run-query")) {
      event.preventDefault(); // htmx posts it
      return;
    }
    event.preventDefault();
    if (button.dataset.dialog) {
      queue.save();
      openDialog(button.dataset.dialog);
      return;
    }
    const target = button.dataset.position || button.value;
    if (await queue.save()) {
      leaving = true;
      window.location.assign(`${window.location.pathname}?q=${encodeURIComponent(target)}`);
    } else if (!queue.isClosed() && !queue.isLoggedOut() && textarea.value.length <= maxChars) {
      queue.setStatus(
        "Not saved yet, so you stay on this question; retrying. Your text is kept in this browser.",
        "error",
      );
    }
  });

  document.querySelectorAll("[data-close-dialog]").forEach((link) => {
    link.addEventListener("click", (event) => {
      const dialog = link.closest("dialog");
      if (dialog) {
        event.preventDefault();
        dialog.close();
        textarea.focus();
      }
    });
  });
  // Opened by the server (?confirm=... after a plain form post): make it a real modal.
  document.querySelectorAll("dialog.confirm-dialog[open]").forEach((dialog) => {
    dialog.close();
    dialog.showModal();
  });

  // Submit and abandon: the answer first, so the last keystrokes are part of it.
  ["submit-form", "abandon-form"].forEach((id) => {
    const finishForm = document.getElementById(id);
    finishForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      if ((await queue.save()) || queue.isClosed()) {
        leaving = true;
        // The token this form was served with is stale after logging in again elsewhere.
        finishForm.elements.csrfmiddlewaretoken.value = csrfToken();
        finishForm.submit();
      } else if (!queue.isLoggedOut()) {
        queue.setStatus("Your last changes are not saved yet (offline?). Try again in a moment.", "error");
      }
    });
  });

  // At zero: save (still counted within the grace period), submit, then go to the review.
  async function finishAtZero() {
    clock.announce("Time's up. Submitting your answers.");
    const banner = document.getElementById("times-up");
    if (banner) banner.hidden = false;
    textarea.readOnly = true;
    clock.showZero();
    let delay = 1000;
    for (;;) {
      await Promise.race([queue.save(), sleep(5000)]);
      try {
        const payload = await postForm(root.dataset.submitUrl, {});
        // Text still unsaved goes with the page-hide save: within the grace period it counts.
        leaving = true;
        window.location.assign(payload.review_url || root.dataset.reviewUrl);
        return;
      } catch (error) {
        showAlert(
          "clock",
          error.loggedOut
            ? `Time is up. ${LOGGED_OUT}`
            : "Time is up. Waiting for the network to submit your answers (kept in this browser).",
        );
        await sleep(delay);
        delay = Math.min(delay * 2, 15000);
      }
    }
  }

  // ---- On load ---------------------------------------------------------------------------
  // Any draft newer than what the server has was typed but never saved (the network failed,
  // the tab was closed): put this question's back in the box, send the others as they are.
  form.querySelectorAll(".strip-item").forEach((item) => {
    const pos = item.dataset.position;
    const draft = readDraft(sessionId, pos);
    if (!draft) return;
    if (draft.revision <= Number(item.dataset.revision)) {
      forgetDraft(sessionId, pos);
    } else if (pos === position) {
      queue.restore(draft);
    } else if (draft.text.length <= maxChars) {
      postForm(item.dataset.saveUrl, { text: draft.text, revision: draft.revision })
        .then((payload) => {
          if (payload.state === "late" || payload.state === "closed") forgetDraft(sessionId, pos);
          else if (payload.state !== "invalid") forgetDraft(sessionId, pos, payload.revision);
          markAnswered(pos, payload.answered);
        })
        .catch(() => {}); // tried again on the next page load
    }
  });
  updateCounter();
  clock.start();
  // Focus mode: the answer box has the focus as the question opens (not behind a dialog the
  // server opened, nor once the time is up), the caret after what is already written.
  if (!document.querySelector("dialog[open]") && !textarea.readOnly) {
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  }
}
