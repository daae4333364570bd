"""Property-based fuzzing of every form and endpoint with hypothesis: huge and empty strings, NUL
bytes (PostgreSQL refuses them in text), lone surrogates (sent as the invalid UTF-8 a broken
client would send), negative and overflowing integers, repeated and missing fields.

Whatever arrives: never a 500, nothing written when the input is refused, and the typed text
comes back in the form. Bounded and deterministic (derandomize, a fixed number of examples), so
each run tries the same inputs on SQLite and on PostgreSQL."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import Profile
from sessions.models import Answer, InterviewSession, SelfGrade, SessionKeyPoint, Status
from tests.conftest import PASSWORD, make_question, make_session

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=20,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

SURROGATES = ["\ud800", "\udfff", "\udc80"]
SPECIAL = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example")',
    "'; DROP TABLE auth_user; --",
    "%00",
    "../../etc/passwd",
    "\u202e\u200b\ufeff",
]

nasty_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(SPECIAL),
    st.tuples(st.text(max_size=8), st.sampled_from(SURROGATES), st.text(max_size=8)).map("".join),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["x" * 25_000, "é" * 120_000]),
)


def form_data(fields: list[str], values=nasty_text):
    """Any subset of the fields (so some are missing), each sent 0 to 3 times."""
    return st.dictionaries(st.sampled_from(fields), st.lists(values, min_size=1, max_size=3), max_size=len(fields))


def body(data: dict[str, list[str]]) -> bytes:
    """A urlencoded body as a broken client could send it: lone surrogates become invalid UTF-8."""
    return urlencode(data, doseq=True, encoding="utf-8", errors="surrogatepass").encode("ascii")


def post(client: Client, url: str, data: dict[str, list[str]], **extra):
    response = client.post(url, body(data), content_type="application/x-www-form-urlencoded", **extra)
    assert response.status_code < 500, (url, data)
    return response


def get(client: Client, url: str, data: dict[str, list[str]]):
    response = client.get(url + "?" + body(data).decode())
    assert response.status_code < 500, (url, data)
    return response


def shows_typed(response, value: str) -> bool:
    """Whether what was typed is shown again (escaped), for text a page can show as it is."""
    return escape(value) in response.content.decode()


def is_plain(value: str) -> bool:
    return "\x00" not in value and not any(0xD800 <= ord(c) <= 0xDFFF for c in value) and value == value.strip()


def answers_of(session: InterviewSession) -> list:
    return list(Answer.objects.filter(session_question__session=session).order_by("pk").values_list("text", "revision"))


def grades_of(session: InterviewSession) -> list:
    grades = list(SelfGrade.objects.filter(session_question__session=session).values_list("grade", "note"))
    ticks = list(SessionKeyPoint.objects.filter(session_question__session=session).values_list("covered", flat=True))
    return grades + ticks


@pytest.fixture
def a_question(db):
    return make_question(slug="any-question")


@pytest.fixture
def running(alice_client, user):
    return make_session(user, [make_question(slug=f"fuzz-{i}") for i in range(2)], minutes=60)


@pytest.fixture
def finished(user):
    return make_session(
        user, [make_question(slug=f"done-{i}") for i in range(2)], answers={1: "An answer"}, status=Status.SUBMITTED
    )


@FUZZ
@given(data=form_data(["text", "revision", "time_spent", "go"]))
def test_an_autosave_never_fails_and_a_refused_one_changes_nothing(alice_client, running, data):
    before = answers_of(running)
    response = post(alice_client, f"/interviews/{running.pk}/answers/1.json", data)
    if response.status_code != 200 or response.json()["state"] != "saved":
        assert answers_of(running) == before


@FUZZ
@given(data=form_data(["text", "revision", "time_spent", "go"]))
def test_the_plain_answer_form_keeps_what_was_typed_when_it_refuses_it(alice_client, running, data):
    before = answers_of(running)
    response = post(alice_client, f"/interviews/{running.pk}/answers/1/", data)
    if response.status_code != 302:
        assert answers_of(running) == before
        text = data.get("text", [""])[-1]
        if response.status_code == 422 and is_plain(text) and text:
            assert shows_typed(response, text[:200])


@FUZZ
@given(data=form_data(["question_count", "minutes", "topics", "difficulty", "accept_fewer", "loop"]))
def test_starting_a_session_with_any_fields_never_fails(alice_client, user, a_question, data):
    before = InterviewSession.objects.count()
    response = post(alice_client, "/interviews/start/", data)
    if response.status_code != 302:
        assert InterviewSession.objects.count() == before
    InterviewSession.objects.filter(status=Status.IN_PROGRESS).update(status=Status.ABANDONED)


@FUZZ
@given(data=form_data(["covered", "grade", "note"]))
def test_grading_with_any_fields_never_fails_and_a_refused_grade_changes_nothing(alice_client, finished, data):
    before = grades_of(finished)
    response = post(alice_client, f"/interviews/{finished.pk}/review/1/", data)
    if response.status_code == 400:
        assert grades_of(finished) == before
        note = data.get("note", [""])[-1]
        if is_plain(note) and note:
            assert shows_typed(response, note[:200])


@FUZZ
@given(data=form_data(["covered", "grade", "note"]))
def test_grading_through_htmx_never_fails(alice_client, finished, data):
    post(alice_client, f"/interviews/{finished.pk}/review/2/", data, HTTP_HX_REQUEST="true")


@FUZZ
@given(data=form_data(["confirm", "next", "csrfmiddlewaretoken"]))
def test_submit_and_abandon_ignore_whatever_else_is_sent(alice_client, user, running, data):
    InterviewSession.objects.filter(owner=user, status=Status.IN_PROGRESS).update(status=Status.ABANDONED)
    session = make_session(user, [item.question for item in running.session_questions.all()])
    post(alice_client, f"/interviews/{session.pk}/abandon/", data)
    post(alice_client, f"/interviews/{session.pk}/submit/", data)
    post(alice_client, f"/interviews/{session.pk}/submit.json", data)


@FUZZ
@given(data=form_data(["status", "topic", "page"]))
def test_history_filters_never_fail(alice_client, finished, data):
    before = InterviewSession.objects.count()
    get(alice_client, "/interviews/history/", data)
    get(alice_client, "/", data)
    assert InterviewSession.objects.count() == before


@FUZZ
@given(fmt=nasty_text.filter(lambda s: "/" not in s and "?" not in s and "#" not in s), data=form_data(["status"]))
def test_export_in_any_format_never_fails(alice_client, finished, fmt, data):
    from urllib.parse import quote

    response = alice_client.get(
        "/interviews/history/export." + quote(fmt, errors="surrogatepass") + "?" + body(data).decode()
    )
    assert response.status_code < 500
    if fmt not in ("csv", "json"):
        assert response.status_code == 404


@FUZZ
@given(data=form_data(["q", "topic", "area", "kind", "difficulty", "page", "tag"]))
def test_question_filters_and_search_never_fail(alice_client, a_question, data):
    get(alice_client, "/questions/", data)


@FUZZ
@given(slug=nasty_text)
def test_any_question_address_is_a_page_or_a_404(alice_client, slug):
    from urllib.parse import quote

    response = alice_client.get("/questions/" + quote(slug, safe="", errors="surrogatepass") + "/")
    assert response.status_code in (200, 301, 404)


@FUZZ
@given(data=form_data(["username", "email", "password1", "password2", "time_zone", "next"]))
def test_sign_up_never_fails_and_keeps_the_username_when_it_refuses(db, data):
    client = Client()
    before = User.objects.count()
    response = post(client, "/accounts/signup/", data)
    if response.status_code != 302:
        assert User.objects.count() == before
        username = data.get("username", [""])[-1]
        if is_plain(username) and username and len(username) < 100:
            assert shows_typed(response, username)


@FUZZ
@given(data=form_data(["username", "password", "next"]))
def test_log_in_never_fails(user, data):
    client = Client()
    post(client, "/accounts/login/", data)
    assert User.objects.get(username="alice").check_password(PASSWORD)


@FUZZ
@given(data=form_data(["time_zone"]))
def test_settings_never_fail_and_a_refused_zone_changes_nothing(alice_client, user, data):
    before = Profile.for_user(user).time_zone
    response = post(alice_client, "/accounts/settings/", data)
    if response.status_code != 302:
        assert Profile.objects.get(user=user).time_zone == before


@FUZZ
@given(data=form_data(["old_password", "new_password1", "new_password2"]))
def test_password_change_never_fails_and_a_refused_one_keeps_the_password(alice_client, user, data):
    response = post(alice_client, "/accounts/password/change/", data)
    if response.status_code != 302:
        assert User.objects.get(pk=user.pk).check_password(PASSWORD)


@FUZZ
@given(data=form_data(["email"]))
def test_password_reset_never_fails_and_changes_no_password(user, data):
    post(Client(), "/accounts/password/reset/", data)
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


@FUZZ
@given(uid=nasty_text, token=nasty_text, data=form_data(["new_password1", "new_password2"]))
def test_a_reset_link_with_any_uid_and_token_never_fails(user, uid, token, data):
    from urllib.parse import quote

    url = (
        "/accounts/password/reset/"
        + quote(uid or "x", safe="", errors="surrogatepass")
        + "/"
        + quote(token or "x", safe="", errors="surrogatepass")
        + "/"
    )
    client = Client()
    assert client.get(url).status_code in (200, 302, 404)
    post(client, url, data)
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


@FUZZ
@given(data=form_data(["password"]))
def test_delete_account_never_fails_and_a_wrong_password_deletes_nothing(alice_client, user, data):
    response = post(alice_client, "/accounts/delete/", data)
    if data.get("password", [""])[-1] != PASSWORD:
        assert response.status_code != 302
        assert User.objects.filter(pk=user.pk).exists()
