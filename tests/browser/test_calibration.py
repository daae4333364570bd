"""Re-grading an old answer blind in a real browser, from the dashboard."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import BlindRegrade, Status
from tests.conftest import PASSWORD, make_question, make_session, make_user


def test_a_user_regrades_an_old_answer_blind_from_the_dashboard(live_server, page, login):
    user = make_user("lee")
    ten_days_ago = timezone.now() - timedelta(days=10)
    session = make_session(
        user, [make_question()], started_at=ten_days_ago, answers={1: "ROC is a curve of TPR."}, status=Status.SUBMITTED
    )
    session.session_questions.get().record_self_grade(4, [], "Proud of this one", now=ten_days_ago)

    login(page, "lee", PASSWORD)
    page.get_by_role("link", name="Re-grade an old answer").click()
    expect(page.get_by_text("ROC is a curve of TPR.")).to_be_visible()
    expect(page.get_by_text("Proud of this one")).to_have_count(0)
    page.get_by_label("Partial").check()
    page.get_by_role("button", name="Save the blind grade").click()
    expect(page.get_by_text("Re-graded Partial; you first graded it Excellent.")).to_be_visible()
    expect(page.get_by_role("heading", name="No old answer to re-grade")).to_be_visible()
    assert BlindRegrade.objects.get().grade == 2
