"""`make bench`: every page measured side by side under gunicorn, as a ratio to a bare view.

It builds a throwaway database (SQLite: a file in the temporary folder; PostgreSQL, with
DATABASE_URL: the database "<name>_bench", dropped at the end) holding the question bank, a user
with 1,000 graded sessions and 20 users with an interview in progress; starts gunicorn with
gunicorn.conf.py and the production settings (DEBUG off, a throwaway SECRET_KEY) plus
bench/urls.py's bare view; then drives each endpoint with wrk (bench/wrk.lua: logged-in GETs,
autosave POSTs with the CSRF token, a growing text and growing revisions), endpoint after
endpoint, in rounds, so a busy machine slows all of them alike. It prints one table:

- req/s and p50/p95/p99 latency: medians over the rounds;
- ratio: requests per second over the bare view's (same middleware, logged in) in the same
  round, the median over the rounds; on the bare view's row, over the view without middleware;
- SQL: the queries of one request, counted in this process with Django's test client;
- and the resident memory (RSS) of each gunicorn worker after the run.

    make bench                                                    # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ip make bench  # PostgreSQL
    make bench BENCH_ARGS="--rounds 3 --seconds 15"               # the issue's longer run

Options: --rounds (3), --seconds per endpoint and round (5), --connections (20), --threads (2),
--workers (gunicorn.conf.py's default: 2 x cores + 1), --only NAME,NAME (endpoints by key).
It is a benchmark, not a test: the figures move with the machine's load; compare the ratios."""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
SECRET_KEY = f"bench-only-{secrets.token_urlsafe(40)}"
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ["SECRET_KEY"] = SECRET_KEY
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.handlers.exception import convert_exception_to_response  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.middleware.csrf import _get_new_csrf_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
)
from django.utils import timezone  # noqa: E402

from bench.harness import database_url, throwaway_database  # noqa: E402

HISTORY_SESSIONS = 1000
INTERVIEW_USERS = 20
QUESTIONS_PER_SESSION = 5
# (key, label, goal as a ratio to the bare view); "bare"'s goal is over the view without middleware.
ENDPOINTS = [
    ("raw", "bare view, no middleware", None),
    ("bare", "bare view, same middleware, logged in", 0.25),
    ("autosave", "autosave POST, 20 users", 0.55),
    ("interview", "interview page", 0.50),
    ("question_list", "question list", 0.50),
    ("question", "question page", 0.50),
    ("history", "history", 0.35),
    ("review", "review (5 questions, math)", 0.35),
    ("dashboard", "dashboard, 1,000 sessions", 0.30),
]
RSS_GOAL_MB = 90


# --- Data ------------------------------------------------------------------------------------


def build_data() -> dict:
    """The bank from questions/bank, a user with 1,000 graded sessions (its review session asks
    five questions with math), 20 users with an interview in progress. Returns the targets."""
    from accounts.models import Profile
    from questions.models import Question
    from sessions.services import start_session
    from tests.conftest import make_history

    call_command("import_questions", "questions/bank", verbosity=0)
    bank = list(Question.objects.active().select_related("topic").order_by("slug"))
    with_math = [question for question in bank if "$" in question.model_answer]
    others = [question for question in bank if question not in with_math]
    sets = [with_math[:QUESTIONS_PER_SESSION]] + [
        others[i : i + QUESTIONS_PER_SESSION] for i in range(0, 3 * QUESTIONS_PER_SESSION, QUESTIONS_PER_SESSION)
    ]
    # No password: hashing one costs most of a second, and force_login needs none.
    veteran = User.objects.create_user("veteran", password=None)
    Profile.objects.update_or_create(user=veteran, defaults={"time_zone": "Europe/Paris"})
    every = timedelta(hours=19)
    last = timezone.now() - timedelta(hours=1)
    per_set = HISTORY_SESSIONS // len(sets)
    for n, questions in enumerate(sets):
        make_history(veteran, per_set, questions=questions, last_started_at=last - n * every, every=len(sets) * every)
    review_session = veteran.interview_sessions.filter(session_questions__question=sets[0][0]).first()

    candidates = []
    for n in range(INTERVIEW_USERS):
        user = User.objects.create_user(f"candidate{n}", password=None)
        Profile.objects.update_or_create(user=user, defaults={"time_zone": "America/New_York"})
        # Long enough never to run out during a run, however long.
        session = start_session(user, bank[n * 5 : n * 5 + QUESTIONS_PER_SESSION], minutes=24 * 60)
        candidates.append((user, session))
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum gathers them soon after a real bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"veteran": veteran, "review": review_session, "question": with_math[0], "candidates": candidates}


