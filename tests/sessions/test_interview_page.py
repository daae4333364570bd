import re
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sessions.models import Status
from tests.conftest import make_question, make_questions, make_session, make_topic

SECRET_ANSWER = "The model answer mentions the Neyman-Pearson lemma"


def url(session, q=None) -> str:
    return f"/interviews/{session.pk}/" + (f"?q={q}" if q is not None else "")


def ms_left_in(html: str) -> int:
    return int(re.search(r'data-ms-left="(\d+)"', html).group(1))


def test_it_shows_the_first_question_with_the_strip_the_clock_and_an_empty_answer(alice_client, user):
    session = make_session(user, minutes=10)
    response = alice_client.get(url(session))
    assert response.status_code == 200
    assert "Question number 1?" in response.text
    assert "Question <strong>1</strong> of 3" in response.text
    assert '<h1 id="question-heading" class="question-prompt">Question number 1?</h1>' in response.text
    assert response.text.count('class="strip-item') == 3
    assert 'aria-current="step"' in response.text
    assert "Suggested: about 3 min" in response.text
    assert 'id="timer-clock">10:00<' in response.text or 'id="timer-clock">9:59<' in response.text
    assert '<textarea name="text"' in response.text
    assert "Nothing typed yet" in response.text


def test_the_model_answer_and_key_points_are_never_in_the_page_of_a_session_in_progress(alice_client, user):
    question = make_question(model_answer=SECRET_ANSWER, common_mistakes="Confusing it with lift")
    session = make_session(user, [question])
    response = alice_client.get(url(session))
    assert "Neyman-Pearson" not in response.text
    assert "Confusing it with lift" not in response.text
    assert "AUC is the probability" not in response.text


def test_q_chooses_the_question_shown(alice_client, user):
    session = make_session(user)
    response = alice_client.get(url(session, 2))
    assert "Question number 2?" in response.text
    assert 'name="go" value="prev"' in response.text and 'name="go" value="next"' in response.text


def test_an_unknown_question_is_a_404(alice_client, user):
    session = make_session(user)
    for q in ("0", "4", "abc", ""):
        assert alice_client.get(url(session, q)).status_code == 404


def test_another_users_session_is_a_404(alice_client, other_user):
    session = make_session(other_user)
    assert alice_client.get(url(session)).status_code == 404
    assert alice_client.get("/interviews/999999/").status_code == 404


def test_it_needs_log_in(client, user):
    session = make_session(user)
    assert client.get(url(session)).url == f"/accounts/login/?next={url(session)}"


def test_it_rejects_a_post(alice_client, user):
    assert alice_client.post(url(make_session(user))).status_code == 405


def test_the_time_left_comes_from_the_servers_deadline(alice_client, user):
    session = make_session(user, minutes=10, started_at=timezone.now() - timedelta(minutes=4))
    response = alice_client.get(url(session))
    assert 359_000 <= ms_left_in(response.text) <= 360_000
    assert 'id="timer-clock">6:00<' in response.text or 'id="timer-clock">5:59<' in response.text
    assert 'data-total-ms="600000"' in response.text


def test_resuming_shows_every_saved_answer_and_marks_the_answered_questions(alice_client, user):
    session = make_session(user, answers={1: "First answer", 3: "Third <answer>"})
    first = alice_client.get(url(session, 1)).text
    third = alice_client.get(url(session, 3)).text
    assert ">First answer</textarea>" in first
    assert ">Third &lt;answer&gt;</textarea>" in third
    assert first.count("strip-item is-answered") == 2
    assert "2</span> of 3 answered" in first.replace('<span id="answered-count">', "")


def test_a_finished_session_goes_to_its_review(alice_client, user):
    for status in (Status.SUBMITTED, Status.EXPIRED, Status.ABANDONED):
        session = make_session(user, make_questions(1, topic=make_topic(status)), status=status)
        response = alice_client.get(url(session))
        assert (response.status_code, response.url) == (302, f"/interviews/{session.pk}/review/")


def test_the_htmx_variant_of_a_finished_session_redirects_the_whole_page(alice_client, user):
    session = make_session(user, status=Status.SUBMITTED)
    response = alice_client.get(url(session), headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == f"/interviews/{session.pk}/review/"


def test_confirm_opens_the_submit_or_abandon_dialog_without_javascript(alice_client, user):
    session = make_session(user)
    assert 'id="submit-dialog" aria-labelledby="submit-dialog-title" open' in alice_client.get(
        url(session) + "?confirm=submit"
    ).text.replace("\n", "")
    page = alice_client.get(url(session) + "?confirm=abandon").text
    assert 'aria-labelledby="abandon-dialog-title" open' in page
    assert 'aria-labelledby="submit-dialog-title" open' not in page
    assert " open>" not in alice_client.get(url(session)).text


def test_it_reads_the_sessions_questions_once(alice_client, user):
    session = make_session(user, answers={1: "Saved"})
    with CaptureQueriesContext(connection) as queries:
        response = alice_client.get(url(session, 2))
    assert response.status_code == 200
    assert sum('FROM "interviews_sessionquestion"' in query["sql"] for query in queries) == 1


def test_focus_mode_has_no_site_navigation_only_the_bar_with_progress_timer_and_exit(alice_client, user):
    session = make_session(user, minutes=10, answers={1: "Two words"})
    html = alice_client.get(url(session, 2)).text
    assert 'aria-label="Main"' not in html and "site-header" not in html and "site-footer" not in html
    assert 'class="is-focus-mode"' in html
    assert "Question <strong>2</strong> of 3" in html
    assert 'form="answer-form" name="go" value="abandon"' in html and "Exit…" in html
    assert html.count('value="abandon"') == 1


def test_the_word_count_starts_from_the_saved_answer(alice_client, user):
    session = make_session(user, minutes=10, answers={1: "Precision and  recall\ntrade off"})
    assert '<span class="word-count" id="word-count">5 words</span>' in alice_client.get(url(session, 1)).text
    assert '<span class="word-count" id="word-count">0 words</span>' in alice_client.get(url(session, 2)).text


def test_the_exit_post_without_javascript_opens_the_abandon_question(alice_client, user):
    session = make_session(user, minutes=10)
    response = alice_client.post(
        reverse("interviews:save_answer", args=[session.pk, 1]), {"text": "Kept", "go": "abandon"}, follow=True
    )
    assert (
        "Abandon this interview?" in response.text
        and 'id="abandon-dialog" aria-labelledby="abandon-dialog-title" open' in response.text
    )
