"""import_questions: checks everything first, writes all or nothing, changes nothing twice."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from questions.models import KeyPoint, Question, Tag, Topic
from tests.conftest import make_question, make_topic

TOPICS = """\
- slug: statistics
  name: Statistics
- slug: sql
  name: SQL
"""

GOOD = """\
slug: {slug}
topic: {topic}
difficulty: medium
suggested_minutes: 3
tags: [hypothesis-testing, p-values]
prompt: >-
  What does a p-value tell you, and what does it not?
model_answer: |
  The probability, **under the null hypothesis**, of data at least as extreme as observed:
  $p = P(T \\ge t \\mid H_0)$.
key_points:
  - A p-value assumes the null hypothesis is true
  - It is not the probability that the null hypothesis is true
  - A small p-value alone says nothing about effect size
common_mistakes: |
  - Reading p as the chance the result is a fluke.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def good(slug: str = "p-values", topic: str = "statistics") -> str:
    return GOOD.format(slug=slug, topic=topic)


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_questions", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fail(path: Path, *args: str) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_questions", str(path), *args, stdout=StringIO(), stderr=err)
    return err.getvalue()


def database_state() -> list:
    """Every row the import can touch, with timestamps and versions, to compare before and after."""
    return [
        list(Topic.objects.values_list("pk", "slug", "name", "position")),
        list(Tag.objects.values_list("pk", "name")),
        list(Question.objects.values_list("pk", "slug", "version", "content_hash", "updated_at", "is_active")),
        list(KeyPoint.objects.values_list("pk", "question_id", "position", "text")),
        list(Question.tags.through.objects.values_list("question_id", "tag_id").order_by("pk")),
    ]


@pytest.fixture(autouse=True)
def known_tags(db):
    """The tags the files below use are part of the vocabulary, as the shipped tags.yaml makes them."""
    Tag.objects.bulk_create([Tag(name="hypothesis-testing"), Tag(name="p-values")])


@pytest.fixture
def bank(tmp_path) -> Path:
    folder = tmp_path / "bank"
    write(folder, "topics.yaml", TOPICS)
    write(folder, "01-p-values.yaml", good())
    write(folder, "02-window-functions.yaml", good("window-functions", "sql"))
    return folder


def test_it_imports_a_folder_with_its_topics(db, bank):
    out, _ = run(bank)
    assert "2 created, 0 updated, 0 unchanged" in out
    assert list(Topic.objects.values_list("slug", "name", "position")) == [
        ("statistics", "Statistics", 1),
        ("sql", "SQL", 2),
    ]
    question = Question.objects.get(slug="p-values")
    assert question.topic.slug == "statistics"
    assert question.prompt == "What does a p-value tell you, and what does it not?"
    assert "$p = P(T \\ge t \\mid H_0)$" in question.model_answer
    assert [point.text for point in question.key_points.all()] == [
        "A p-value assumes the null hypothesis is true",
        "It is not the probability that the null hypothesis is true",
        "A small p-value alone says nothing about effect size",
    ]
    assert list(question.key_points.values_list("position", flat=True)) == [1, 2, 3]
    assert sorted(question.tags.values_list("name", flat=True)) == ["hypothesis-testing", "p-values"]
    assert question.common_mistakes == "- Reading p as the chance the result is a fluke."
    assert question.version == 1 and question.content_hash == question.compute_content_hash()


def test_it_imports_a_single_file_into_an_existing_topic(db, tmp_path):
    make_topic("statistics")
    path = write(tmp_path, "p-values.yaml", good())
    run(path)
    assert Question.objects.get().slug == "p-values"


def test_importing_the_same_files_twice_changes_nothing(db, bank):
    run(bank)
    before = database_state()
    out, _ = run(bank)
    assert "0 created, 0 updated, 2 unchanged" in out
    assert database_state() == before


def test_a_changed_file_updates_the_question_and_bumps_its_version(db, bank):
    run(bank)
    write(bank, "01-p-values.yaml", good().replace("alone says nothing", "says nothing"))
    out, _ = run(bank)
    assert "0 created, 1 updated, 1 unchanged" in out
    question = Question.objects.get(slug="p-values")
    assert question.version == 2
    assert question.key_points.last().text == "A small p-value says nothing about effect size"
    assert Question.objects.get(slug="window-functions").version == 1


def test_a_changed_difficulty_updates_without_a_new_version(db, bank):
    run(bank)
    write(bank, "01-p-values.yaml", good().replace("difficulty: medium", "difficulty: hard"))
    run(bank)
    question = Question.objects.get(slug="p-values")
    assert (question.difficulty, question.version) == ("hard", 1)