def log_in(user) -> dict:
    """Cookies of a logged-in browser: the session's and the CSRF token's."""
    client = Client()
    client.force_login(user)
    return {"sessionid": client.cookies[settings.SESSION_COOKIE_NAME].value, "csrftoken": _get_new_csrf_string()}


def targets_of(data: dict) -> dict[str, list[dict]]:
    """For each endpoint, the requests wrk cycles through (method, path, cookies, CSRF token)."""
    veteran = log_in(data["veteran"])

    def get(path: str, cookies: dict) -> dict:
        return {"method": "GET", "path": path, "cookies": cookies}

    candidates = [(log_in(user), session) for user, session in data["candidates"]]
    return {
        "raw": [get("/bench/raw/", veteran)],
        "bare": [get("/bench/bare/", veteran)],
        "autosave": [
            {"method": "POST", "path": f"/interviews/{session.pk}/answers/{position}.json", "cookies": cookies}
            for position in range(1, QUESTIONS_PER_SESSION + 1)
            for cookies, session in candidates
        ],
        "interview": [get(f"/interviews/{session.pk}/?q=2", cookies) for cookies, session in candidates],
        "question_list": [get("/questions/", veteran)],
        "question": [get(f"/questions/{data['question'].slug}/", veteran)],
        "history": [get("/interviews/history/", veteran)],
        "review": [get(f"/interviews/{data['review'].pk}/review/", veteran)],
        "dashboard": [get("/", veteran)],
    }


def headers_of(target: dict) -> dict[str, str]:
    cookies = target["cookies"]
    session, csrf = settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME
    headers = {
        "Cookie": f"{session}={cookies['sessionid']}; {csrf}={cookies['csrftoken']}",
        # As a browser does: responses may come compressed.
        "Accept-Encoding": "gzip, deflate, br",
        "Accept": "text/html,application/json",
    }
    if target["method"] == "POST":
        headers["X-CSRFToken"] = cookies["csrftoken"]
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    return headers


class Revisions:
    """Autosave revisions only grow, across every wrk run and the query count."""

    def __init__(self) -> None:
        self.next = 1

    def take(self, span: int = 10_000_000) -> int:
        base, self.next = self.next, self.next + span
        return base


# --- Counting queries in this process --------------------------------------------------------


