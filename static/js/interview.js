// The interview page: a countdown driven by the server's time left, autosave with revisions,
// drafts kept in this browser until the server has them, and the submit at zero. Without it
// the page still works: the answer form posts, saves and moves between questions.
"use strict";

(function () {
  const root = document.getElementById("interview");
  if (!root) return;

  const form = document.getElementById("answer-form");
  const textarea = form.querySelector("textarea[name=text]");
  const statusLine = document.getElementById("save-status");
  const alertBox = document.getElementById("save-alert");
  const counter = document.getElementById("char-count");
  const csrfToken = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const sessionId = root.dataset.session;
  const position = root.dataset.position;
  const saveUrl = root.dataset.saveUrl;
  const maxChars = Number(root.dataset.maxChars);
  const totalMs = Number(root.dataset.totalMs);
  const loadedAt = performance.now();
  const numbers = new Intl.NumberFormat("en-GB");

  // ---- The clock -------------------------------------------------------------------------
  // The end is "now plus what the server says is left", on the page's monotonic clock: never
  // the browser's date against a stored timestamp (a wrong system clock cannot matter), and
  // redrawn from the end, so a throttled background tab is right whenever it draws.
  let end = loadedAt + Number(root.dataset.msLeft);
  // Revisions are milliseconds since the start on the server's clock, estimated the same way,
  // so edits in two tabs or on two devices compare by when they were made.
  let serverOffset = Number(root.dataset.serverMs) - loadedAt;

  const clock = document.getElementById("timer-clock");
  const bar = document.getElementById("timer-progress");
  const timerBox = document.getElementById("timer");
  const announcer = document.getElementById("timer-announce");
  const amberMs = Math.min(5 * 60000, totalMs * 0.2);
  const redMs = Math.min(60000, totalMs * 0.1);
  const announcements = [
    [5 * 60000, "5 minutes left"],
    [60000, "1 minute left"],
    [30000, "30 seconds left"],
  ];
  const announced = new Set();
  let timeIsUp = false;

  function formatClock(ms) {
    const seconds = Math.ceil(ms / 1000);
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = String(seconds % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  }

  function announce(text) {
    announcer.textContent = text;
  }

  function msLeft() {
    return Math.max(0, end - performance.now());
  }

  function draw() {
    const left = msLeft();
    clock.textContent = formatClock(left);
    bar.value = left;
    timerBox.classList.toggle("is-amber", left <= amberMs && left > redMs);
    timerBox.classList.toggle("is-red", left <= redMs);
    for (const [at, text] of announcements) {
      if (!announced.has(at) && left <= at) {
        announced.add(at);
        if (left > at - 5000) announce(text);
      }
    }
    if (left <= 0 && !timeIsUp) {
      timeIsUp = true;
      finishAtZero();
    }
  }

  function resync(payload) {
    const now = performance.now();
    if (typeof payload.ms_left === "number" && Math.abs(now + payload.ms_left - end) > 2000) {
      end = now + payload.ms_left;
    }
    if (typeof payload.server_ms === "number" && Math.abs(payload.server_ms - now - serverOffset) > 2000) {
      serverOffset = payload.server_ms - now;
    }
  }

  // ---- Drafts in this browser ------------------------------------------------------------
  const draftKey = (pos) => `interviewprep:draft:${sessionId}:${pos}`;

  function readDraft(pos) {
    try {
      const draft = JSON.parse(localStorage.getItem(draftKey(pos)));
      return draft && typeof draft.text === "string" && typeof draft.revision === "number" ? draft : null;
    } catch {
      return null;
    }
  }

  function writeDraft(pos, draft) {
    try {
      localStorage.setItem(draftKey(pos), JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the server copy is all there is; keep going.
    }
  }

  function forgetDraft(pos, upToRevision) {
    const draft = readDraft(pos);
    if (draft && (upToRevision === undefined || draft.revision <= upToRevision)) {
      localStorage.removeItem(draftKey(pos));
    }
  }

  // ---- Autosave --------------------------------------------------------------------------
  let savedRevision = Number(root.dataset.revision);
  let lastRevision = savedRevision;
  let current = { text: textarea.value, revision: savedRevision };
  let inflight = null;
  let debounce = null;
  let retryTimer = null;
  let retryDelay = 1000;
  let closed = false; // the server takes no more answers: saves only keep late drafts
  let leaving = false;
  let shownAt = performance.now();
  let secondsShown = Number(root.dataset.timeSpent) || 0;

  function nextRevision() {
    lastRevision = Math.max(lastRevision + 1, Math.round(performance.now() + serverOffset));
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
      if (!troubleAnnounced) announce(text);
      troubleAnnounced = true;
    } else if (kind !== "pending") {
      troubleAnnounced = false;
    }
    statusLine.textContent = text;
    statusLine.classList.toggle("is-error", kind === "error");
    statusLine.classList.toggle("is-pending", kind === "pending");
  }

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

  function updateCounter() {
    const length = textarea.value.length;
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

  async function post(url, draft, keepalive) {
    const body = new FormData();
    body.append("csrfmiddlewaretoken", csrfToken);
    body.append("text", draft.text);
    body.append("revision", String(draft.revision));
    if (url === saveUrl) body.append("time_spent", String(timeSpent()));
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken },
      credentials: "same-origin",
      keepalive: Boolean(keepalive),
    });
    let payload = null;
    try {
      payload = await response.json();
    } catch {
      // A log-in page or a server error page: not a save.
    }
    if (!payload || !payload.state) {
      const error = new Error(`save failed with ${response.status}`);
      error.loggedOut = response.redirected && response.url.includes("/accounts/login/");
      throw error;
    }
    return payload;
  }

  function handleSaved(payload, sent, pos) {
    resync(payload);
    switch (payload.state) {
      case "saved":
        savedRevision = Math.max(savedRevision, payload.revision);
        forgetDraft(pos, payload.revision);
        markAnswered(pos, payload.answered);
        return true;
      case "stale":
        // Another tab saved newer text: show it, unless this one has been typed in since.
        savedRevision = Math.max(savedRevision, payload.revision);
        lastRevision = Math.max(lastRevision, payload.revision);
        forgetDraft(pos, payload.revision);
        if (current === sent) {
          textarea.value = payload.text;
          current = { text: payload.text, revision: payload.revision };
          updateCounter();
        }
        markAnswered(pos, payload.answered);
        return true;
      case "late":
      case "closed":
        closed = true;
        savedRevision = current.revision;
        forgetDraft(pos);
        textarea.readOnly = true;
        showAlert("late", payload.message, payload.review_url);
        return true;
      default:
        return false;
    }
  }

  // Saves the current text; resolves true once the server has it (or kept it as a late draft).
  async function save() {
    clearTimeout(debounce);
    clearTimeout(retryTimer);
    if (!unsaved()) return true;
    if (!updateCounter()) {
      setStatus("Not saved: the answer is over the 20,000-character limit.", "error");
      return false;
    }
    if (inflight) {
      await inflight;
      return save();
    }
    const sent = current;
    setStatus("Saving…", "pending");
    let ok = false;
    inflight = (async () => {
      try {
        const payload = await post(saveUrl, sent);
        ok = handleSaved(payload, sent, position);
        retryDelay = 1000;
        if (payload.state === "saved") {
          setStatus(unsaved() ? "Saving…" : `Saved ${payload.saved_at_display}`, unsaved() ? "pending" : "");
        } else if (payload.state === "stale") {
          setStatus(payload.message);
        } else if (payload.state === "late" || payload.state === "closed") {
          setStatus(payload.state === "late" ? "Time is up" : "This interview is finished", "error");
        } else {
          setStatus(payload.message || "Not saved.", "error");
        }
      } catch (error) {
        const seconds = Math.round(retryDelay / 1000);
        setStatus(
          error.loggedOut
            ? "Not saved: you are logged out. Log in again in another tab; your text is kept in this browser."
            : `Not saved, retrying in ${seconds} s. Your text is kept in this browser.`,
          "error",
        );
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

  textarea.addEventListener("input", () => {
    current = { text: textarea.value, revision: nextRevision() };
    writeDraft(position, current);
    if (!updateCounter()) {
      setStatus("Not saved: the answer is over the 20,000-character limit.", "error");
      return;
    }
    if (closed) {
      debounce = setTimeout(save, 1500);
      return;
    }
    if (!inflight) setStatus("Unsaved changes", "pending");
    clearTimeout(debounce);
    debounce = setTimeout(save, 1500);
  });
  textarea.addEventListener("blur", () => {
    if (unsaved()) save();
  });
  window.addEventListener("online", () => {
    retryDelay = 1000;
    if (unsaved()) save();
  });

  // Another tab or device may have saved newer text since this page loaded.
  async function refresh() {
    if (unsaved() || inflight || closed) return;
    try {
      const response = await fetch(saveUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      const payload = await response.json();
      resync(payload);
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
      // Offline: nothing to compare with; saving will retry on its own.
    }
  }
  textarea.addEventListener("focus", refresh);

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") {
      timeSpent();
      save();
    } else {
      shownAt = performance.now();
      draw();
      refresh();
    }
  });

  // The tab is closing or navigating away: send what is unsaved with a keepalive request, which
  // outlives the page. Whether it arrives cannot be known here (the page is gone before it
  // answers), so the draft stays in localStorage until a later page load sees the server has it.
  window.addEventListener("pagehide", () => {
    if (!unsaved() || current.text.length > maxChars) return;
    post(saveUrl, current, true).catch(() => {});
  });

  window.addEventListener("beforeunload", (event) => {
    if (unsaved() && !leaving) {
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
    event.preventDefault();
    if (button.dataset.dialog) {
      save();
      openDialog(button.dataset.dialog);
      return;
    }
    const target = button.dataset.position || button.value;
    if (await save()) {
      leaving = true;
      window.location.assign(`${window.location.pathname}?q=${encodeURIComponent(target)}`);
    } else if (!closed && textarea.value.length <= maxChars) {
      setStatus("Not saved yet, so you stay on this question; retrying. Your text is kept in this browser.", "error");
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
      if ((await save()) || closed) {
        leaving = true;
        finishForm.submit();
      } else {
        setStatus("Your last changes are not saved yet (offline?). Try again in a moment.", "error");
      }
    });
  });

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // At zero: save (still counted within the grace period), submit, then go to the review.
  async function finishAtZero() {
    announce("Time is up. Your answers are being submitted.");
    showAlert("clock", "Time is up. Submitting your answers…");
    textarea.readOnly = true;
    clock.textContent = "0:00";
    let delay = 1000;
    for (;;) {
      await Promise.race([save(), sleep(5000)]);
      try {
        const body = new FormData();
        body.append("csrfmiddlewaretoken", csrfToken);
        const response = await fetch(root.dataset.submitUrl, {
          method: "POST",
          body,
          headers: { Accept: "application/json", "X-CSRFToken": csrfToken },
          credentials: "same-origin",
        });
        const payload = await response.json();
        // Text still unsaved goes with the page-hide save: within the grace period it counts.
        leaving = true;
        window.location.assign(payload.review_url || root.dataset.reviewUrl);
        return;
      } catch {
        showAlert("clock", "Time is up. Waiting for the network to submit your answers (kept in this browser).");
        await sleep(delay);
        delay = Math.min(delay * 2, 15000);
      }
    }
  }

  // ---- On load ---------------------------------------------------------------------------
  // Any draft newer than what the server has was typed but never saved (the network failed,
  // the tab was closed): put it back and send it.
  form.querySelectorAll(".strip-item").forEach((item) => {
    const pos = item.dataset.position;
    const serverRevision = Number(item.dataset.revision);
    const draft = readDraft(pos);
    if (!draft) return;
    if (draft.revision <= serverRevision) {
      forgetDraft(pos);
    } else if (pos === position) {
      textarea.value = draft.text;
      current = draft;
      lastRevision = Math.max(lastRevision, draft.revision);
      updateCounter();
      setStatus("Restored text this browser had not saved yet; saving…", "pending");
      save();
    } else if (draft.text.length <= maxChars) {
      post(item.dataset.saveUrl, draft)
        .then((payload) => {
          if (payload.state === "late" || payload.state === "closed") forgetDraft(pos);
          else if (payload.state !== "invalid") forgetDraft(pos, payload.revision);
          markAnswered(pos, payload.answered);
        })
        .catch(() => {}); // tried again on the next page load
    }
  });
  updateCounter();
  draw();
  setInterval(draw, 250);
})();