def test_an_unknown_topic_is_refused_naming_file_and_field(db, tmp_path):
    path = write(tmp_path, "01-p-values.yaml", good(topic="product-sense"))
    err = fail(path)
    assert "01-p-values.yaml: topic: unknown topic 'product-sense'" in err
    assert not Question.objects.exists() and not Topic.objects.exists()


def test_create_topics_adds_an_unknown_topic(db, tmp_path):
    make_topic("statistics", position=4)
    path = write(tmp_path, "01-p-values.yaml", good(topic="product-sense"))
    out, _ = run(path, "--create-topics")
    assert "Topics: 1 created" in out
    topic = Topic.objects.get(slug="product-sense")
    assert (topic.name, topic.position) == ("Product sense", 5)
    assert Question.objects.get().topic == topic


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda text: text.replace("difficulty: medium\n", ""), "difficulty", "is missing"),
        (lambda text: text.replace("difficulty: medium", "difficulty: brutal"), "difficulty", "must be one of"),
        (lambda text: text.replace("suggested_minutes: 3", "suggested_minutes: soon"), "suggested_minutes", ""),
        (lambda text: text.replace("slug: p-values", "slug: P Values"), "slug", "lowercase"),
        (lambda text: text.split("key_points:")[0] + "key_points: []\n", "key_points", "has no key points"),
        (
            lambda text: text.replace("  - It is not", "  - x\n  - y\n  - z\n  - w\n  - v\n  - It is not"),
            "key_points",
            "has 8",
        ),
        (
            lambda text: text.replace("  - It is not the probability that the null hypothesis is true\n", ""),
            "key_points",
            "has 2",
        ),
        (lambda text: text.replace("prompt: >-", "promt: >-"), "promt", "unknown field"),
        (lambda text: text.replace("prompt: >-\n  What", "prompt: 42\nx: What"), "prompt", "must be text"),
        (
            lambda text: text.replace("tags: [hypothesis-testing, p-values]", "tags: [Hypothesis Testing]"),
            "tags[1]",
            "",
        ),
        (lambda text: "slug: [unclosed\n", "(yaml)", "malformed YAML at line"),
        (lambda text: "- just\n- a list\n", "(file)", "mapping"),
    ],
)
def test_a_bad_file_is_refused_with_its_file_and_field(db, bank, change, field, message):
    write(bank, "01-p-values.yaml", change(good()))
    before = database_state()
    err = fail(bank)
    assert any(line.startswith(f"01-p-values.yaml: {field}: ") and message in line for line in err.splitlines()), err
    assert database_state() == before
    assert not Question.objects.exists()


def test_a_half_bad_folder_writes_nothing_and_lists_every_problem(db, bank):
    make_question(slug="already-here")
    write(bank, "03-broken.yaml", good("broken").replace("difficulty: medium", "difficulty: 7"))
    write(
        bank, "04-also-broken.yaml", good("also-broken").replace("prompt: >-\n", "").replace("  What does", "x: What")
    )
    before = database_state()
    err = fail(bank)
    assert "03-broken.yaml: difficulty:" in err
    assert "04-also-broken.yaml: prompt: is missing" in err
    assert "01-p-values" not in err and "02-window-functions" not in err
    assert database_state() == before
    assert list(Question.objects.values_list("slug", flat=True)) == ["already-here"]


def test_a_failed_reimport_leaves_the_imported_questions_as_they_were(db, bank):
    run(bank)
    before = database_state()
    write(bank, "01-p-values.yaml", good().replace("alone says nothing", "says nothing"))
    write(bank, "02-window-functions.yaml", good("window-functions", "sql").replace("medium", "impossible"))
    fail(bank)
    assert database_state() == before


def test_a_duplicate_slug_names_both_files(db, bank):
    write(bank, "03-copy.yaml", good())
    err = fail(bank)
    assert "03-copy.yaml: slug: 'p-values' is also the slug of 01-p-values.yaml" in err


def test_a_bad_topics_file_is_refused(db, bank):
    write(bank, "topics.yaml", TOPICS + "- slug: statistics\n  name: Stats again\n- name: No slug\n")
    err = fail(bank)
    assert "topics.yaml: [3].slug: 'statistics' is listed twice" in err
    assert "topics.yaml: [4].slug: is missing" in err


def test_a_missing_path_is_refused(db, tmp_path):
    err = fail(tmp_path / "nowhere")
    assert "does not exist" in err


def test_the_command_exits_non_zero_on_problems(db, tmp_path):
    import subprocess
    import sys

    path = write(tmp_path, "01-p-values.yaml", good(topic="nope"))
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    env = {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, str(manage), "migrate", "-v0"], env=env, check=True)
    finished = subprocess.run(
        [sys.executable, str(manage), "import_questions", str(path)], env=env, capture_output=True, text=True
    )
    assert finished.returncode != 0
    assert "01-p-values.yaml: topic: unknown topic 'nope'" in finished.stderr


