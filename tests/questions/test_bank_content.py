"""The shipped bank, as make run loads it."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from questions.models import Question, Topic

BANK = Path(__file__).resolve().parents[2] / "questions" / "bank"


@pytest.fixture
def shipped_bank(db):
    call_command("import_questions", str(BANK), stdout=StringIO())
    return Question.objects.all()


def words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def test_the_shipped_bank_loads_forty_active_questions_in_nine_topics(shipped_bank):
    assert shipped_bank.active().count() == 40
    assert Topic.objects.count() == 9
    assert all(topic.questions.exists() for topic in Topic.objects.all())


def test_every_model_answer_is_120_to_350_words_with_at_least_three_key_points(shipped_bank):
    for question in shipped_bank.prefetch_related("key_points"):
        assert 120 <= words(question.model_answer) <= 350, question.slug
        assert 3 <= len(question.key_points.all()) <= 7, question.slug


def test_every_question_has_a_version_hash_and_a_sensible_time(shipped_bank):
    for question in shipped_bank:
        assert question.version == 1
        assert len(question.content_hash) == 64
        assert 2 <= question.suggested_minutes <= 6, question.slug


def test_file_names_match_the_slugs_inside_them(shipped_bank):
    names = sorted(path.name for path in BANK.glob("*.yaml") if path.name != "topics.yaml")
    assert len(names) == 40
    slugs = set(shipped_bank.values_list("slug", flat=True))
    for number, name in enumerate(names, start=1):
        match = re.fullmatch(r"(\d\d)-(.+)\.yaml", name)
        assert match and int(match[1]) == number and match[2] in slugs, name
