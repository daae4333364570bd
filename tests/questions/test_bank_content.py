"""The shipped bank, as make run loads it: its size and spread, and what every question holds."""

import html
import json
import re
import shutil
import subprocess
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from questions.markdown import render_markdown
from questions.models import Difficulty, Kind, Question, Tag, Topic

BANK = Path(__file__).resolve().parents[2] / "questions" / "bank"
KATEX = Path(__file__).resolve().parents[2] / "static" / "vendor" / "katex" / "katex.min.js"
NEW_TOPICS = (
    "probability",
    "statistical-inference",
    "ab-testing",
    "causal-inference",
    "sql",
    "python-pandas",
    "product-metrics",
    "ml-system-design",
    "behavioural",
)


@pytest.fixture(scope="module")
def imported_bank(django_db_setup, django_db_blocker):
    """The bank imported once for this module's read-only checks (an import takes seconds), and
    removed after them, so that no other test sees it."""
    with django_db_blocker.unblock():
        call_command("import_questions", str(BANK), stdout=StringIO())
        yield
        Question.objects.all().delete()
        Topic.objects.all().delete()
        Tag.objects.all().delete()


@pytest.fixture
def shipped_bank(imported_bank, db):
    return Question.objects.all()


def words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def test_the_shipped_bank_loads_at_least_200_active_questions_and_every_topic_has_some(shipped_bank):
    assert shipped_bank.active().count() >= 200
    assert Topic.objects.count() == 20
    assert all(topic.questions.exists() for topic in Topic.objects.all())


def test_each_new_topic_has_at_least_eight_questions_from_easy_to_hard(shipped_bank):
    for slug in NEW_TOPICS:
        questions = shipped_bank.active().filter(topic__slug=slug)
        assert questions.count() >= 8, slug
        assert {Difficulty.EASY, Difficulty.HARD} <= set(questions.values_list("difficulty", flat=True)), slug


def test_at_least_a_quarter_of_the_bank_is_easy_and_a_quarter_hard(shipped_bank):
    counts = shipped_bank.active().count_by("difficulty")
    total = sum(counts.values())
    assert counts[Difficulty.EASY] >= total / 4
    assert counts[Difficulty.HARD] >= total / 4


def test_every_question_has_a_headline_an_answer_atomic_key_points_with_aliases_mistakes_and_follow_ups(
    shipped_bank,
):
    for question in shipped_bank.prefetch_related("key_points"):
        assert 1 <= words(question.headline) <= 40, question.slug
        assert 120 <= words(question.model_answer) <= 350, question.slug
        points = question.key_points.all()
        assert 3 <= len(points) <= 7, question.slug
        for point in points:
            assert words(point.text) <= 25, (question.slug, point.text)
            assert 1 <= len(point.aliases) <= 3, (question.slug, point.text)
        assert len(re.findall(r"(?m)^- ", question.common_mistakes)) >= 2, question.slug
        assert 1 <= len(question.follow_ups) <= 3, question.slug
        assert question.kind in Kind.values, question.slug


def test_suggested_minutes_fit_the_kind(shipped_bank):
    longest = {Kind.CONCEPT: 6, Kind.CALCULATION: 8, Kind.BEHAVIOURAL: 8, Kind.SQL: 12, Kind.CODING: 15, Kind.CASE: 12}
    for question in shipped_bank:
        assert 2 <= question.suggested_minutes <= longest[question.kind], question.slug


def test_tags_come_from_a_small_vocabulary_each_used_at_least_three_times(shipped_bank):
    vocabulary = yaml.safe_load((BANK / "tags.yaml").read_text())
    assert len(vocabulary) <= 60
    used = Counter(shipped_bank.active().values_list("tags__name", flat=True))
    assert set(used) - {None} <= set(vocabulary)
    assert {tag: used[tag] for tag in vocabulary if used[tag] < 3} == {}
    assert all(1 <= question.tags.count() <= 5 for question in shipped_bank.active())
    assert Tag.objects.count() == len(vocabulary)


def test_every_sql_question_stores_the_result_of_its_model_query_on_its_own_tables(shipped_bank):
    sql = shipped_bank.active().filter(kind=Kind.SQL)
    assert sql.count() >= 20
    for question in sql:
        assert question.sql_schema and question.sql_data and question.sql_model_query, question.slug
        assert question.sql_expected["columns"] and question.sql_expected["rows"], question.slug
    assert not shipped_bank.exclude(kind=Kind.SQL).filter(sql_expected__isnull=False).exists()


def test_every_math_expression_renders_in_katex_strict_mode(shipped_bank):
    node = shutil.which("node")
    assert node, "Node.js runs the vendored KaTeX for this test (apt-get install nodejs)"
    maths = []
    for question in shipped_bank:
        for text in (question.headline, question.model_answer, question.common_mistakes):
            rendered = str(render_markdown(text))
            for kind, tex in re.findall(
                r'<(?:span|div) class="math (inline|block)">(.*?)</(?:span|div)>', rendered, re.S
            ):
                maths.append([question.slug, html.unescape(tex), kind == "block"])
    assert len(maths) > 100
    script = (
        f"const katex = require({json.dumps(str(KATEX))});"
        "const items = JSON.parse(require('fs').readFileSync(0, 'utf8')); const failed = [];"
        "for (const [slug, tex, display] of items) {"
        "  try { katex.renderToString(tex, {displayMode: display, strict: 'error', throwOnError: true}); }"
        "  catch (error) { failed.push(slug + ': ' + error.message.split('\\n')[0]); } }"
        "console.log(JSON.stringify(failed));"
    )
    run = subprocess.run([node, "-e", script], input=json.dumps(maths), capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == []


def test_file_names_are_numbered_in_order_and_match_the_slugs_inside_them(shipped_bank):
    names = sorted(path.name for path in BANK.glob("*.yaml") if path.name not in ("topics.yaml", "tags.yaml"))
    assert len(names) == shipped_bank.count()
    slugs = set(shipped_bank.values_list("slug", flat=True))
    for number, name in enumerate(names, start=1):
        match = re.fullmatch(r"(\d{3})-(.+)\.yaml", name)
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
        ours = " ".join(
            [
                question.headline,
                question.model_answer,
                question.common_mistakes,
                *(p.text for p in question.key_points.all()),
                *(alias for p in question.key_points.all() for alias in p.aliases),
            ]
        )
        if shared := runs_of_eight_words(ours) & source:
            copied[question.slug] = [" ".join(run) for run in sorted(shared)[:3]]
    assert copied == {}