def test_check_only_reads_the_files(db, bank):
    out, _ = run(bank, "--check")
    assert "2 question(s) checked: no problems." in out
    assert not Question.objects.exists() and not Topic.objects.exists()
    write(bank, "03-broken.yaml", good("broken").replace("difficulty: medium", "difficulty: 7"))
    assert "03-broken.yaml: difficulty:" in fail(bank, "--check")


def test_a_topic_slug_longer_than_the_database_allows_is_refused(db, bank):
    long_slug = "a" * 61  # Topic.slug holds 60; PostgreSQL would raise DataError
    write(bank, "topics.yaml", TOPICS + f"- slug: {long_slug}\n  name: Long\n")
    write(bank, "03-long.yaml", good("long-topic", long_slug))
    before = database_state()
    err = fail(bank)
    assert f"topics.yaml: [3].slug: '{long_slug}' must be 3 to 60 lowercase letters" in err
    assert f"03-long.yaml: topic: '{long_slug}' must be 3 to 60 lowercase letters" in err
    assert database_state() == before


def test_a_new_topic_slug_longer_than_the_database_allows_is_refused_with_create_topics(db, tmp_path):
    long_slug = "b" * 61
    path = write(tmp_path, "01-p-values.yaml", good(topic=long_slug))
    err = fail(path, "--create-topics")
    assert "01-p-values.yaml: topic: " in err and "3 to 60" in err
    assert not Topic.objects.exists() and not Question.objects.exists()


def test_topic_slugs_and_names_may_use_the_whole_field(db, bank):
    slug, name = "c" * 60, "N" * 80
    write(bank, "topics.yaml", TOPICS + f"- slug: {slug}\n  name: {name}\n")
    run(bank)
    assert Topic.objects.get(slug=slug).name == name
    write(bank, "topics.yaml", TOPICS + f"- slug: {slug}\n  name: {name}N\n")
    assert "topics.yaml: [3].name: is longer than 80 characters" in fail(bank)


def test_a_created_topic_whose_name_is_taken_is_refused(db, tmp_path):
    # --create-topics would name 'product-sense' "Product sense", which another topic already has.
    make_topic("product", "Product sense")
    path = write(tmp_path, "01-p-values.yaml", good(topic="product-sense"))
    before = database_state()
    err = fail(path, "--create-topics")
    assert "01-p-values.yaml: topic: a new topic 'product-sense' would be named 'Product sense'" in err
    assert "already the name of topic 'product'" in err
    assert database_state() == before
    assert "01-p-values.yaml: topic:" in fail(path, "--create-topics", "--check")


def test_a_created_topic_whose_name_topics_yaml_gives_another_topic_is_refused(db, bank):
    write(bank, "topics.yaml", TOPICS.replace("name: SQL", "name: Product sense"))
    write(bank, "03-metrics.yaml", good("north-star-metric", "product-sense"))
    err = fail(bank, "--create-topics")
    assert "03-metrics.yaml: topic: a new topic 'product-sense' would be named 'Product sense'" in err
    assert "already the name of topic 'sql'" in err
    assert not Topic.objects.exists()


def test_a_topics_yaml_name_held_by_an_unlisted_topic_is_refused(db, bank):
    make_topic("databases", "SQL")
    before = database_state()
    err = fail(bank)
    assert "topics.yaml: [2].name: 'SQL' is already topic 'databases'" in err
    assert database_state() == before


def test_swapping_two_topics_names_imports(db, bank):
    run(bank)
    write(bank, "topics.yaml", "- slug: statistics\n  name: SQL\n- slug: sql\n  name: Statistics\n")
    out, _ = run(bank)
    assert "Topics: 0 created, 2 updated." in out
    assert list(Topic.objects.values_list("slug", "name", "position")) == [
        ("statistics", "SQL", 1),
        ("sql", "Statistics", 2),
    ]


def test_a_new_topic_may_take_the_old_name_of_a_renamed_topic(db, bank):
    run(bank)
    # The new topic comes first in the file, before 'statistics' gives the name up.
    write(bank, "topics.yaml", "- slug: probability\n  name: Statistics\n" + TOPICS.replace("Statistics", "Stats"))
    out, _ = run(bank)
    assert "Topics: 1 created, 2 updated." in out
    assert list(Topic.objects.values_list("slug", "name", "position")) == [
        ("probability", "Statistics", 1),
        ("statistics", "Stats", 2),
        ("sql", "SQL", 3),
    ]


def test_rotating_three_topics_names_imports(db, bank):
    write(bank, "topics.yaml", TOPICS + "- slug: python\n  name: Python\n")
    run(bank)
    rotated = "- slug: statistics\n  name: SQL\n- slug: sql\n  name: Python\n- slug: python\n  name: Statistics\n"
    write(bank, "topics.yaml", rotated)
    run(bank)
    assert dict(Topic.objects.values_list("slug", "name")) == {
        "statistics": "SQL",
        "sql": "Python",
        "python": "Statistics",
    }


