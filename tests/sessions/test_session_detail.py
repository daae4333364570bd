from datetime import timedelta

from django.utils import timezone

from questions.models import Question
from sessions.models import Answer, SelfGrade, Status
from tests.conftest import grade_all, make_question, make_session


def url(session) -> str:
    return f"/interviews/history/{session.pk}/"


def test_it_shows_answers_model_answers_ticks_grades_notes_and_times(alice_client, user):
    started = timezone.now() - timedelta(days=2)
    session = make_session(
        user,
        [make_question()],
        minutes=10,
        started_at=started,
        answers={1: "ROC plots <TPR> vs FPR"},
        status="submitted",
    )
    grade_all(session, grade=3)
    SelfGrade.objects.filter(session_question__session=session).update(note="Mention AUC next time")

    response = alice_client.get(url(session))
    text = response.text
    assert response.status_code == 200
    assert "What is the ROC curve and when should you use it?" in text
    assert "ROC plots &lt;TPR&gt; vs FPR" in text
    assert "<strong>true positive rate</strong>" in text
    assert '<li class="covered"><span class="visually-hidden">Covered: </span>ROC plots true positive rate' in text
    assert '<li class="missed"><span class="visually-hidden">Not covered: </span>AUC is the probability' in text
    assert "Your grade: Good" in text
    assert "Mention AUC next time" in text
    local = timezone.localtime(started)
    assert f"<dt>Started</dt><dd>{local:%H:%M}</dd>" in text
    assert "<dt>Submitted</dt>" in text
    assert "1 of 10 min" in text
    assert "Finish grading" not in text
    assert "/static/js/math" in text
    assert 'href="/interviews/history/questions/roc-curve/"' in text


def test_the_model_answer_is_the_snapshot_not_the_edited_question(alice_client, user):
    question = make_question()
    session = make_session(user, [question], status=Status.SUBMITTED)
    Question.objects.filter(pk=question.pk).update(model_answer="A rewritten answer.", prompt="A new prompt?")
    text = alice_client.get(url(session)).text
    assert "true positive rate" in text
    assert "A rewritten answer." not in text
    assert "A new prompt?" not in text


def test_a_late_draft_is_shown_apart_and_marked_not_counted(alice_client, user):
    session = make_session(user, [make_question()], answers={1: "In time"}, status=Status.EXPIRED)
    Answer.objects.filter(session_question__session=session).update(
        late_text="Too late words", late_saved_at=session.deadline + timedelta(minutes=5)
    )
    text = alice_client.get(url(session)).text
    assert "<dt>Expired</dt>" in text
    assert "Late draft, not counted" in text
    assert "Too late words" in text


def test_an_unanswered_question_says_so(alice_client, user):
    session = make_session(user, [make_question()], status=Status.SUBMITTED)
    assert "No answer was saved." in alice_client.get(url(session)).text


def test_a_partly_graded_session_links_to_finish_grading(alice_client, user):
    session = make_session(user, answers={1: "A"}, status=Status.SUBMITTED)
    SelfGrade.objects.create(
        session_question=session.session_questions.first(),
        grade=2,
        graded_at=timezone.now(),
        updated_at=timezone.now(),
    )
    text = alice_client.get(url(session)).text
    assert "1 of 3 graded." in text
    assert f'href="/interviews/{session.pk}/review/">Finish grading</a>' in text


def test_an_abandoned_session_is_not_nagged_to_finish_grading(alice_client, user):
    session = make_session(user, answers={1: "A"}, status=Status.ABANDONED)
    assert "Finish grading" not in alice_client.get(url(session)).text


def test_a_session_in_progress_redirects_to_the_interview(alice_client, user):
    session = make_session(user)
    response = alice_client.get(url(session))
    assert response.status_code == 302
    assert response.url == f"/interviews/{session.pk}/"


def test_another_users_session_is_not_found(alice_client, other_user):
    session = make_session(other_user, status=Status.SUBMITTED)
    assert alice_client.get(url(session)).status_code == 404


def test_an_unknown_session_is_not_found(alice_client):
    assert alice_client.get("/interviews/history/999999/").status_code == 404


def test_it_requires_log_in(client, user):
    session = make_session(user, status=Status.SUBMITTED)
    response = client.get(url(session))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_it_rejects_post(alice_client, user):
    session = make_session(user, status=Status.SUBMITTED)
    assert alice_client.post(url(session)).status_code == 405


def test_the_htmx_variant_is_the_whole_page(alice_client, user):
    session = make_session(user, status=Status.SUBMITTED)
    response = alice_client.get(url(session), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Back to history" in response.text