def count_queries(key: str, target: dict, revisions: Revisions) -> int:
    """The SQL queries of one request (after a warm-up request), through Django's test client
    and the whole middleware stack (none for "raw", as bench/wsgi.py serves it)."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = target["cookies"]["sessionid"]
    if key == "raw":
        handler = client.handler
        handler._view_middleware, handler._template_response_middleware, handler._exception_middleware = [], [], []
        handler._middleware_chain = convert_exception_to_response(handler._get_response)

    def send():
        if target["method"] == "POST":
            text = "An answer that grows. " * (revisions.next % 50 + 1)
            response = client.post(target["path"], {"text": text, "revision": revisions.take(1), "time_spent": 30})
        else:
            response = client.get(target["path"])
        assert response.status_code == 200, f"{key}: {target['path']} answered {response.status_code}"
        return response

    send()
    with CaptureQueriesContext(connection) as queries:
        send()
    return len(queries)


# --- gunicorn and wrk ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, folder: Path, workers: int | None) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "GUNICORN_ACCESS_LOG": str(folder / "access.log"),
        # Workers are not recycled during the run, so their memory after it is the real figure.
        "GUNICORN_MAX_REQUESTS": "0",
    }
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    log = open(folder / "gunicorn.log", "w")  # noqa: SIM115 (closed with the process)
    command = [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "bench.wsgi:application"]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped at start-up:\n{(folder / 'gunicorn.log').read_text()}")
        try:
            if status_of(port, {"method": "GET", "path": "/bench/raw/", "cookies": {}}) == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    process.terminate()
    sys.exit("gunicorn did not answer within 60 s")


def status_of(port: int, target: dict) -> int:
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = headers_of(target) if target["cookies"] else {}
        body = "revision=1&text=preflight" if target["method"] == "POST" else None
        conn.request(target["method"], target["path"], body=body, headers=headers)
        return conn.getresponse().status
    finally:
        conn.close()


def drain(port: int) -> None:
    """Waits until gunicorn has worked through what wrk left queued when it stopped (up to a
    request per connection, accepted but not answered): else a slow page's leftovers would be
    charged to the next endpoint. Done when a bare request is answered at once."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        started = time.monotonic()
        status_of(port, {"method": "GET", "path": "/bench/raw/", "cookies": {}})
        if time.monotonic() - started < 0.05:
            return


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_wrk(port: int, targets: list[dict], args, revisions: Revisions, folder: Path) -> dict:
    """One wrk run over `targets`, then the server drained: requests, errors, rate, latencies."""
    lines = [f"return {{threads = {args.threads}, revision_base = {revisions.take()}, targets = {{"]
    for target in targets:
        headers = ", ".join(f'["{name}"] = "{value}"' for name, value in headers_of(target).items())
        lines.append(f'  {{method = "{target["method"]}", path = "{target["path"]}", headers = {{{headers}}}}},')
    lines.append("}}")
    spec = folder / "targets.lua"
    spec.write_text("\n".join(lines))
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(ROOT / "bench/wrk.lua"),
        f"http://127.0.0.1:{port}",
        "--",
        str(spec),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    drain(port)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    result = json.loads(line.removeprefix("BENCH "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


# --- The table -------------------------------------------------------------------------------


def print_table(rounds: dict[str, list[dict]], queries: dict[str, int], memory: list[float], args) -> None:
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
    print(
        f"\n{vendor}, gunicorn with {len(memory)} workers, wrk -t{args.threads} -c{args.connections}, "
        f"{args.rounds} rounds of {args.seconds} s per endpoint (medians over the rounds)\n"
    )
    print("| endpoint | req/s | p50 ms | p95 ms | p99 ms | ratio | goal | SQL | errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for key, label, goal in ENDPOINTS:
        if key not in rounds:
            continue
        results = rounds[key]
        base = "raw" if key == "bare" else "bare"
        ratio = "—"
        if key != "raw" and base in rounds:
            ratio_value = statistics.median(
                r["rps"] / b["rps"] if b["rps"] else 0.0 for r, b in zip(results, rounds[base], strict=True)
            )
            ratio = f"{ratio_value:.2f}" + (" ✓" if goal and ratio_value >= goal else "")
        cells = [
            f"{statistics.median(r['rps'] for r in results):.0f}",
            *(f"{statistics.median(r[p] for r in results) / 1000:.1f}" for p in ("p50_us", "p95_us", "p99_us")),
            ratio,
            f"≥ {goal:.2f}" if goal else "",
            str(queries.get(key, "")),
            str(sum(r["status_errors"] + r["socket_errors"] for r in results)),
        ]
        if key == "bare":
            label += " (ratio: to no middleware)"
        print(f"| {label} | " + " | ".join(cells) + " |")
    ok = "✓" if memory and max(memory) <= RSS_GOAL_MB else "over the goal"
    print(
        f"\nRSS of each worker after the run (goal ≤ {RSS_GOAL_MB} MB): {', '.join(f'{m:.0f}' for m in memory)} MB {ok}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5, help="per endpoint and round")
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--verbose", action="store_true", help="print each wrk run's figures")
    parser.add_argument("--only", default="", help="endpoint keys, comma-separated (raw and bare always run)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `apt-get install wrk` (make bench installs it).")
    keys = [key for key, _, _ in ENDPOINTS]
    if args.only:
        wanted = {"raw", "bare", *args.only.split(",")}
        keys = [key for key in keys if key in wanted]

    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], check=True, cwd=ROOT)
    gunicorn = None
    with throwaway_database() as folder:
        try:
            started = time.perf_counter()
            data = build_data()
            targets = targets_of(data)
            print(f"  data built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            revisions = Revisions()
            queries = {key: count_queries(key, targets[key][0], revisions) for key in keys}
            connections.close_all()
            port = free_port()
            gunicorn = start_gunicorn(port, folder, args.workers)
            for key in keys:
                status = status_of(port, targets[key][0])
                if status != 200:
                    sys.exit(f"{key}: {targets[key][0]['path']} answered {status} under gunicorn")
            # Warm-up, not counted: every worker compiles its templates and fills its caches.
            warm_up = argparse.Namespace(**{**vars(args), "seconds": 2})
            for key in keys:
                run_wrk(port, targets[key], warm_up, revisions, folder)
            rounds: dict[str, list[dict]] = {key: [] for key in keys}
            for number in range(args.rounds):
                # Each round in another order, so no endpoint always follows the same one.
                order = keys[number % len(keys) :] + keys[: number % len(keys)]
                for key in order:
                    result = run_wrk(port, targets[key], args, revisions, folder)
                    rounds[key].append(result)
                    if args.verbose:
                        print(f"  {key}: {result}", file=sys.stderr)
                print(f"  round {number + 1} of {args.rounds} done", file=sys.stderr)
            memory = [rss_mb(pid) for pid in workers_of(gunicorn.pid)]
        finally:
            if gunicorn is not None:
                gunicorn.send_signal(signal.SIGTERM)
                try:
                    gunicorn.wait(timeout=40)
                except subprocess.TimeoutExpired:
                    gunicorn.kill()
                    gunicorn.wait()
    print_table(rounds, queries, memory, args)


if __name__ == "__main__":
    main()