def test_an_unknown_tag_is_refused_unless_tags_yaml_lists_it_or_create_tags(db, bank):
    write(bank, "01-p-values.yaml", good().replace("tags: [hypothesis-testing, p-values]", "tags: [bayes]"))
    err = fail(bank)
    assert "01-p-values.yaml: tags[1]: unknown tag 'bayes': add it to tags.yaml or import with --create-tags" in err

    write(bank, "tags.yaml", "- bayes\n- hypothesis-testing\n")
    run(bank)
    assert Tag.objects.filter(name="bayes").exists()
    assert list(Question.objects.get(slug="p-values").tags.values_list("name", flat=True)) == ["bayes"]


def test_create_tags_accepts_a_tag_nobody_listed(db, bank):
    write(bank, "01-p-values.yaml", good().replace("tags: [hypothesis-testing, p-values]", "tags: [brand-new]"))
    run(bank, "--create-tags")
    assert list(Question.objects.get(slug="p-values").tags.values_list("name", flat=True)) == ["brand-new"]


RICH = """\
slug: second-highest
topic: sql
kind: sql
difficulty: easy
suggested_minutes: 5
prompt: >-
  Return the second-highest salary in `employees`.
headline: >-
  Take the largest salary below the maximum.
model_answer: |
  Use a subquery for the maximum.
key_points:
  - text: Excludes the maximum before taking the max
    aliases: [the max of what is below the top salary]
  - Handles a tied top salary
  - Returns NULL when there is none
follow_ups:
  - How would you return the third-highest?
sql:
  schema: |
    CREATE TABLE employees (id INTEGER PRIMARY KEY, salary INTEGER);
  data: |
    INSERT INTO employees VALUES (1, 100), (2, 100), (3, 90);
  model_query: |
    SELECT MAX(salary) FROM employees WHERE salary < (SELECT MAX(salary) FROM employees)
  ordered: false
"""


def test_a_sql_question_stores_its_tables_aliases_follow_ups_and_the_model_querys_result(db, bank):
    write(bank, "03-second-highest.yaml", RICH)
    run(bank)
    question = Question.objects.get(slug="second-highest")
    assert (question.kind, question.headline) == ("sql", "Take the largest salary below the maximum.")
    assert question.follow_ups == ["How would you return the third-highest?"]
    assert list(question.key_points.values_list("text", "aliases"))[0] == (
        "Excludes the maximum before taking the max",
        ["the max of what is below the top salary"],
    )
    assert question.sql_expected == {"columns": ["MAX(salary)"], "rows": [[90]]}
    assert question.sql_ordered is False


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda text: text.replace("SELECT MAX(salary) FROM employees WHERE", "SELECT MAX(salry) FROM employees WHERE"),
         "sql.model_query", "no such column: salry"),
        (lambda text: text.replace("CREATE TABLE employees", "CREATE TABLE employees employees"), "sql.schema",
         "syntax error"),
        (lambda text: text.replace("(3, 90);", "(3, 90, 1);"), "sql.data", "same number of terms"),
        (lambda text: text.replace("  ordered: false\n", "  ordered: false\n  model_query2: x\n"), "sql.model_query2",
         "unknown field"),
        (lambda text: text.replace("kind: sql", "kind: concept"), "sql", "is only for questions of kind sql"),
        (lambda text: text.replace("kind: sql", "kind: riddle"), "kind", "'riddle' must be one of"),
        (lambda text: text.split("sql:\n")[0], "sql", "is missing"),
        (lambda text: text.replace("  model_query: |\n    SELECT", "  model_query: |\n    SELECT 1; SELECT"),
         "sql.model_query", "must be exactly one statement"),
        (lambda text: text.replace("  - How would you return the third-highest?\n", "  - [a list]\n"),
         "follow_ups[1]", "must be non-empty text"),
        (lambda text: text.replace("Take the largest salary below the maximum.", "word " * 41), "headline",
         "has 41 words (at most 40)"),
        (lambda text: text.replace("aliases: [the max of what is below the top salary]", "aliases: [a, b, c, d]"),
         "key_points[1].aliases", "must be a list of at most 3 phrases"),
    ],
)  # fmt: skip
def test_a_broken_sql_question_is_an_import_error_with_file_and_field_and_nothing_is_written(
    db, bank, change, field, message
):
    write(bank, "03-second-highest.yaml", change(RICH))
    err = fail(bank)
    assert f"03-second-highest.yaml: {field}: " in err and message in err, err
    assert not Question.objects.exists()
