"""The Content-Security-Policy forbids inline scripts and styles. This walks the main pages,
including htmx swaps and KaTeX typesetting, and fails on anything the browser refused."""

from playwright.sync_api import expect

from sessions.models import Status
from tests.conftest import PASSWORD, make_question, make_session, make_user


def test_no_page_breaks_the_content_security_policy(live_server, page, login, db):
    user = make_user("ivy")
    question = make_question(slug="l1-l2", model_answer="The penalty is $\\lambda \\lVert w \\rVert_1$.\n\n$$\nx^2\n$$")
    others = [make_question(slug=f"other-{i}", prompt=f"Other question {i}?") for i in (1, 2)]
    finished = make_session(
        user, questions=[question, *others], answers={1: "An answer", 2: "Another"}, status=Status.SUBMITTED
    )
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )

    login(page, "ivy", PASSWORD)
    pages = {
        "/": "Welcome back, ivy",
        "/questions/": "Question bank",
        "/questions/?q=penalty": "Question bank",
        "/interviews/start/": "Start a mock interview",
        "/interviews/history/": "History",
    }
    for path, heading in pages.items():
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)

    page.goto(f"{live_server.url}/questions/l1-l2/")
    page.get_by_text("Show model answer").click()
    expect(page.locator(".katex").first).to_be_visible()

    page.goto(f"{live_server.url}/interviews/{finished.pk}/review/")
    # Grading with the keyboard swaps each question's card and the progress bar (htmx, out of
    # band): each key waits for the swap it causes, as a user waits to see the grade saved.
    for position, grade in enumerate("342", start=1):
        if position > 1:
            page.keyboard.press("n")
            expect(page.locator(f"#question-{position}")).to_be_focused()
        page.keyboard.press(grade)
        expect(page.locator(f"#question-{position} .review-save-status")).to_contain_text("✓ Saved")
    expect(page.locator("#review-progress")).to_contain_text("All 3 graded")

    page.goto(f"{live_server.url}/interviews/history/{finished.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Session of")
    expect(page.locator(".katex").first).to_be_visible()
    assert refused == []
