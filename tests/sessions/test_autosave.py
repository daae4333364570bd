from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sessions.models import Answer, Status
from sessions.services import LATE_MESSAGE
from tests.conftest import log_in_queries, make_session

JSON = {"Accept": "application/json"}


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def api_url(session, position: int = 1) -> str:
    """The JSON autosave of the page's script."""
    return f"/interviews/{session.pk}/answers/{position}.json"


def save_url(session, position: int = 1) -> str:
    return f"/interviews/{session.pk}/answers/{position}/"


def answer(session, position: int = 1) -> Answer:
    return Answer.objects.get(session_question__session=session, session_question__position=position)


@pytest.fixture
def session(user):
    return make_session(user, minutes=10, started_at=ago(minutes=2))


def test_an_autosave_stores_the_text_and_answers_with_the_time_left(alice_client, session):
    response = alice_client.post(api_url(session), {"text": "Precision and recall", "revision": 5000}, headers=JSON)
    assert response.status_code == 200
    payload = response.json()
    assert payload["state"] == "saved"
    assert payload["revision"] == 5000
    assert 479_000 <= payload["ms_left"] <= 480_000
    assert payload["seconds_left"] in (479, 480)
    assert payload["saved_at_display"] and payload["saved_at"]
    assert "text" not in payload
    stored = answer(session)
    assert (stored.text, stored.revision) == ("Precision and recall", 5000)
    assert stored.first_saved_at == stored.saved_at


def test_first_saved_at_stays_the_first_save(alice_client, session):
    alice_client.post(api_url(session), {"text": "One", "revision": 1}, headers=JSON)
    first = answer(session).first_saved_at
    alice_client.post(api_url(session), {"text": "One two", "revision": 2}, headers=JSON)
    stored = answer(session)
    assert stored.first_saved_at == first
    assert stored.saved_at >= first


def test_an_older_revision_never_overwrites_a_newer_one(alice_client, session):
    alice_client.post(api_url(session), {"text": "Newer text", "revision": 9000}, headers=JSON)
    response = alice_client.post(api_url(session), {"text": "Older text", "revision": 8000}, headers=JSON)
    payload = response.json()
    assert payload["state"] == "stale"
    assert payload["text"] == "Newer text"
    assert payload["revision"] == 9000
    assert "newer version" in payload["message"]
    assert answer(session).text == "Newer text"


def test_the_same_revision_twice_is_stored_once(alice_client, session):
    alice_client.post(api_url(session), {"text": "A", "revision": 7}, headers=JSON)
    assert alice_client.post(api_url(session), {"text": "B", "revision": 7}, headers=JSON).json()["state"] == "stale"
    assert answer(session).text == "A"


def test_a_plain_form_post_saves_as_of_now_and_goes_to_the_question_asked_for(alice_client, session):
    Answer.objects.filter(pk=answer(session).pk).update(revision=10)
    response = alice_client.post(save_url(session), {"text": "Without JavaScript", "go": "next"})
    assert response.status_code == 302
    assert response.url == f"/interviews/{session.pk}/?q=2"
    stored = answer(session)
    assert stored.text == "Without JavaScript"
    assert stored.revision >= 120_000  # two minutes into the session on the server's clock


@pytest.mark.parametrize(
    ("position", "go", "target"),
    [
        (2, "prev", "?q=1"),
        (1, "prev", "?q=1"),
        (3, "next", "?q=3"),
        (1, "3", "?q=3"),
        (1, "99", "?q=3"),
        (2, "", "?q=2"),
        (2, "submit", "?q=2&confirm=submit"),
        (2, "abandon", "?q=2&confirm=abandon"),
    ],
)
def test_a_plain_form_post_moves_where_asked(alice_client, session, position, go, target):
    response = alice_client.post(save_url(session, position), {"text": "x", "go": go})
    assert response.url == f"/interviews/{session.pk}/{target}"


def test_an_answer_of_20000_characters_is_saved_and_crlf_counts_as_one(alice_client, session):
    text = "a" * 19_998 + "\r\nb"
    response = alice_client.post(api_url(session), {"text": text, "revision": 1}, headers=JSON)
    assert response.json()["state"] == "saved"
    assert len(answer(session).text) == 20_000


def test_an_answer_over_20000_characters_is_refused_with_a_clear_message(alice_client, session):
    response = alice_client.post(api_url(session), {"text": "a" * 20_001, "revision": 1}, headers=JSON)
    assert response.status_code == 422
    payload = response.json()
    assert payload["state"] == "invalid"
    assert "20,001 characters long; the limit is 20,000" in payload["message"]
    assert answer(session).text == ""


def test_without_javascript_a_too_long_answer_stays_in_the_box(alice_client, session):
    text = "word " * 4_001
    response = alice_client.post(save_url(session), {"text": text})
    assert response.status_code == 422
    assert "the limit is 20,000" in response.text
    assert f">{text}</textarea>" in response.text
    assert answer(session).text == ""


