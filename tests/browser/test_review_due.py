"""Spaced repetition in a real browser: grading moves "Due today", and the dashboard's Review due
starts a session of what is still due."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import Status
from tests.conftest import PASSWORD, make_questions, make_session, make_user


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}], ids=["laptop", "phone"]
)
def test_grading_moves_due_today_and_review_due_starts_the_rest(live_server, page, login, viewport):
    page.set_viewport_size(viewport)
    user = make_user("kim")
    first, second, _ = make_questions(3)
    # Five days ago both were missed: both are due now.
    five_days_ago = timezone.now() - timedelta(days=5)
    old = make_session(
        user, [first, second], started_at=five_days_ago, answers={1: "No idea", 2: "No idea"}, status=Status.SUBMITTED
    )
    for item in old.session_questions.all():
        item.record_self_grade(1, [], "", now=five_days_ago + timedelta(minutes=20))
    today = make_session(user, [first], answers={1: "A much better answer"}, status=Status.SUBMITTED)

    login(page, "kim", PASSWORD)
    expect(page.get_by_role("heading", name="Due today: 2 questions")).to_be_visible()

    page.goto(f"{live_server.url}/interviews/{today.pk}/review/")
    page.locator("#question-1").get_by_label("3 Good").check()
    expect(page.locator("#question-1 .review-save-status")).to_contain_text("✓ Saved: Good")

    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Due today: 1 question")).to_be_visible()
    page.get_by_role("button", name="Review due").click()
    page.wait_for_url(f"{live_server.url}/interviews/*/")
    expect(page.get_by_text(second.prompt)).to_be_visible()
    expect(page.get_by_text(first.prompt)).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
