"""export_questions writes the format import_questions reads: export then import is the identity."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from questions.management.commands.export_questions import Command as ExportCommand
from questions.models import Question, Topic
from tests.conftest import make_question, make_topic

BANK = Path(__file__).resolve().parents[2] / "questions" / "bank"


def bank_contents() -> list:
    """Everything a question file holds, per question, independent of database ids."""
    return [
        (
            question.slug,
            question.topic.slug,
            question.difficulty,
            question.suggested_minutes,
            sorted(tag.name for tag in question.tags.all()),
            question.prompt,
            question.model_answer,
            [point.text for point in question.key_points.all()],
            question.common_mistakes,
            question.is_active,
            question.kind,
            question.headline,
            [point.aliases for point in question.key_points.all()],
            question.follow_ups,
            (question.sql_schema, question.sql_data, question.sql_model_query, question.sql_ordered),
            question.sql_expected,
            question.content_hash,
        )
        for question in Question.objects.order_by("pk").select_related("topic").prefetch_related("tags", "key_points")
    ]


def topics() -> list:
    return list(Topic.objects.values_list("slug", "name", "position", "area"))


def export(path: Path) -> str:
    out = StringIO()
    call_command("export_questions", str(path), stdout=out)
    return out.getvalue()


def test_exporting_the_shipped_bank_and_importing_it_elsewhere_is_the_identity(db, tmp_path):
    call_command("import_questions", str(BANK), stdout=StringIO())
    original, original_topics = bank_contents(), topics()
    out = export(tmp_path / "export")
    assert f"Wrote {len(original)} question file(s), topics.yaml and tags.yaml" in out
    names = sorted(path.name for path in (tmp_path / "export").iterdir())
    assert names == sorted(path.name for path in BANK.glob("*.yaml"))

    Question.objects.all().delete()
    Topic.objects.all().delete()
    call_command("import_questions", str(tmp_path / "export"), stdout=StringIO())
    assert bank_contents() == original
    assert topics() == original_topics


def test_importing_an_export_over_the_same_database_changes_nothing(db, tmp_path):
    call_command("import_questions", str(BANK), stdout=StringIO())
    before = list(Question.objects.values_list("pk", "version", "updated_at"))
    export(tmp_path)
    out = StringIO()
    call_command("import_questions", str(tmp_path), stdout=out)
    assert f"0 created, 0 updated, {Question.objects.count()} unchanged" in out.getvalue()
    assert list(Question.objects.values_list("pk", "version", "updated_at")) == before


def test_a_retired_question_and_awkward_text_survive_the_round_trip(db, tmp_path):
    topic = make_topic("statistics", name="Statistics")
    make_question(
        slug="awkward",
        topic=topic,
        prompt='Why "p < 0.05: significant" is a trap?',
        model_answer="Line one\\\n\n$$\n\\frac{a}{b}\n$$\n\n- item: with colon\n  ",
        key_points=("# not a comment", "- not a list", "key: value", "'quoted'"),
        common_mistakes="",
        is_active=False,
    )
    original = bank_contents()
    export(tmp_path)
    document = yaml.safe_load((tmp_path / "01-awkward.yaml").read_text())
    assert document["is_active"] is False
    assert "common_mistakes" not in document and "tags" not in document

    Question.objects.all().delete()
    call_command("import_questions", str(tmp_path), stdout=StringIO())
    # The import strips surrounding whitespace, so compare with what a file can hold.
    expected = [row[:6] + (row[6].strip(),) + row[7:10] for row in original]
    assert [row[:10] for row in bank_contents()] == expected


def test_export_refuses_a_file_as_its_target(db, tmp_path):
    target = tmp_path / "a-file.yaml"
    target.write_text("")
    with pytest.raises(CommandError, match="is a file"):
        export(target)


def export_fails(path: Path, *args: str) -> CommandError:
    with pytest.raises(CommandError) as raised:
        call_command("export_questions", str(path), *args, stdout=StringIO())
    return raised.value


def test_export_refuses_a_folder_that_already_holds_question_files(db, tmp_path):
    make_question(slug="roc-curve", topic=make_topic("statistics", name="Statistics"))
    (tmp_path / "01-old-question.yaml").write_text("slug: old-question\n")
    error = export_fails(tmp_path)
    assert error.returncode != 0
    assert "already holds .yaml files" in str(error) and "--replace" in str(error)
    assert "\n" not in str(error)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["01-old-question.yaml"]


def test_export_refuses_a_folder_with_only_a_topics_file(db, tmp_path):
    (tmp_path / "topics.yaml").write_text("[]\n")
    export_fails(tmp_path)
    assert (tmp_path / "topics.yaml").read_text() == "[]\n"


def test_export_into_a_folder_without_yaml_files_is_allowed(db, tmp_path):
    make_question(slug="roc-curve", topic=make_topic("statistics", name="Statistics"))
    (tmp_path / "README.md").write_text("notes")
    export(tmp_path)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "01-roc-curve.yaml",
        "README.md",
        "tags.yaml",
        "topics.yaml",
    ]


def test_replace_deletes_the_old_question_files_so_deleted_questions_stay_deleted(db, tmp_path):
    topic = make_topic("statistics", name="Statistics")
    make_question(slug="roc-curve", topic=topic)
    make_question(slug="dropout", topic=topic, prompt="What does dropout do?")
    export(tmp_path)
    Question.objects.get(slug="roc-curve").delete()

    out = StringIO()
    call_command("export_questions", str(tmp_path), "--replace", stdout=out)
    assert "Wrote 1 question file(s)" in out.getvalue()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["01-dropout.yaml", "tags.yaml", "topics.yaml"]
    call_command("import_questions", str(tmp_path), stdout=StringIO())
    assert list(Question.objects.values_list("slug", flat=True)) == ["dropout"]


def test_replace_deletes_only_question_files_and_the_topics_and_tags_files(db, tmp_path):
    make_question(slug="roc-curve", topic=make_topic("statistics", name="Statistics"))
    for name in ("01-old.yaml", "123-older.yaml", "topics.yaml", "notes.yaml", "README.md", "01-draft.txt"):
        (tmp_path / name).write_text("kept?\n")
    (tmp_path / "02-folder.yaml").mkdir()
    call_command("export_questions", str(tmp_path), "--replace", stdout=StringIO())
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "01-draft.txt",
        "01-roc-curve.yaml",
        "02-folder.yaml",
        "README.md",
        "notes.yaml",
        "tags.yaml",
        "topics.yaml",
    ]
    assert (tmp_path / "notes.yaml").read_text() == "kept?\n"
    assert (tmp_path / "topics.yaml").read_text() != "kept?\n"


def test_the_help_explains_replace():
    text = " ".join(ExportCommand().create_parser("manage.py", "export_questions").format_help().split())
    assert "--replace" in text and "refuses a folder that already holds .yaml files" in text
