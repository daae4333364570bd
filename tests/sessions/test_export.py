import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Profile
from sessions.export import CSV_COLUMNS
from sessions.models import Answer, SelfGrade, Status
from tests.conftest import grade_all, make_question, make_questions, make_session


def graded_session(owner, questions=None, started_at=None):
    session = make_session(
        owner,
        questions or [make_question()],
        started_at=started_at or timezone.now() - timedelta(days=1),
        answers={1: 'ROC plots TPR, "FPR"\nand more'},
        status=Status.SUBMITTED,
    )
    grade_all(session, grade=3)
    SelfGrade.objects.filter(session_question__session=session).update(note="Say AUC")
    Answer.objects.filter(session_question__session=session).update(late_text="too late")
    return session


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_csv_has_one_row_per_question_with_answer_ticks_grade_and_note(alice_client, user):
    session = graded_session(user)
    response = alice_client.get("/interviews/history/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="interviewprep-history-')
    assert response["Content-Disposition"].endswith('.csv"')
    [row] = rows(response)
    assert list(row) == CSV_COLUMNS
    assert row["session_id"] == str(session.pk)
    assert row["status"] == "submitted"
    assert row["question_slug"] == "roc-curve"
    assert row["topic"] == "Model evaluation"
    assert row["answer"] == 'ROC plots TPR, "FPR"\nand more'
    assert row["late_draft"] == "too late"
    assert row["key_points_total"] == "3"
    assert row["key_points_ticked"] == "1"
    assert row["key_points_ticked_text"] == "ROC plots true positive rate against false positive rate"
    assert (row["grade"], row["grade_label"], row["note"]) == ("3", "Good", "Say AUC")
    assert row["time_used_seconds"] == "60"


def test_json_nests_questions_and_key_points_in_sessions(alice_client, user):
    questions = make_questions(2)
    older = graded_session(user, questions, started_at=timezone.now() - timedelta(days=3))
    newer = make_session(user, questions, answers={2: "Only the second"}, status=Status.EXPIRED)

    response = alice_client.get("/interviews/history/export.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].endswith('.json"')
    document = json.loads(response.content)
    assert document["user"] == "alice"
    assert [session["id"] for session in document["sessions"]] == [newer.pk, older.pk]
    latest, earlier = document["sessions"]
    assert latest["status"] == "expired"
    assert latest["mean_grade"] is None
    assert [q["answer"] for q in latest["questions"]] == ["", "Only the second"]
    assert earlier["mean_grade"] == 3
    first = earlier["questions"][0]
    assert first["grade"] == 3 and first["grade_label"] == "Good" and first["note"] == "Say AUC"
    assert first["key_points"][0] == {
        "text": "ROC plots true positive rate against false positive rate",
        "ticked": True,
    }
    assert [point["ticked"] for point in first["key_points"]] == [True, False, False]


def test_times_are_in_the_users_time_zone_with_their_offset(alice_client, user):
    Profile.objects.update_or_create(user=user, defaults={"time_zone": "Asia/Kolkata"})
    graded_session(user)
    document = json.loads(alice_client.get("/interviews/history/export.json").content)
    assert document["sessions"][0]["started_at"].endswith("+05:30")


def test_another_users_data_is_never_included(alice_client, user, other_user):
    questions = make_questions(1)
    mine = graded_session(user, questions)
    theirs = graded_session(other_user, questions)
    Answer.objects.filter(session_question__session=theirs).update(text="Bob's secret answer")

    csv_rows = rows(alice_client.get("/interviews/history/export.csv"))
    json_text = alice_client.get("/interviews/history/export.json").content.decode()
    assert [row["session_id"] for row in csv_rows] == [str(mine.pk)]
    assert [session["id"] for session in json.loads(json_text)["sessions"]] == [mine.pk]
    assert "Bob's secret answer" not in json_text


def test_a_new_user_gets_empty_files(alice_client):
    assert rows(alice_client.get("/interviews/history/export.csv")) == []
    assert json.loads(alice_client.get("/interviews/history/export.json").content)["sessions"] == []


def test_another_format_is_not_found(alice_client):
    assert alice_client.get("/interviews/history/export.xml").status_code == 404


def test_it_requires_log_in(client, db):
    response = client.get("/interviews/history/export.csv")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_it_rejects_post(alice_client):
    assert alice_client.post("/interviews/history/export.json").status_code == 405


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_as_a_formula_are_neutralised(alice_client, user, start):
    text = f'{start}HYPERLINK("https://evil.example.com","click")'
    session = make_session(user, answers={1: text}, status=Status.SUBMITTED)
    item = session.session_questions.get(position=1)
    item.record_self_grade(2, [], f"{start}1+1")
    Answer.objects.filter(session_question=item).update(late_text=f"{start}cmd")
    row = next(row for row in rows(alice_client.get("/interviews/history/export.csv")) if row["position"] == "1")
    assert row["answer"] == "'" + text
    assert row["note"] == f"'{start}1+1"
    assert row["late_draft"] == f"'{start}cmd"


def test_the_json_export_keeps_a_formula_like_answer_exactly(alice_client, user):
    text = '=HYPERLINK("https://evil.example.com","click")'
    make_session(user, answers={1: text}, status=Status.SUBMITTED)
    document = json.loads(alice_client.get("/interviews/history/export.json").content)
    assert document["sessions"][0]["questions"][0]["answer"] == text


def test_ordinary_text_and_numbers_are_not_prefixed(alice_client, user):
    session = make_session(user, answers={1: "A plain answer - with a dash"}, status=Status.SUBMITTED)
    session.session_questions.get(position=1).record_self_grade(4, [], "")
    row = next(row for row in rows(alice_client.get("/interviews/history/export.csv")) if row["position"] == "1")
    assert (row["answer"], row["grade"]) == ("A plain answer - with a dash", "4")
