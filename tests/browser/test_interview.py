import re
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from sessions.models import Answer, InterviewSession, Status
from tests.conftest import PASSWORD, make_questions, make_session, make_user


def stored_text(session, position: int = 1) -> str:
    return Answer.objects.get(session_question__session=session, session_question__position=position).text


def wait_for_stored_text(page, session, position: int, text: str) -> None:
    """Waits until the server holds `text` as the answer, asking it as the page's own check on
    focus does (the stored answer as JSON), so the browser keeps running while it waits."""
    page.wait_for_function(
        """async ([url, text]) => {
            const reply = await fetch(url, {headers: {Accept: "application/json"}});
            return reply.ok && (await reply.json()).text === text;
        }""",
        arg=[f"/interviews/{session.pk}/answers/{position}.json", text],
        polling=100,
    )
    assert stored_text(session, position) == text


def seconds_shown(page) -> int:
    minutes, seconds = page.locator("#timer-clock").inner_text().split(":")
    return int(minutes) * 60 + int(seconds)


def test_a_one_minute_interview_keeps_the_text_and_the_time_left_across_a_reload(live_server, page, login, db):
    make_questions(3)
    make_user("alice")
    login(page, "alice", PASSWORD)
    page.goto(f"{live_server.url}/interviews/start/")
    page.get_by_label("Number of questions").fill("2")
    page.get_by_label("Total minutes").fill("1")
    page.get_by_role("button", name="Start the interview").click()
    expect(page).to_have_url(re.compile(r"/interviews/\d+/$"))
    session = InterviewSession.objects.get()

    page.get_by_label("Your answer").press_sequentially("Bias is error from wrong assumptions.")
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved · \d\d:\d\d:\d\d$"))
    assert stored_text(session) == "Bias is error from wrong assumptions."
    expect(page.locator(".strip-item").first).to_have_class(re.compile("is-answered"))
    # At least a second gone (typing and saving can take less), so a reload that restarted the
    # clock would show 1:00 again.
    page.wait_for_function(
        """() => {
            const [minutes, seconds] = document.querySelector("#timer-clock").textContent.split(":");
            return Number(minutes) * 60 + Number(seconds) < 60;
        }"""
    )

    page.reload()
    expect(page.get_by_label("Your answer")).to_have_value("Bias is error from wrong assumptions.")
    left = seconds_shown(page)
    assert 30 <= left <= 59
    # The clock keeps counting down from the server's deadline.
    page.wait_for_function(
        """(left) => {
            const [minutes, seconds] = document.querySelector("#timer-clock").textContent.split(":");
            return Number(minutes) * 60 + Number(seconds) < left;
        }""",
        arg=left,
    )


def test_at_zero_the_page_submits_itself_and_lands_on_the_review_with_the_text_saved(
    live_server, page, login, settings, db
):
    settings.INTERVIEW_GRACE_SECONDS = 2
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=1, started_at=timezone.now() - timedelta(seconds=56))
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    expect(page.locator("#timer")).to_have_class(re.compile("is-red"))
    page.get_by_label("Your answer").fill("Typed in the last seconds")
    page.wait_for_url(f"{live_server.url}/interviews/{session.pk}/review/", timeout=15_000)
    session.refresh_from_db()
    assert session.status == Status.EXPIRED
    assert session.finished_at == session.deadline
    assert stored_text(session) == "Typed in the last seconds"

    # A reload at zero lands on the review again, never on an error from this page.
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    expect(page).to_have_url(f"{live_server.url}/interviews/{session.pk}/review/")


def test_text_typed_offline_reaches_the_server_once_back_online(live_server, page, context, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10)
    page.goto(f"{live_server.url}/interviews/{session.pk}/?q=2")

    context.set_offline(True)
    page.get_by_label("Your answer").fill("Written on a train without network")
    expect(page.locator("#save-status")).to_contain_text("Not saved, retrying", timeout=10_000)
    assert stored_text(session, 2) == ""
    draft = page.evaluate(f"localStorage.getItem('interviewprep:draft:{session.pk}:2')")
    assert "Written on a train without network" in draft

    context.set_offline(False)
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved · "))
    assert stored_text(session, 2) == "Written on a train without network"
    assert page.evaluate(f"localStorage.getItem('interviewprep:draft:{session.pk}:2')") is None


