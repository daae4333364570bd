"""Shared helpers for the whole suite: plain functions that build real rows, and a few fixtures."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone

from questions.models import KeyPoint, Question, Topic
from sessions.models import InterviewSession, SelfGrade, Status
from sessions.services import start_session

PASSWORD = "correct-horse-battery-42"
ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py in a fresh process, as production starts it: this environment without the test
    run's DEBUG and SECRET_KEY, plus `env`."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean | env, capture_output=True, text=True, timeout=120
    )


def log_in_queries() -> int:
    """The queries every logged-in request makes before its view: the user, and the session
    unless a shared cache (REDIS_URL) holds it. The time zone is in the session."""
    return 1 if settings.REDIS_URL else 2


# The dashboard's review-schedule queries, never cached (they move with the clock): due today,
# the next due, the forecast, retention and its target, pace, blind re-grades.
DASHBOARD_SCHEDULE_QUERIES = 8


def make_user(username: str = "alice", password: str = PASSWORD, **extra) -> User:
    return User.objects.create_user(username=username, password=password, **extra)


def make_topic(slug: str = "model-evaluation", name: str | None = None, position: int = 0) -> Topic:
    topic, _ = Topic.objects.get_or_create(
        slug=slug, defaults={"name": name or slug.replace("-", " ").capitalize(), "position": position}
    )
    return topic


def make_question(
    slug: str = "roc-curve",
    prompt: str = "What is the ROC curve and when should you use it?",
    topic: Topic | None = None,
    difficulty: str = "medium",
    suggested_minutes: int = 3,
    model_answer: str = "The ROC curve plots the **true positive rate** against the false positive rate.",
    key_points: tuple[str, ...] = (
        "ROC plots true positive rate against false positive rate",
        "AUC is the probability a random positive ranks above a random negative",
        "Precision-recall curves are more informative under heavy class imbalance",
    ),
    common_mistakes: str = "",
    is_active: bool = True,
) -> Question:
    question = Question.objects.create(
        slug=slug,
        prompt=prompt,
        topic=topic or make_topic(),
        difficulty=difficulty,
        suggested_minutes=suggested_minutes,
        model_answer=model_answer,
        common_mistakes=common_mistakes,
        is_active=is_active,
    )
    KeyPoint.objects.bulk_create(
        KeyPoint(question=question, position=i, text=text) for i, text in enumerate(key_points, start=1)
    )
    question.record_version()
    return question


def make_questions(count: int, topic: Topic | None = None, **extra) -> list[Question]:
    return [
        make_question(
            slug=f"question-{topic.slug if topic else 'x'}-{i}", prompt=f"Question number {i}?", topic=topic, **extra
        )
        for i in range(1, count + 1)
    ]


def make_session(
    owner: User,
    questions: list[Question] | None = None,
    minutes: int = 10,
    started_at=None,
    answers: dict[int, str] | None = None,
    status: str = Status.IN_PROGRESS,
) -> InterviewSession:
    """A session through the real start_session(); `answers` maps positions (1-based) to text,
    `status` other than in progress finishes it (submitted ones at started_at + 1 minute)."""
    session = start_session(owner, questions or make_questions(3), minutes=minutes, now=started_at)
    now = started_at or session.started_at
    for position, text in (answers or {}).items():
        answer = session.session_questions.get(position=position).answer
        answer.text, answer.revision = text, answer.revision + 1
        answer.first_saved_at = answer.saved_at = now + timedelta(seconds=30)
        answer.save()
    if status != Status.IN_PROGRESS:
        session.status = status
        session.finished_at = session.deadline if status == Status.EXPIRED else now + timedelta(minutes=1)
        session.save()
    return session


def grade_all(session: InterviewSession, grade: int = 3, at=None) -> None:
    """Grades every question of a finished session, ticking its first key point."""
    at = at or timezone.now()
    for item in session.session_questions.all():
        SelfGrade.objects.update_or_create(
            session_question=item, defaults={"grade": grade, "graded_at": at, "updated_at": at}
        )
        item.key_points.filter(position=1).update(covered=True)


@pytest.fixture
def user(db) -> User:
    return make_user("alice")


@pytest.fixture
def other_user(db) -> User:
    return make_user("bob")


@pytest.fixture
def alice_client(client, user):
    """The test client, logged in as alice."""
    client.force_login(user)
    return client


# --- History and progress ---------------------------------------------------------------------


def make_history(
    owner: User,
    count: int,
    questions: list[Question] | None = None,
    last_started_at=None,
    every: timedelta = timedelta(days=1),
    grades: tuple[int, ...] = (2, 3, 4, 3),
) -> list[InterviewSession]:
    """`count` submitted sessions asking every one of `questions` (five new ones by default),
    answered and graded, one every `every` back from `last_started_at`. Built with bulk_create,
    so a history of hundreds of sessions takes a handful of queries instead of thousands."""
    from sessions.models import Answer, SessionKeyPoint, SessionQuestion

    questions = questions or make_questions(5)
    points = {question.pk: list(question.key_points.all()) for question in questions}
    last = last_started_at or timezone.now() - timedelta(hours=1)
    sessions = InterviewSession.objects.bulk_create(
        InterviewSession(
            owner=owner,
            format="standard",
            question_count=len(questions),
            minutes=25,
            started_at=last - i * every,
            deadline=last - i * every + timedelta(minutes=25),
            finished_at=last - i * every + timedelta(minutes=20),
            status=Status.SUBMITTED,
        )
        for i in range(count)
    )
    items = SessionQuestion.objects.bulk_create(
        SessionQuestion.snapshot(session, position, question)
        for session in sessions
        for position, question in enumerate(questions, start=1)
    )
    SessionKeyPoint.objects.bulk_create(
        SessionKeyPoint(session_question=item, position=point.position, text=point.text, covered=point.position == 1)
        for item in items
        for point in points[item.question_id]
    )
    Answer.objects.bulk_create(
        Answer(
            session_question=item,
            text=f"My answer number {n}.",
            revision=1,
            first_saved_at=item.session.started_at + timedelta(minutes=1),
            saved_at=item.session.started_at + timedelta(minutes=2),
            time_spent_seconds=120,
        )
        for n, item in enumerate(items)
    )
    SelfGrade.objects.bulk_create(
        SelfGrade(
            session_question=item,
            grade=grades[n % len(grades)],
            graded_at=item.session.finished_at + timedelta(minutes=5),
            updated_at=item.session.finished_at + timedelta(minutes=5),
        )
        for n, item in enumerate(items)
    )
    return sessions


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Production hashes passwords with Django's PBKDF2 default, about 0.75 s a password here,
    on purpose; tests create and log in hundreds of users, so they hash with MD5 instead."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rate-limit counts, cached pages), whether the cache
    is this process's memory or, with REDIS_URL, a Redis database that outlives the test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- SQL questions ----------------------------------------------------------------------------

SQL_SCHEMA = """CREATE TABLE users (user_id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, user_id INTEGER, status TEXT NOT NULL, amount REAL);"""
SQL_DATA = """INSERT INTO users VALUES (1, 'Ana'), (2, 'Ben'), (3, 'Chen'), (4, 'Dara'), (5, 'Eli'), (6, 'Fay'),
  (7, 'Gus'), (8, 'Hana');
