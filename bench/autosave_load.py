"""Durability under load: N users autosave every second, with a growing answer, against a real
gunicorn on the configured database; then what each client last had acknowledged is compared
with what the database holds. Nothing acknowledged may be lost.

Run it from the repository root:

    .venv/bin/python bench/autosave_load.py                          # SQLite, 50 users x 60 s
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/interviewprep .venv/bin/python bench/autosave_load.py
    .venv/bin/python bench/autosave_load.py --servers 2              # two app servers, one database
    .venv/bin/python bench/autosave_load.py --restart-at 30          # restart the server after 30 s

With --servers 2 each user's saves alternate between the two servers, and every fifth second
an older revision is sent again to the other server after the newer one was acknowledged (a
slow tab, a retried request): the server must answer "stale" and keep the newer text.
--restart-at stops the server(s) gracefully (SIGTERM; --restart-signal KILL for a crash) and
starts them again; the clients keep typing, their failed saves count as errors, and the next
save carries the latest text, as the interview page's script does.

It never touches your data: on SQLite it uses a database file in a temporary folder, on
PostgreSQL a database "<name>_bench" that it creates and drops (bench/harness.py). It prints saves sent,
acknowledged, stale (correctly refused), errors, lost, and the latency of acknowledged saves.
It is a benchmark, not a test: run it by hand."""

import argparse
import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRET_KEY = "autosave-bench-" + secrets.token_urlsafe(24)


