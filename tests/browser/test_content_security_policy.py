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
    for path in ("/", "/questions/", "/questions/?q=penalty", "/interviews/start/", "/interviews/history/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")

    page.goto(f"{live_server.url}/questions/l1-l2/")
    page.get_by_text("Show model answer").click()
    expect(page.locator(".katex").first).to_be_visible()

    page.goto(f"{live_server.url}/interviews/{finished.pk}/review/")
    # Grading with the keyboard swaps each question's card and the progress bar (htmx, out of band).
    for key in ("3", "n", "4", "n", "2"):
        page.keyboard.press(key)
        page.wait_for_load_state("networkidle")
    expect(page.get_by_text("All 3 graded")).to_be_visible()

    page.goto(f"{live_server.url}/interviews/history/{finished.pk}/")
    page.wait_for_load_state("networkidle")
    assert refused == []