def test_text_typed_while_logged_out_reaches_the_server_after_logging_in_again_elsewhere(
    live_server, page, context, login, db
):
    """Logging in again rotates the CSRF token the page was served with: the saves read the new
    one, and meanwhile the page says plainly what to do and keeps the text."""
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10)
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    answer, status = page.get_by_label("Your answer"), page.locator("#save-status")
    answer.press_sequentially("Typed first.")
    expect(status).to_have_text(re.compile(r"^Saved · "))

    other = context.new_page()
    other.goto(f"{live_server.url}/")
    other.get_by_role("button", name="Log out").click()
    expect(other.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")).to_be_visible()
    answer.press_sequentially(" Typed while logged out.")
    expect(status).to_have_text(
        "You are logged out: log in again in another tab; your text is kept here and will be sent."
    )
    assert stored_text(session) == "Typed first."
    draft = page.evaluate(f"localStorage.getItem('interviewprep:draft:{session.pk}:1')")
    assert "Typed first. Typed while logged out." in draft

    login(other, "alice", PASSWORD)
    answer.press_sequentially(" Typed after logging in again.")
    expect(status).to_have_text(re.compile(r"^Saved · \d\d:\d\d:\d\d$"))
    assert stored_text(session) == "Typed first. Typed while logged out. Typed after logging in again."
    assert page.evaluate(f"localStorage.getItem('interviewprep:draft:{session.pk}:1')") is None


def test_a_draft_the_server_never_got_is_restored_and_sent_when_the_page_reopens(live_server, page, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10)
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    # As left behind by a tab closed while offline.
    page.evaluate(
        f"localStorage.setItem('interviewprep:draft:{session.pk}:1', "
        "JSON.stringify({text: 'Never reached the server', revision: 5000}))"
    )
    page.reload()
    expect(page.get_by_label("Your answer")).to_have_value("Never reached the server")
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved · "))
    assert stored_text(session) == "Never reached the server"


def test_two_pages_on_the_same_session_typing_in_turn_keep_the_newer_text(live_server, page, context, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10)
    first, second = page, context.new_page()
    first.goto(f"{live_server.url}/interviews/{session.pk}/")
    second.goto(f"{live_server.url}/interviews/{session.pk}/")

    first.get_by_label("Your answer").fill("Written in the first tab")
    expect(first.locator("#save-status")).to_have_text(re.compile(r"^Saved · "))
    assert stored_text(session) == "Written in the first tab"

    # The second tab picks up the newer text when its box gets the focus, then adds to it. The
    # box had the focus since the page opened (focus mode): coming back to a tab or window gives
    # it the focus again, which blur-then-click plays here.
    second.get_by_label("Your answer").blur()
    second.get_by_label("Your answer").click()
    expect(second.get_by_label("Your answer")).to_have_value("Written in the first tab")
    second.get_by_label("Your answer").press("End")
    second.get_by_label("Your answer").press_sequentially(", and more in the second")
    expect(second.locator("#save-status")).to_have_text(re.compile(r"^Saved · "))
    assert stored_text(session) == "Written in the first tab, and more in the second"

    first.get_by_label("Your answer").fill("The first tab has the last word")
    expect(first.locator("#save-status")).to_have_text(re.compile(r"^Saved · "))
    assert stored_text(session) == "The first tab has the last word"


def test_moving_between_questions_saves_first_and_never_loses_a_keystroke(live_server, page, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10)
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    page.get_by_label("Your answer").fill("Answer one, typed and left at once")
    page.get_by_role("button", name="Next →").click()
    expect(page).to_have_url(f"{live_server.url}/interviews/{session.pk}/?q=2")
    assert stored_text(session) == "Answer one, typed and left at once"
    expect(page.get_by_role("button", name="Question 1, answered")).to_be_visible()

    page.get_by_role("button", name="Submit interview…").click()
    expect(page.get_by_role("dialog")).to_be_visible()
    page.get_by_role("link", name="Keep answering").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    page.get_by_role("button", name="Submit interview…").click()
    page.get_by_role("button", name="Submit now").click()
    page.wait_for_url(f"{live_server.url}/interviews/{session.pk}/review/")
    session.refresh_from_db()
    assert session.status == Status.SUBMITTED


def test_text_typed_just_before_closing_the_tab_is_sent_as_the_page_goes(live_server, page, context, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10)
    page.goto(f"{live_server.url}/interviews/{session.pk}/?q=3")
    page.get_by_label("Your answer").fill("Typed and closed at once")
    page.close(run_before_unload=False)
    probe = context.new_page()
    probe.goto(f"{live_server.url}/interviews/history/")
    wait_for_stored_text(probe, session, 3, "Typed and closed at once")


def test_a_save_after_the_grace_period_is_shown_as_a_late_draft(live_server, page, login, settings, db):
    """The page believes time is left (a laptop woke from sleep) but the server's clock says
    otherwise: the text is kept apart, and the page says so plainly."""
    settings.INTERVIEW_GRACE_SECONDS = 5
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10)
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    # Stay on the page to read it: the page's own submit at zero goes nowhere.
    page.route(f"**{page.locator('#interview').get_attribute('data-submit-url')}", lambda route: route.abort())
    now = timezone.now()
    InterviewSession.objects.filter(pk=session.pk).update(
        started_at=now - timedelta(minutes=20), deadline=now - timedelta(minutes=10)
    )
    page.get_by_label("Your answer").fill("Typed after the laptop woke up")
    expect(page.get_by_role("alert")).to_contain_text(
        "Time is up: this text was kept as a late draft and is not counted."
    )
    expect(page.get_by_label("Your answer")).to_have_js_property("readOnly", True)
    answer = Answer.objects.get(session_question__session=session, session_question__position=1)
    assert (answer.text, answer.late_text) == ("", "Typed after the laptop woke up")


