// The interview's countdown. The end is "now plus what the server says is left", on the page's
// monotonic clock: never the browser's date against a stored timestamp (a wrong system clock
// cannot matter), and redrawn from the end, so a throttled background tab is right whenever it
// draws. Every answer from the server puts it right again (resync).

const announcements = [
  [5 * 60000, "5 minutes left"],
  [60000, "1 minute left"],
  [30000, "30 seconds left"],
];

function formatClock(ms) {
  const seconds = Math.ceil(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

// `root` carries the server's figures (data-ms-left, data-server-ms, data-total-ms); onZero runs
// once, when the time is up.
export function createClock(root, { onZero }) {
  const loadedAt = performance.now();
  const totalMs = Number(root.dataset.totalMs);
  let end = loadedAt + Number(root.dataset.msLeft);
  // Revisions are milliseconds since the start on the server's clock, estimated the same way,
  // so edits in two tabs or on two devices compare by when they were made.
  let serverOffset = Number(root.dataset.serverMs) - loadedAt;

  const clock = document.getElementById("timer-clock");
  const bar = document.getElementById("timer-progress");
  const timerBox = document.getElementById("timer");
  const announcer = document.getElementById("timer-announce");
  // Amber with a fifth of the time left, red with a tenth, a gentle pulse in the last 30 s
  // (none with reduced motion: see app.css).
  const amberMs = totalMs * 0.2;
  const redMs = totalMs * 0.1;
  const pulseMs = 30000;
  const announced = new Set();
  let timeIsUp = false;

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
    timerBox.classList.toggle("is-pulsing", left > 0 && left <= pulseMs);
    for (const [at, text] of announcements) {
      if (!announced.has(at) && left <= at) {
        announced.add(at);
        if (left > at - 5000) announce(text);
      }
    }
    if (left <= 0 && !timeIsUp) {
      timeIsUp = true;
      onZero();
    }
  }

  // Only a difference of more than two seconds moves the clock, so it never jitters.
  function resync(payload) {
    const now = performance.now();
    if (typeof payload.ms_left === "number" && Math.abs(now + payload.ms_left - end) > 2000) {
      end = now + payload.ms_left;
    }
    if (typeof payload.server_ms === "number" && Math.abs(payload.server_ms - now - serverOffset) > 2000) {
      serverOffset = payload.server_ms - now;
    }
  }

  return {
    announce,
    draw,
    resync,
    serverNow: () => Math.round(performance.now() + serverOffset),
    showZero() {
      clock.textContent = "0:00";
    },
    start() {
      draw();
      setInterval(draw, 250);
    },
  };
}