def prepare(users: int, minutes: int) -> list[dict]:
    """Users, each with a session in progress and a logged-in session cookie."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User

    from questions.models import KeyPoint, Question, Topic
    from sessions.services import start_session

    topic = Topic.objects.create(slug="bench", name="Bench")
    question = Question.objects.create(
        slug="bench-question", prompt="Explain anything.", topic=topic, model_answer="Anything.", suggested_minutes=3
    )
    KeyPoint.objects.create(question=question, position=1, text="A point")
    question.record_version()
    store = import_module(settings.SESSION_ENGINE).SessionStore
    clients = []
    for n in range(users):
        user = User.objects.create(username=f"bench-user-{n}")
        session = start_session(user, [question], minutes=minutes)
        cookie = store()
        cookie[SESSION_KEY] = str(user.pk)
        cookie[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        cookie[HASH_SESSION_KEY] = user.get_session_auth_hash()
        cookie.create()
        clients.append({"session_key": cookie.session_key, "session_pk": session.pk})
    return clients


class Servers:
    """gunicorn app servers on one database, started and stopped as a whole."""

    def __init__(self, count: int, workers: int, env: dict):
        self.ports = [18400 + n for n in range(count)]
        self.workers, self.env = workers, env
        self.processes: list[subprocess.Popen] = []

    def start(self) -> None:
        self.processes = [
            subprocess.Popen(
                [
                    str(ROOT / ".venv/bin/gunicorn"),
                    "interviewprep.wsgi",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(self.workers),
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.DEVNULL,
            )
            for port in self.ports
        ]
        for port in self.ports:
            deadline = time.monotonic() + 30
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                    conn.request("GET", "/accounts/login/")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit(f"gunicorn on port {port} did not start")
                time.sleep(0.2)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        for process in self.processes:
            process.send_signal(sig)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class Typist:
    """One candidate typing: a word a second, the whole text saved with a new revision."""

    def __init__(self, n: int, client: dict, ports: list[int], csrf: str):
        self.n, self.ports, self.csrf = n, ports, csrf
        self.path = f"/interviews/{client['session_pk']}/answers/1.json"
        self.cookie = f"sessionid={client['session_key']}; csrftoken={csrf}"
        self.revision = 0
        self.text = ""
        self.sent_texts: set[str] = set()
        self.acked_revision, self.acked_text = 0, ""
        self.sent = self.acked = self.stale = self.errors = self.wrong_stale = 0
        self.latencies: list[float] = []

    def post(self, port: int, text: str, revision: int) -> dict | None:
        body = urlencode({"text": text, "revision": revision, "time_spent": revision})
        headers = {
            "Cookie": self.cookie,
            "X-CSRFToken": self.csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "Host": "127.0.0.1",
        }
        self.sent += 1
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", self.path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            conn.close()
        except OSError:
            self.errors += 1
            return None
        if response.status != 200:
            self.errors += 1
            return None
        self.latencies.append((time.perf_counter() - started) * 1000)
        return json.loads(payload)

    def tick(self, second: int) -> None:
        previous = (self.text, self.revision)
        self.text += f"word{second} "
        self.revision += 1
        self.sent_texts.add(self.text)
        port = self.ports[(self.n + second) % len(self.ports)]
        payload = self.post(port, self.text, self.revision)
        if payload is None:
            return
        if payload["state"] == "saved":
            self.acked += 1
            self.acked_revision, self.acked_text = self.revision, self.text
        elif payload["state"] == "stale":
            self.stale += 1
        if len(self.ports) > 1 and second % 5 == 0 and previous[1] > 0 and payload["state"] == "saved":
            other = self.ports[(self.n + second + 1) % len(self.ports)]
            late = self.post(other, *previous)
            if late is not None:
                if late["state"] == "stale":
                    self.stale += 1
                else:
                    self.wrong_stale += 1

    def run(self, seconds: int, start: float) -> None:
        for second in range(seconds):
            # Spread the users over each second, as real typists are.
            target = start + second + (self.n % 20) / 20
            delay = target - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self.tick(second)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--servers", type=int, default=1, choices=[1, 2])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per server")
    parser.add_argument("--restart-at", type=int, default=None, help="restart the servers after this many seconds")
    parser.add_argument("--restart-signal", default="TERM", choices=["TERM", "KILL"])
    args = parser.parse_args()

    os.environ.update(
        {
            "SECRET_KEY": SECRET_KEY,
            "DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "interviewprep.settings",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from bench.harness import database_url, throwaway_database

    with throwaway_database():
        env = os.environ | {"DATABASE_URL": database_url(), "ALLOWED_HOSTS": "127.0.0.1"}
        servers = Servers(args.servers, args.workers, env)
        try:
            clients = prepare(args.users, minutes=args.seconds // 60 + 30)
            servers.start()
            csrf = secrets.token_hex(16)
            users = [Typist(n, client, servers.ports, csrf) for n, client in enumerate(clients)]
            start = time.monotonic() + 1
            threads = [threading.Thread(target=user.run, args=(args.seconds, start)) for user in users]
            for thread in threads:
                thread.start()
            restart_took = None
            if args.restart_at is not None:
                time.sleep(max(0, start + args.restart_at - time.monotonic()))
                began = time.monotonic()
                servers.stop(getattr(signal, "SIG" + args.restart_signal))
                servers.start()
                restart_took = time.monotonic() - began
            for thread in threads:
                thread.join()
            report(args, users, clients, restart_took)
        finally:
            servers.stop()


def report(args, users: list[Typist], clients: list[dict], restart_took: float | None) -> None:
    from sessions.models import Answer

    stored = dict(
        Answer.objects.filter(session_question__session_id__in=[c["session_pk"] for c in clients]).values_list(
            "session_question__session_id", "text"
        )
    )
    lost = 0
    for user, client in zip(users, clients, strict=True):
        text = stored.get(client["session_pk"], "")
        # The database must hold the last acknowledged text, or a newer one the client sent
        # whose answer it never got (the server stored it, then the response was lost).
        if not (text == user.acked_text or (text in user.sent_texts and text.startswith(user.acked_text))):
            lost += 1
            print(f"LOST: user {user.n} acknowledged {len(user.acked_text)} chars, database has {len(text)}")
    latencies = [ms for user in users for ms in user.latencies]
    from django.db import connection

    database = connection.vendor
    setup = f"{args.users} users x {args.seconds} s, {args.servers} server(s) x {args.workers} workers, {database}"
    if restart_took is not None:
        setup += f", restarted ({args.restart_signal}) at {args.restart_at} s, back in {restart_took:.1f} s"
    print(setup)
    rows = [
        ("saves sent", sum(u.sent for u in users)),
        ("acknowledged (saved)", sum(u.acked for u in users)),
        ("refused as stale (older revision)", sum(u.stale for u in users)),
        ("older revision wrongly accepted", sum(u.wrong_stale for u in users)),
        ("errors (no answer, 5xx)", sum(u.errors for u in users)),
        ("users whose acknowledged text is lost", lost),
        ("latency p50 / p95 / p99 ms", " / ".join(f"{percentile(latencies, p):.0f}" for p in (0.5, 0.95, 0.99))),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    if lost or any(u.wrong_stale for u in users):
        sys.exit(1)


if __name__ == "__main__":
    main()
