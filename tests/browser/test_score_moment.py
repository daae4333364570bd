"""The score as a moment in a real browser: the grade that completes the set brings the level,
the change since the last session on the same topics and the missed key points, and the one
button starts a session of those questions."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import InterviewSession, Status
from tests.conftest import PASSWORD, grade_all, make_questions, make_session, make_topic, make_user


def test_the_last_grade_shows_the_level_the_change_and_the_missed_points_to_practise(live_server, page, login):
    user = make_user("ivy")
    questions = make_questions(2, topic=make_topic())
    earlier = make_session(
        user, questions, started_at=timezone.now() - timedelta(days=2), answers={1: "x"}, status=Status.SUBMITTED
    )
    grade_all(earlier, grade=2)
    session = make_session(user, questions, answers={1: "One", 2: "Two"}, status=Status.SUBMITTED)
    login(page, "ivy", PASSWORD)
    page.goto(f"{live_server.url}/interviews/{session.pk}/review/")
    first = page.locator("#question-1")
    for point in first.get_by_role("checkbox").all():
        point.check()
    first.get_by_label("4 Excellent").check()
    expect(page.get_by_text("1 of 2 graded", exact=True)).to_be_visible()
    page.locator("#question-2").get_by_label("3 Good").check()

    result = page.locator("#review-result")
    expect(result.locator(".review-score-level")).to_have_text("Excellent")
    expect(result).to_contain_text("3.5 / 4")
    expect(result).to_contain_text("+1.5 since your last session on these topics")
    missed = result.get_by_role("region", name="Key points you missed")
    expect(missed.get_by_role("link", name="Question number 2?")).to_have_attribute(
        "href", "/questions/question-model-evaluation-2/"
    )
    expect(missed.get_by_role("listitem")).to_have_count(4)  # the question and its three points
    result.get_by_role("button", name="Practise this question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Question number 2?")
    running = InterviewSession.objects.get(owner=user, status=Status.IN_PROGRESS)
    assert list(running.session_questions.values_list("question__slug", flat=True)) == ["question-model-evaluation-2"]
