"""Times the pages the review schedule adds to or changes, for a user with 1,000 finished
sessions over a bank of 200 questions, first without review cards, then with one card per
question (200) replayed from its grades: the dashboard, the start page, the bank page and a
grade's save. Through Django's test client, like bench/history_pages.py.

    SECRET_KEY=bench DEBUG=0 .venv/bin/python manage.py collectstatic --noinput -v0
    .venv/bin/python bench/review_schedule.py                   # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ip_review .venv/bin/python bench/review_schedule.py

A throwaway database, as in history_pages.py. Options: --sessions 1000 --runs 15. It prints the
median milliseconds and the SQL queries of each page, without and with the cards. A benchmark,
not a test: run it by hand."""

import argparse
import os
import statistics
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
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.harness import analyse, measure, throwaway_database  # noqa: E402

BANK = 200
PER_SESSION = 5


def build(sessions: int):
    """A user with `sessions` graded sessions; each session asks the next five of 200 questions."""
    from tests.conftest import make_history, make_question, make_topic, make_user

    topics = [make_topic(f"topic-{n}", f"Topic {n}", position=n) for n in range(10)]
    bank = [make_question(f"q-{n}", prompt=f"Question {n}?", topic=topics[n % 10]) for n in range(BANK)]
    owner = make_user("veteran")
    sets = [bank[i : i + PER_SESSION] for i in range(0, BANK, PER_SESSION)]
    for n, questions in enumerate(sets):
        last = timezone.now() - timedelta(hours=1 + n)
        make_history(owner, sessions // len(sets), questions=questions, last_started_at=last, every=timedelta(days=2))
    return owner, bank


def add_cards(owner) -> int:
    """One card per question with a review per grade, replayed: what grading every one of them
    through the review page would have stored."""
    from sessions.models import Review, ReviewCard, SelfGrade

    # The grade saves measured before the cards made reviews already: those are kept.
    grades = list(
        SelfGrade.objects.filter(session_question__session__owner=owner, review__isnull=True).select_related(
            "session_question"
        )
    )
    cards = {}
    for question_id in {grade.session_question.question_id for grade in grades}:
        cards[question_id], _ = ReviewCard.objects.get_or_create(
            owner=owner, question_id=question_id, defaults={"due": grades[0].graded_at}
        )
    Review.objects.bulk_create(
        Review(
            card=cards[grade.session_question.question_id],
            self_grade=grade,
            grade=grade.grade,
            reviewed_at=grade.graded_at,
        )
        for grade in grades
    )
    for card in cards.values():
        card.reschedule()
    return len(cards)


def measure_grade(client: Client, owner, runs: int) -> tuple[float, int]:
    """A grade changed back and forth on one of the latest answers: each save replays its card."""
    from sessions.models import SessionQuestion

    item = SessionQuestion.objects.filter(session__owner=owner).order_by("-session__started_at").first()
    url = f"/interviews/{item.session_id}/review/{item.position}/"
    times, count = [], 0
    for n in range(runs + 1):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.post(url, {"grade": str(1 + n % 4)}, headers={"HX-Request": "true"})
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200
        if n:
            times.append(elapsed)
            count = len(queries)
    return statistics.median(times), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        sys.exit("Run collectstatic first (see this script's docstring).")

    pages = {"dashboard": "/", "start": "/interviews/start/", "bank": "/questions/"}
    rows = []
    with throwaway_database():
        owner, _ = build(args.sessions)
        client = Client()
        client.force_login(owner)
        for label in ("no cards", "cards"):
            if label == "cards":
                started = time.perf_counter()
                made = add_cards(owner)
                print(f"  {made} cards replayed in {time.perf_counter() - started:.1f} s", file=sys.stderr)
                label = f"{made} cards"
            analyse()
            results = {page: measure(client, url, args.runs) for page, url in pages.items()}
            results["grade save"] = measure_grade(client, owner, args.runs)
            rows.append((label, results))

    backend = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(connection.vendor, connection.vendor)
    print(f"\n{backend}, {args.sessions:,} sessions, median of {args.runs} requests (ms), SQL queries in brackets\n")
    print("| | " + " | ".join(rows[0][1]) + " |")
    print("| --- |" + " ---: |" * len(rows[0][1]))
    for label, results in rows:
        print(f"| {label} | " + " | ".join(f"{ms:.1f} ({queries})" for ms, queries in results.values()) + " |")


if __name__ == "__main__":
    main()