INSERT INTO orders VALUES (101, 1, 'completed', 25.0), (102, 3, 'completed', 60.0), (103, 2, 'cancelled', 15.0),
  (104, 5, 'completed', 30.0), (105, 8, 'completed', NULL), (106, NULL, 'completed', 18.0);"""
# Users 2, 4, 6 and 7 have no completed order.
SQL_MODEL_QUERY = """SELECT u.user_id, u.name FROM users AS u
WHERE NOT EXISTS (SELECT 1 FROM orders AS o WHERE o.user_id = u.user_id AND o.status = 'completed')
ORDER BY u.user_id;"""


def make_sql_question(slug: str = "users-without-orders", ordered: bool = True, **extra) -> Question:
    """A SQL question with two small tables, its model query and the stored expected result, as
    the import makes it."""
    from questions.sql import expected_result

    question = make_question(
        slug=slug,
        prompt="Return `user_id, name` of every user without a completed order, ordered by `user_id`.",
        model_answer="An anti-join: NOT EXISTS, or LEFT JOIN and keep the NULLs.",
        key_points=("Uses an anti-join",),
        **extra,
    )
    question.kind = "sql"
    question.sql_schema, question.sql_data, question.sql_model_query = SQL_SCHEMA, SQL_DATA, SQL_MODEL_QUERY
    question.sql_ordered = ordered
    question.sql_expected = expected_result(SQL_SCHEMA, SQL_DATA, SQL_MODEL_QUERY)
    question.save()
    question.record_version()
    return question
