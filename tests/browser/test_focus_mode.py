"""Focus mode while an interview runs: no site navigation, the question as the main heading, the
answer box focused as each question opens, a live word count, and an exit that asks first."""

from playwright.sync_api import expect

from sessions.models import Status
from tests.conftest import PASSWORD, make_questions, make_session, make_user


def test_the_interview_opens_with_the_answer_focused_under_the_question_as_its_heading(live_server, page, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, make_questions(2), minutes=10)
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    answer = page.get_by_label("Your answer")
    expect(answer).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_have_text("Question number 1?")
    expect(page.get_by_role("navigation", name="Main")).to_have_count(0)
    expect(page.locator("#word-count")).to_have_text("0 words")
    page.keyboard.type("Bias and  variance trade")
    expect(page.locator("#word-count")).to_have_text("4 words")
    expect(page.locator("#save-status")).to_contain_text("Saved · ")
    page.get_by_role("button", name="Next →").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Question number 2?")
    expect(page.get_by_label("Your answer")).to_be_focused()
    expect(page.locator(".focus-progress")).to_have_text("Question 2 of 2")
    expect(page.locator(".strip-summary")).to_have_text("1 of 2 answered")


def test_exit_asks_first_and_keep_answering_goes_back_to_the_answer(live_server, page, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10)
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    expect(page.get_by_label("Your answer")).to_be_focused()
    page.get_by_role("button", name="Exit…").click()
    dialog = page.get_by_role("dialog", name="Abandon this interview?")
    expect(dialog.get_by_role("link", name="Keep answering")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.get_by_label("Your answer")).to_be_focused()
    page.get_by_role("button", name="Exit…").click()
    dialog.get_by_role("button", name="Abandon it").click()
    expect(page.get_by_text("Interview abandoned.")).to_be_visible()
    session.refresh_from_db()
    assert session.status == Status.ABANDONED
