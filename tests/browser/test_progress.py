import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import Status
from tests.conftest import PASSWORD, grade_all, make_question, make_session, make_topic, make_user


@pytest.fixture
def practised(db):
    """A user with three graded sessions on two topics over the last days, and one to grade."""
    owner = make_user("pia")
    roc = make_question()
    dropout = make_question(
        "dropout", prompt="What does dropout do at inference?", topic=make_topic("deep-learning", "Deep learning")
    )
    for days_ago, grade in ((3, 2), (2, 3), (1, 4)):
        session = make_session(
            owner,
            [roc, dropout],
            started_at=timezone.now() - timedelta(days=days_ago),
            answers={1: f"My ROC answer from {days_ago} days ago", 2: "Dropout zeroes activations"},
            status=Status.SUBMITTED,
        )
        grade_all(session, grade=grade)
    make_session(owner, [roc], answers={1: "Waiting for a grade"}, status=Status.SUBMITTED)
    return owner


def test_from_the_dashboard_to_a_past_session_and_back(live_server, page, login, practised):
    login(page, "pia", PASSWORD)
    expect(page.get_by_role("heading", name="Welcome back, pia")).to_be_visible()
    expect(page.get_by_role("heading", name="Needs grading")).to_be_visible()

    page.get_by_text("Show as a table").first.click()
    page.get_by_role("link", name=re.compile(r"\d+ \w+ \d{4}")).first.click()
    expect(page.get_by_role("heading", name=re.compile("^Session of"))).to_be_visible()
    expect(page.get_by_text("My ROC answer from 1 days ago")).to_be_visible()
    expect(page.get_by_text("Your grade: Excellent").first).to_be_visible()

    page.go_back()
    expect(page.get_by_role("heading", name="Welcome back, pia")).to_be_visible()

    page.get_by_role("link", name="See your history").click()
    page.locator("a.session-link").nth(2).click()
    expect(page.get_by_text("My ROC answer from 2 days ago")).to_be_visible()
    page.get_by_role("link", name="Back to history").click()
    expect(page.get_by_role("heading", name="History")).to_be_visible()


def test_the_charts_are_visible_on_a_phone(live_server, browser, practised):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("pia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    charts = page.locator("svg.chart")
    expect(charts).to_have_count(3)
    for index in range(3):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert 250 < box["width"] <= 375 and box["height"] > 60
    expect(page.get_by_text("3-day streak.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_the_history_filters_update_the_list_in_place(live_server, page, login, practised):
    login(page, "pia", PASSWORD)
    page.goto(f"{live_server.url}/interviews/history/")
    expect(page.get_by_text("4 sessions")).to_be_visible()
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Status").select_option("needs_grading")
    expect(page.get_by_text("1 session matches these filters")).to_be_visible()
    expect(page).to_have_url(re.compile(r"status=needs_grading"))
    assert page.evaluate("window.notReloaded") is True


def test_chart_text_is_at_least_12_px_on_a_phone(live_server, page, login, practised):
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, "pia", PASSWORD)
    expect(page.locator("svg.chart")).to_have_count(3)
    smallest = page.evaluate(
        """() => [...document.querySelectorAll("svg.chart")].map((svg) => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return Math.min(...[...svg.querySelectorAll("text")].map(
                (text) => parseFloat(getComputedStyle(text).fontSize) * scale));
        })"""
    )
    assert all(size >= 12 for size in smallest), smallest
