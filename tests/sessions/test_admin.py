"""The read-only admin of interviews: a coach can read sessions, answers and grades, never change them."""

import pytest

from sessions.models import Answer, InterviewSession, ReviewCard, SelfGrade, Status
from tests.conftest import make_session


@pytest.fixture
def graded(user):
    session = make_session(user, answers={1: "Precision is TP over TP plus FP"}, status=Status.SUBMITTED)
    session.session_questions.get(position=1).record_self_grade(3, [], "Say recall too")
    return session


def test_a_coach_reads_a_users_session_its_questions_answers_and_grades(admin_client, graded):
    assert graded.owner.username in admin_client.get("/admin/interviews/interviewsession/").text
    page = admin_client.get(f"/admin/interviews/interviewsession/{graded.pk}/change/").text
    assert "Question number 1?" in page
    answer = Answer.objects.get(session_question__session=graded, session_question__position=1)
    assert "Precision is TP over TP plus FP" in admin_client.get(f"/admin/interviews/answer/{answer.pk}/change/").text
    grade = SelfGrade.objects.get()
    assert "Say recall too" in admin_client.get(f"/admin/interviews/selfgrade/{grade.pk}/change/").text
    assert admin_client.get("/admin/interviews/selfgrade/?q=recall").context["cl"].result_count == 1


def test_nothing_can_be_added_changed_or_deleted(admin_client, graded):
    assert admin_client.get("/admin/interviews/interviewsession/add/").status_code == 403
    response = admin_client.post(f"/admin/interviews/interviewsession/{graded.pk}/change/", {"status": "abandoned"})
    assert response.status_code == 403
    assert (
        admin_client.post(f"/admin/interviews/interviewsession/{graded.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    graded.refresh_from_db()
    assert graded.status == Status.SUBMITTED
    assert (InterviewSession.objects.count(), Answer.objects.count(), SelfGrade.objects.count()) == (1, 3, 1)


def test_a_normal_user_cannot_read_it(alice_client, graded):
    assert alice_client.get("/admin/interviews/interviewsession/").status_code == 302


def test_a_coach_reads_a_users_review_card_and_its_reviews(admin_client, graded):
    card = ReviewCard.objects.get()
    assert "alice" in admin_client.get("/admin/interviews/reviewcard/").text
    page = admin_client.get(f"/admin/interviews/reviewcard/{card.pk}/change/")
    assert page.status_code == 200 and "Reviews" in page.text
    assert admin_client.post(f"/admin/interviews/reviewcard/{card.pk}/delete/", {"post": "yes"}).status_code == 403