def test_the_clock_ignores_a_wrong_system_clock_and_resyncs_from_the_server(live_server, page, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10, started_at=timezone.now() - timedelta(minutes=2))
    # The computer's clock is years off: the page never compares it with the server's deadline.
    page.clock.install(time=datetime(2001, 1, 1, tzinfo=UTC))
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    assert 470 <= seconds_shown(page) <= 480
    # The page's clock runs a minute fast (a suspended laptop, a throttled tab)...
    page.clock.fast_forward("01:00")
    assert 410 <= seconds_shown(page) <= 420
    # ...and the next save's answer puts it right.
    page.get_by_label("Your answer").fill("Resync, please")
    page.get_by_label("Your answer").blur()
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved · "))
    page.clock.run_for(500)
    assert 465 <= seconds_shown(page) <= 480


def test_without_javascript_the_forms_save_move_and_submit(live_server, browser, db):
    user = make_user("alice")
    session = make_session(user, minutes=10)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    page.get_by_label("Your answer").fill("Posted by a plain form")
    page.get_by_role("button", name="Next →").click()
    expect(page).to_have_url(f"{live_server.url}/interviews/{session.pk}/?q=2")
    assert stored_text(session) == "Posted by a plain form"

    page.get_by_label("Your answer").fill("Second answer")
    page.get_by_role("button", name="Submit interview…").click()
    assert stored_text(session, 2) == "Second answer"
    expect(page.get_by_role("heading", name="Submit the interview now?")).to_be_visible()
    page.get_by_role("button", name="Submit now").click()
    expect(page).to_have_url(f"{live_server.url}/interviews/{session.pk}/review/")
    session.refresh_from_db()
    assert session.status == Status.SUBMITTED
    context.close()


def test_while_the_server_fails_the_page_says_so_keeps_the_text_and_sends_it_once_it_is_back(
    live_server, page, login, db
):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user, minutes=10)
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    # The server answers 503 to every save, as while its database is briefly down.
    failing = "**/answers/*.json"
    page.route(failing, lambda route: route.fulfill(status=503, body="Service unavailable"))
    page.get_by_label("Your answer").fill("Typed during an outage")
    expect(page.locator("#save-status")).to_contain_text("Server trouble: your text is kept here and will be sent")
    assert stored_text(session) == ""
    page.unroute(failing)
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Saved · \d\d:\d\d:\d\d$"), timeout=20_000)
    assert stored_text(session) == "Typed during an outage"


def test_the_timer_turns_amber_with_a_fifth_left_then_red_and_pulsing_in_the_last_30_seconds(
    live_server, page, login, db
):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    # 10 minutes: amber from 2:00 left, red from 1:00, pulsing from 0:30.
    session = make_session(user, minutes=10, started_at=timezone.now() - timedelta(seconds=10 * 60 - 100))
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    timer = page.locator("#timer")
    expect(timer).to_have_class(re.compile(r"\bis-amber\b"))
    expect(timer).not_to_have_class(re.compile(r"\bis-red\b|\bis-pulsing\b"))

    session.started_at -= timedelta(seconds=80)
    session.deadline -= timedelta(seconds=80)
    session.save()
    page.reload()
    expect(timer).to_have_class(re.compile(r"\bis-red\b"))
    expect(timer).to_have_class(re.compile(r"\bis-pulsing\b"))


def test_typing_shows_saving_then_saved_with_the_time_never_an_alarm(live_server, page, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user)
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    status = page.locator("#save-status")
    page.get_by_label("Your answer").press_sequentially("Calm")
    expect(status).to_have_text("Saving…")
    expect(status).not_to_have_class(re.compile(r"\bis-(error|overdue)\b"))
    expect(status).to_have_text(re.compile(r"^Saved · \d\d:\d\d:\d\d$"))
    wait_for_stored_text(page, session, 1, "Calm")


def test_the_abandon_dialog_opens_with_the_focus_on_keep_answering(live_server, page, login, db):
    user = make_user("alice")
    login(page, "alice", PASSWORD)
    session = make_session(user)
    page.goto(f"{live_server.url}/interviews/{session.pk}/")
    page.get_by_role("button", name="Exit…").click()
    dialog = page.locator("#abandon-dialog")
    expect(dialog.get_by_role("link", name="Keep answering")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    session.refresh_from_db()
    assert session.status == Status.IN_PROGRESS