def test_a_save_within_the_grace_period_still_counts(alice_client, user, settings):
    settings.INTERVIEW_GRACE_SECONDS = 60
    late = make_session(user, minutes=10, started_at=ago(minutes=10, seconds=30))
    payload = alice_client.post(api_url(late), {"text": "Just in time", "revision": 1}, headers=JSON).json()
    assert payload["state"] == "saved"
    assert payload["ms_left"] == 0
    assert payload["in_progress"] is False
    late.refresh_from_db()
    assert (late.status, late.finished_at) == (Status.EXPIRED, late.deadline)
    assert answer(late).text == "Just in time"


def test_a_save_after_the_grace_period_is_kept_as_a_late_draft_and_not_counted(alice_client, user, settings):
    settings.INTERVIEW_GRACE_SECONDS = 60
    late = make_session(user, minutes=10, started_at=ago(minutes=11, seconds=5), answers={1: "In time"})
    response = alice_client.post(api_url(late), {"text": "In time, and more", "revision": 10**6}, headers=JSON)
    assert response.status_code == 200
    payload = response.json()
    assert payload["state"] == "late"
    assert payload["message"] == LATE_MESSAGE == "Time is up: this text was kept as a late draft and is not counted."
    stored = answer(late)
    assert (stored.text, stored.late_text) == ("In time", "In time, and more")
    assert stored.late_saved_at is not None


def test_a_small_grace_period_from_the_settings_is_respected(alice_client, user, settings):
    settings.INTERVIEW_GRACE_SECONDS = 1
    late = make_session(user, minutes=1, started_at=ago(minutes=1, seconds=3))
    assert alice_client.post(api_url(late), {"text": "x", "revision": 1}, headers=JSON).json()["state"] == "late"


def test_a_late_save_of_the_text_already_counted_keeps_no_late_draft(alice_client, user):
    late = make_session(user, minutes=10, started_at=ago(hours=1), answers={1: "Same"})
    payload = alice_client.post(api_url(late), {"text": "Same", "revision": 1}, headers=JSON).json()
    assert payload["state"] == "late"
    assert "saved in time" in payload["message"]
    assert answer(late).late_text == ""


def test_of_two_late_saves_arriving_out_of_order_the_newer_draft_is_kept(alice_client, user):
    late = make_session(user, minutes=10, started_at=ago(hours=1), answers={1: "In time"})
    for text, revision in (("Newer draft", 2_000_000), ("Older draft", 1_000_000)):
        payload = alice_client.post(api_url(late), {"text": text, "revision": revision}, headers=JSON).json()
        assert payload["state"] == "late"
    stored = answer(late)
    assert (stored.text, stored.late_text, stored.late_revision) == ("In time", "Newer draft", 2_000_000)


def test_a_late_save_newer_than_the_late_draft_replaces_it(alice_client, user):
    late = make_session(user, minutes=10, started_at=ago(hours=1))
    alice_client.post(api_url(late), {"text": "First draft", "revision": 1_000_000}, headers=JSON)
    alice_client.post(api_url(late), {"text": "Second draft", "revision": 1_000_000}, headers=JSON)
    alice_client.post(api_url(late), {"text": "Third draft", "revision": 1_000_001}, headers=JSON)
    assert (answer(late).late_text, answer(late).late_revision) == ("Third draft", 1_000_001)


def test_a_late_save_older_than_the_counted_answer_keeps_no_late_draft(alice_client, user):
    late = make_session(user, minutes=10, started_at=ago(hours=1))
    Answer.objects.filter(session_question__session=late, session_question__position=1).update(
        text="Saved in time", revision=500_000
    )
    response = alice_client.post(api_url(late), {"text": "Overtaken", "revision": 400_000}, headers=JSON)
    assert "saved in time" in response.json()["message"]
    assert answer(late).late_text == ""


def test_the_same_late_text_again_keeps_the_time_it_was_first_saved(alice_client, user):
    late = make_session(user, minutes=10, started_at=ago(hours=1))
    alice_client.post(api_url(late), {"text": "Draft", "revision": 1_000_000}, headers=JSON)
    first = answer(late).late_saved_at
    alice_client.post(api_url(late), {"text": "Draft", "revision": 1_000_500}, headers=JSON)
    stored = answer(late)
    assert (stored.late_saved_at, stored.late_revision) == (first, 1_000_500)


def test_a_late_plain_form_post_replaces_a_late_draft_of_any_revision(alice_client, user):
    late = make_session(user, minutes=10, started_at=ago(hours=1))
    alice_client.post(api_url(late), {"text": "From the page", "revision": 2**31 - 1}, headers=JSON)
    alice_client.post(save_url(late), {"text": "Posted without JavaScript"})
    assert answer(late).late_text == "Posted without JavaScript"


