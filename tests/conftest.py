"""Shared helpers for the whole suite: plain functions that build real rows, and a few fixtures."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from questions.models import KeyPoint, Question, Topic
from sessions.models import InterviewSession, SelfGrade, Status
from sessions.services import start_session

PASSWORD = "correct-horse-battery-42"


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
