// Text typed in an interview stays in this browser (localStorage) until the server has it, one
// draft per question, so neither a network failure nor a closed tab loses a word. The interview
// page writes the drafts; it and the review page send the ones the server never got.

export const draftKey = (session, position) => `interviewprep:draft:${session}:${position}`;

export function readDraft(session, position) {
  try {
    const draft = JSON.parse(localStorage.getItem(draftKey(session, position)));
    return draft && typeof draft.text === "string" && typeof draft.revision === "number" ? draft : null;
  } catch {
    return null;
  }
}

export function writeDraft(session, position, draft) {
  try {
    localStorage.setItem(draftKey(session, position), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server copy is all there is; keep going.
  }
}

// Forgets the draft once the server has it: any draft, or only one no newer than upToRevision.
export function forgetDraft(session, position, upToRevision) {
  const draft = readDraft(session, position);
  if (draft && (upToRevision === undefined || draft.revision <= upToRevision)) {
    localStorage.removeItem(draftKey(session, position));
  }
}

// Logging in again (in another tab) rotates the CSRF token, so it is read from the cookie for
// each request; the token the page was served with is only the fallback.
export function csrfToken() {
  for (const cookie of document.cookie.split(";")) {
    const [name, ...value] = cookie.trim().split("=");
    if (name === "csrftoken" && value.length) return decodeURIComponent(value.join("="));
  }
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

// Posts `fields` as a form and asks for JSON. Resolves to the server's answer when it has a
// state ("saved", "stale", "late", "invalid"…); otherwise rejects, with `loggedOut` set when the
// log-in is the reason: sent to the log-in page, or refused by the CSRF check (403), and
// `serverTrouble` when the server itself failed (5xx).
export async function postForm(url, fields, { keepalive = false } = {}) {
  const token = csrfToken();
  const body = new FormData();
  body.append("csrfmiddlewaretoken", token);
  for (const [name, value] of Object.entries(fields)) body.append(name, String(value));
  const response = await fetch(url, {
    method: "POST",
    body,
    headers: { Accept: "application/json", "X-CSRFToken": token },
    credentials: "same-origin",
    keepalive,
  });
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    // A log-in page or a server error page: not an answer.
  }
  if (!payload || !payload.state) {
    const error = new Error(`${url} answered ${response.status}`);
    error.loggedOut =
      response.status === 403 || (response.redirected && response.url.includes("/accounts/login/"));
    // The server answered but could not save (a 5xx: the database briefly down, a restart).
    error.serverTrouble = response.status >= 500;
    throw error;
  }
  return payload;
}