def test_a_late_plain_form_post_goes_to_the_review_with_the_message(alice_client, user):
    late = make_session(user, minutes=10, started_at=ago(hours=1))
    response = alice_client.post(save_url(late), {"text": "After the end"}, follow=False)
    assert response.url == f"/interviews/{late.pk}/review/"
    assert answer(late).late_text == "After the end"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [LATE_MESSAGE]


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ABANDONED])
def test_a_save_to_a_finished_session_says_so_and_keeps_the_text_apart(alice_client, user, status):
    finished = make_session(user, minutes=10, started_at=ago(minutes=3), answers={1: "Final"}, status=status)
    payload = alice_client.post(api_url(finished), {"text": "From a forgotten tab", "revision": 10**7}, headers=JSON)
    assert payload.status_code == 200
    assert payload.json()["state"] == "closed"
    assert "This interview is finished" in payload.json()["message"]
    assert payload.json()["review_url"] == f"/interviews/{finished.pk}/review/"
    stored = answer(finished)
    assert (stored.text, stored.late_text) == ("Final", "From a forgotten tab")


def test_the_time_on_the_question_is_kept_and_capped_by_the_session_length(alice_client, session):
    alice_client.post(api_url(session), {"text": "x", "revision": 1, "time_spent": 42}, headers=JSON)
    assert answer(session).time_spent_seconds == 42
    alice_client.post(api_url(session), {"text": "xy", "revision": 2, "time_spent": 10}, headers=JSON)
    assert answer(session).time_spent_seconds == 42
    alice_client.post(api_url(session), {"text": "xyz", "revision": 3, "time_spent": 10**6}, headers=JSON)
    assert answer(session).time_spent_seconds == 600


def test_get_gives_the_stored_answer_to_the_page(alice_client, session):
    alice_client.post(api_url(session), {"text": "From the other tab", "revision": 77}, headers=JSON)
    payload = alice_client.get(api_url(session), headers=JSON).json()
    assert (payload["state"], payload["text"], payload["revision"], payload["in_progress"]) == (
        "current",
        "From the other tab",
        77,
        True,
    )
    assert alice_client.get(save_url(session)).url == f"/interviews/{session.pk}/?q=1"


def test_another_users_session_or_an_unknown_question_is_a_404(alice_client, other_user, session):
    theirs = make_session(other_user, [item.question for item in session.session_questions.all()])
    assert alice_client.post(api_url(theirs), {"text": "x", "revision": 1}, headers=JSON).status_code == 404
    assert alice_client.post(api_url(session, 4), {"text": "x", "revision": 1}, headers=JSON).status_code == 404
    assert answer(theirs).text == ""


def test_a_bad_revision_is_refused_not_a_500(alice_client, session):
    for revision in ("-1", "abc", str(2**31)):
        response = alice_client.post(api_url(session), {"text": "x", "revision": revision}, headers=JSON)
        assert response.status_code == 422
    assert answer(session).text == ""


def test_it_rejects_other_methods(alice_client, session):
    assert alice_client.put(save_url(session)).status_code == 405


def test_it_needs_log_in(client, session):
    response = client.post(save_url(session), {"text": "x"})
    assert response.url.startswith("/accounts/login/")
    assert answer(session).text == ""


def test_it_needs_the_csrf_token(user, session):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(api_url(session), {"text": "x", "revision": 1}, headers=JSON).status_code == 403


def test_once_the_model_answers_were_shown_a_save_in_the_grace_period_is_only_a_late_draft(alice_client, user):
    # Time ran out 10 s ago: inside the grace period, the page's last save would still count...
    session = make_session(user, minutes=10, started_at=ago(minutes=10, seconds=10), answers={1: "Before"})
    alice_client.get(f"/interviews/{session.pk}/review/")  # ...but now the model answers are on screen.

    response = alice_client.post(save_url(session), {"text": "Copied from the model answer", "revision": 999_999})
    stored = answer(session)
    assert stored.text == "Before"
    assert stored.late_text == "Copied from the model answer"
    session.refresh_from_db()
    assert session.answers_locked_at is not None
    assert response.status_code == 302
    assert alice_client.get(response.url).status_code == 200


def test_a_plain_form_post_with_an_odd_destination_saves_and_stays_on_the_question(alice_client, session):
    response = alice_client.post(save_url(session, 2), {"text": "Kept text", "go": "²"})
    assert response.url == f"/interviews/{session.pk}/?q=2"
    assert answer(session, 2).text == "Kept text"


def test_an_autosave_is_one_read_and_one_update_beyond_the_log_in(alice_client, session, django_assert_num_queries):
    alice_client.get(api_url(session), headers=JSON)  # The log-in's first request reads its time zone.
    with django_assert_num_queries(log_in_queries() + 2):
        response = alice_client.post(api_url(session), {"text": "One read, one UPDATE", "revision": 3}, headers=JSON)
    assert response.json()["state"] == "saved"
    assert answer(session).text == "One read, one UPDATE"
