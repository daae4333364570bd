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


# The published list the bank started from; CI has the shared/ folder beside the repository.
SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_8c4abf7a82a59329.txt"


def runs_of_eight_words(text: str) -> set[tuple[str, ...]]:
    tokens = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(tokens[i : i + 8]) for i in range(len(tokens) - 7)}


@pytest.mark.skipif(not SEED.exists(), reason=f"the source list is not at {SEED}")
def test_no_answer_key_point_or_mistake_repeats_eight_words_of_the_source(shipped_bank):
    source = runs_of_eight_words(SEED.read_text())
    copied = {}
    for question in shipped_bank.prefetch_related("key_points"):
        ours = " ".join([question.model_answer, question.common_mistakes, *(p.text for p in question.key_points.all())])
        if shared := runs_of_eight_words(ours) & source:
            copied[question.slug] = [" ".join(run) for run in sorted(shared)[:3]]
    assert copied == {}
