"""Times the history pages as a user's history grows: the dashboard, the history list and one
question's history, for users with 10, 100 and 1,000 finished sessions (5 questions each,
answered and graded), through Django's test client (so the whole middleware stack is counted).

Run it from the repository root, after `collectstatic` (pages name static files from its manifest):

    SECRET_KEY=bench DEBUG=0 .venv/bin/python manage.py collectstatic --noinput -v0
    .venv/bin/python bench/history_pages.py                     # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ip_history .venv/bin/python bench/history_pages.py

It never touches your data: on SQLite it builds a throwaway database file in the temporary
folder, on PostgreSQL the database "<name>_bench" (the user needs the right to create
databases; it is ANALYZEd after the bulk load, as autovacuum would do), and deletes it at the
end. Options: --sizes 10,100,1000 and --runs 15 (each figure is the median of that many
requests, after two warm-up requests). It prints one table with the median time in
milliseconds and the number of SQL queries of each page; the goal is a dashboard under 150 ms
with 1,000 sessions. It is a benchmark, not a test: run it by hand."""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interviewprep.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.harness import analyse, measure, throwaway_database  # noqa: E402

QUESTIONS_PER_SESSION = 5


def build_bank() -> list:
    """20 questions over 4 topics, 3 key points each."""
    from tests.conftest import make_question, make_topic

    topics = [make_topic(f"topic-{n}", f"Topic {n}", position=n) for n in range(4)]
    return [make_question(f"bench-question-{n}", prompt=f"Bench question {n}?", topic=topics[n % 4]) for n in range(20)]


def build_user(name: str, sessions: int, bank: list):
    """A user with `sessions` submitted, graded sessions, one every 19 hours back from now, the
    questions rotating through the bank in sets of five."""
    from accounts.models import Profile
    from tests.conftest import make_history, make_user

    owner = make_user(name)
    Profile.objects.update_or_create(user=owner, defaults={"time_zone": "Europe/Paris"})
    sets = [bank[i : i + QUESTIONS_PER_SESSION] for i in range(0, len(bank), QUESTIONS_PER_SESSION)]
    every = timedelta(hours=19)
    last = timezone.now() - timedelta(hours=1)
    made = 0
    for n, questions in enumerate(sets):
        count = sessions // len(sets) + (1 if n < sessions % len(sets) else 0)
        if count:
            make_history(owner, count, questions=questions, last_started_at=last - n * every, every=len(sets) * every)
            made += count
    assert made == sessions
    return owner


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of sessions, comma-separated")
    parser.add_argument("--runs", type=int, default=15, help="requests per page and size (the median is shown)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        sys.exit("Run collectstatic first (see this script's docstring).")

    vendor = connection.vendor
    rows = []
    with throwaway_database():
        bank = build_bank()
        for size in sizes:
            built = time.perf_counter()
            owner = build_user(f"user{size}", size, bank)
            analyse()
            built = time.perf_counter() - built
            client = Client()
            client.force_login(owner)
            pages = {
                "dashboard": "/",
                "history": "/interviews/history/",
                "question history": f"/interviews/history/questions/{bank[0].slug}/",
            }
            results = {page: measure(client, url, args.runs) for page, url in pages.items()}
            rows.append((size, results))
            print(f"  built {size} sessions in {built:.1f} s", file=sys.stderr)

    backend = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(vendor, vendor)
    print(f"\n{backend}, median of {args.runs} requests (ms), SQL queries in brackets\n")
    print("| sessions | dashboard | history | question history |")
    print("| ---: | ---: | ---: | ---: |")
    for size, results in rows:
        cells = " | ".join(f"{ms:.1f} ({queries})" for ms, queries in results.values())
        print(f"| {size:,} | {cells} |")


if __name__ == "__main__":
    main()
