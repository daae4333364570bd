"""Text typed during an interview that never reached the server (offline when the time ran
out, say) waits in localStorage; the review page sends it, and it is kept as a late draft."""

import json

from playwright.sync_api import expect

from sessions.models import Answer, Status
from tests.conftest import PASSWORD, make_session, make_user


def test_the_review_page_sends_text_the_browser_never_saved_and_shows_it_as_a_late_draft(live_server, page, login, db):
    user = make_user("jules")
    session = make_session(user, answers={1: "Saved in time"}, status=Status.EXPIRED)
    login(page, "jules", PASSWORD)
    key = f"interviewprep:draft:{session.pk}:2"
    draft = {"text": "Typed while offline", "revision": 50_000}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, json.dumps(draft)])

    page.goto(f"{live_server.url}/interviews/{session.pk}/review/")

    expect(page.get_by_text("Typed while offline")).to_be_visible()
    expect(page.get_by_text("Late draft, not counted").first).to_be_visible()
    second = Answer.objects.get(session_question__session=session, session_question__position=2)
    assert (second.text, second.late_text) == ("", "Typed while offline")
    assert page.evaluate("(key) => localStorage.getItem(key)", key) is None


def test_a_draft_the_server_already_has_is_simply_forgotten(live_server, page, login, db):
    user = make_user("kim")
    session = make_session(user, answers={1: "Saved in time"}, status=Status.SUBMITTED)
    login(page, "kim", PASSWORD)
    key = f"interviewprep:draft:{session.pk}:1"
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [key, json.dumps({"text": "Old", "revision": 1})]
    )

    page.goto(f"{live_server.url}/interviews/{session.pk}/review/")
    expect(page.get_by_role("heading", name="Review your interview")).to_be_visible()
    # unsent-drafts.js asks the server, finds the text there, and forgets the draft.
    page.wait_for_function("(key) => localStorage.getItem(key) === null", arg=key)
    first = Answer.objects.get(session_question__session=session, session_question__position=1)
    assert (first.text, first.late_text) == ("Saved in time", "")
