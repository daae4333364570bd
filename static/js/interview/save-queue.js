// Autosave for the question on the page: every edit gets a revision and goes to localStorage at
// once, then to the server a moment later, one request at a time, retried with back-off until
// the server has it. The server's answer decides: saved, stale (another tab saved newer text),
// late or closed (the time is up: the text is kept apart as a late draft).
import { forgetDraft, postForm, writeDraft } from "../drafts.js";

export const LOGGED_OUT = "You are logged out: log in again in another tab; your text is kept here and will be sent.";

// The page supplies what is drawn outside the status line: the character counter (updateCounter
// answers whether the text is within the limit), the question strip and the alert box.
export function createSaveQueue({ root, textarea, clock, updateCounter, markAnswered, showAlert }) {
  const sessionId = root.dataset.session;
  const position = root.dataset.position;
  const saveUrl = root.dataset.saveUrl;
  const maxChars = Number(root.dataset.maxChars);
  // The limit comes from the server (ANSWER_MAX_CHARS in sessions/models.py), like every number here.
  const OVER_LIMIT = `Not saved: the answer is over the ${new Intl.NumberFormat("en").format(maxChars)}-character limit.`;
  const statusLine = document.getElementById("save-status");

  let savedRevision = Number(root.dataset.revision);
  let lastRevision = savedRevision;
  let current = { text: textarea.value, revision: savedRevision };
  let inflight = null;
  let debounce = null;
  let retryTimer = null;
  let retryDelay = 1000;
  let overdueTimer = null;
  let closed = false; // the server takes no more answers: saves only keep late drafts
  let loggedOut = false; // until a save succeeds again, the status line says so and stays
  let shownAt = performance.now();
  let secondsShown = Number(root.dataset.timeSpent) || 0;

  function nextRevision() {
    lastRevision = Math.max(lastRevision + 1, clock.serverNow());
    return lastRevision;
  }

  function unsaved() {
    return current.revision > savedRevision;
  }

  function timeSpent() {
    if (document.visibilityState === "visible") {
      secondsShown += (performance.now() - shownAt) / 1000;
      shownAt = performance.now();
    }
    return Math.round(secondsShown);
  }

  // The status line is not a live region (a screen reader would hear every autosave); only the
  // start of trouble is announced, once.
  let troubleAnnounced = false;
  function setStatus(text, kind) {
    if (kind === "error") {
      if (!troubleAnnounced) clock.announce(text);
      troubleAnnounced = true;
    } else if (kind !== "pending") {
      troubleAnnounced = false;
    }
    statusLine.textContent = text;
    statusLine.classList.toggle("is-error", kind === "error");
    statusLine.classList.toggle("is-pending", kind === "pending");
    statusLine.classList.toggle("is-overdue", kind === "overdue");
  }

  function send(url, draft, keepalive) {
    const fields = { text: draft.text, revision: draft.revision };
    if (url === saveUrl) fields.time_spent = timeSpent();
    return postForm(url, fields, { keepalive });
  }

  function handleSaved(payload, sent) {
    clock.resync(payload);
    switch (payload.state) {
      case "saved":
        savedRevision = Math.max(savedRevision, payload.revision);
        forgetDraft(sessionId, position, payload.revision);
        markAnswered(position, payload.answered);
        return true;
      case "stale":
        // Another tab saved newer text: show it, unless this one has been typed in since.
        savedRevision = Math.max(savedRevision, payload.revision);
        lastRevision = Math.max(lastRevision, payload.revision);
        forgetDraft(sessionId, position, payload.revision);
        if (current === sent) {
          textarea.value = payload.text;
          current = { text: payload.text, revision: payload.revision };
          updateCounter();
        }
        markAnswered(position, payload.answered);
        return true;
      case "late":
      case "closed":
        closed = true;
        savedRevision = current.revision;
        forgetDraft(sessionId, position);
        textarea.readOnly = true;
        showAlert("late", payload.message, payload.review_url);
        return true;
      default:
        return false;
    }
  }

  function showOutcome(payload) {
    if (payload.state === "saved") {
      setStatus(unsaved() ? "Saving…" : `Saved · ${payload.saved_at_display}`, unsaved() ? "pending" : "");
    } else if (payload.state === "stale") {
      setStatus(payload.message);
    } else if (payload.state === "late" || payload.state === "closed") {
      setStatus(payload.state === "late" ? "Time is up" : "This interview is finished", "error");
    } else {
      setStatus(payload.message || "Not saved.", "error");
    }
  }

  // Saves the current text; resolves true once the server has it (or kept it as a late draft).
  async function save() {
    clearTimeout(debounce);
    clearTimeout(retryTimer);
    if (!unsaved()) return true;
    if (!updateCounter()) {
      setStatus(OVER_LIMIT, "error");
      return false;
    }
    if (inflight) {
      await inflight;
      return save();
    }
    const sent = current;
    if (!loggedOut) setStatus("Saving…", "pending");
    let ok = false;
    inflight = (async () => {
      try {
        const payload = await send(saveUrl, sent);
        loggedOut = false;
        ok = handleSaved(payload, sent);
        retryDelay = 1000;
        showOutcome(payload);
      } catch (error) {
        loggedOut = Boolean(error.loggedOut);
        const seconds = Math.round(retryDelay / 1000);
        let message = `Not saved, retrying in ${seconds} s. Your text is kept in this browser.`;
        if (loggedOut) message = LOGGED_OUT;
        else if (error.serverTrouble) {
          message = `Server trouble: your text is kept here and will be sent (retrying in ${seconds} s).`;
        }
        setStatus(message, "error");
        retryTimer = setTimeout(save, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 30000);
      } finally {
        inflight = null;
      }
    })();
    await inflight;
    if (ok && unsaved() && !closed) {
      clearTimeout(debounce);
      debounce = setTimeout(save, 300);
    }
    return ok && !unsaved();
  }

  // The text box changed: keep it here at once, send it when the typing pauses.
  function edit(text) {
    current = { text, revision: nextRevision() };
    writeDraft(sessionId, position, current);
    if (!updateCounter()) {
      setStatus(OVER_LIMIT, "error");
      return;
    }
    if (closed) {
      debounce = setTimeout(save, 1500);
      return;
    }
    // Typing is normal: the line stays calm (grey "Saving…"); only a save overdue by several
    // seconds turns it amber.
    if (!inflight && !loggedOut) setStatus("Saving…", "pending");
    clearTimeout(debounce);
    debounce = setTimeout(save, 1500);
    clearTimeout(overdueTimer);
    overdueTimer = setTimeout(() => {
      if (unsaved() && !loggedOut && !statusLine.classList.contains("is-error")) {
        setStatus("Not saved yet: still trying…", "overdue");
      }
    }, 8000);
  }

  // Back online, or back on this tab after logging in again elsewhere: no need to wait out the
  // back-off.
  function retryNow() {
    retryDelay = 1000;
    if (unsaved()) save();
  }

  // Another tab or device may have saved newer text since this page loaded.
  async function refresh() {
    if (unsaved() || inflight || closed) return;
    try {
      const response = await fetch(saveUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      const payload = await response.json();
      clock.resync(payload);
      if (!payload.in_progress) {
        closed = true;
        textarea.readOnly = true;
        showAlert("late", "This interview has finished (in another tab or by the clock).", payload.review_url);
        return;
      }
      if (payload.revision > savedRevision && !unsaved() && !inflight) {
        savedRevision = payload.revision;
        lastRevision = Math.max(lastRevision, payload.revision);
        if (payload.text !== textarea.value) {
          textarea.value = payload.text;
          updateCounter();
          setStatus("Updated with newer text saved in another tab or device");
        }
        current = { text: payload.text, revision: payload.revision };
      }
    } catch {
      // Offline (or logged out): nothing to compare with; saving will retry on its own.
    }
  }

  // The tab is closing or navigating away: send what is unsaved with a keepalive request, which
  // outlives the page. Whether it arrives cannot be known here (the page is gone before it
  // answers), so the draft stays in localStorage until a later page load sees the server has it.
  function sendAsThePageGoes() {
    if (!unsaved() || current.text.length > maxChars) return;
    send(saveUrl, current, true).catch(() => {});
  }

  // This question's draft is newer than what the server has (typed but never saved: the network
  // failed, the tab was closed): put it back in the box and send it.
  function restore(draft) {
    textarea.value = draft.text;
    current = draft;
    lastRevision = Math.max(lastRevision, draft.revision);
    updateCounter();
    setStatus("Restored text this browser had not saved yet; saving…", "pending");
    save();
  }

  return {
    edit,
    isClosed: () => closed,
    isLoggedOut: () => loggedOut,
    pageHidden() {
      timeSpent();
      save();
    },
    pageShown() {
      shownAt = performance.now();
    },
    refresh,
    restore,
    retryNow,
    save,
    sendAsThePageGoes,
    setStatus,
    unsaved,
  };
}
