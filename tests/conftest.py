"""Shared helpers for the whole suite: plain functions that build real rows, and a few fixtures."""

import pytest
from django.contrib.auth.models import User

from questions.models import KeyPoint, Question, Topic

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
