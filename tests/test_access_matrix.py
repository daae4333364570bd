"""Every URL pattern of the site (admin aside), tried as a visitor, as another user, as the owner,
and with a method it does not take, with and without htmx. A pattern added later without a row
here fails test_every_url_pattern_has_a_row: decide who may see it, then add it."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from sessions.models import Status
from tests.conftest import make_question, make_session, make_user

HTMX = {"HX-Request": "true"}


@dataclass(frozen=True)
class Row:
    # Which of user A's objects fill the URL's arguments (see `objects`).
    args: tuple[str, ...] = ()
    public: bool = False
    # The owner's status codes for a GET (None: GET is not allowed, 405).
    owner_get: tuple[int, ...] | None = (200,)
    # A method the view refuses with 405.
    wrong_method: str = "put"
    # Whether another user asking for A's objects gets a 404 (False: the URL holds none of A's).
    owned: bool = False


MATRIX = {
    "home": Row(public=True),
    "signup": Row(public=True, owner_get=(302,)),
    "account_settings": Row(),
    "delete_account": Row(),
    "login": Row(public=True, owner_get=(302,)),
    "logout": Row(owner_get=None, wrong_method="get"),
    "password_change": Row(),
    "password_change_done": Row(),
    "password_reset": Row(public=True),
    "password_reset_done": Row(public=True),
    "password_reset_confirm": Row(args=("uid", "token"), public=True, owner_get=(200, 302)),
    "password_reset_complete": Row(public=True),
    "questions:list": Row(public=True),
    "questions:detail": Row(args=("slug",), public=True),
    "interviews:start": Row(),
    "interviews:interview": Row(args=("running",), owned=True),
    "interviews:save_answer": Row(args=("running", "position"), owner_get=(302,), owned=True),
    "interviews:run_query": Row(args=("running", "position"), owner_get=None, wrong_method="get", owned=True),
    "interviews:submit": Row(args=("running",), owner_get=None, wrong_method="get", owned=True),
    "interviews:abandon": Row(args=("running",), owner_get=None, wrong_method="get", owned=True),
    "interviews:api_answer": Row(args=("running", "position"), owned=True),
    "interviews:api_submit": Row(args=("running",), owner_get=None, wrong_method="get", owned=True),
    "interviews:review": Row(args=("finished",), owned=True),
    "interviews:grade": Row(args=("finished", "position"), owner_get=None, wrong_method="get", owned=True),
    "interviews:history": Row(),
    "interviews:session_detail": Row(args=("finished",), owned=True),
    "interviews:regrade": Row(),
    "interviews:save_regrade": Row(args=("old_item",), owner_get=None, wrong_method="get", owned=True),
    "interviews:question_history": Row(args=("slug",)),
    "interviews:compare_answers": Row(args=("slug",)),
    "interviews:export": Row(args=("format",)),
}


def url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_pattern_has_a_row():
    assert url_names() == set(MATRIX)


@pytest.fixture
def world(db):
    """User A with a running and a finished session; user B with nothing."""
    alice = make_user("alice")
    make_user("bob")
    question = make_question(slug="roc-curve")
    finished = make_session(alice, [question], answers={1: "Alice's secret answer"}, status=Status.SUBMITTED)
    # A graded answer old enough for a blind re-grade.
    old = make_session(
        alice,
        [make_question(slug="bias-variance", prompt="Bias and variance?")],
        started_at=timezone.now() - timedelta(days=30),
        answers={1: "Alice's old secret answer"},
        status=Status.SUBMITTED,
    )
    old_item = old.session_questions.get()
    old_item.record_self_grade(3, [], "")
    running = make_session(alice, [make_question(slug="dropout", prompt="What does dropout do?")])
    objects = {
        "slug": question.slug,
        "running": running.pk,
        "finished": finished.pk,
        "old_item": old_item.pk,
        "position": 1,
        "format": "csv",
        "uid": "MQ",
        "token": "set-password",
    }
    return objects


def url_of(name: str, world: dict) -> str:
    return reverse(name, args=[world[arg] for arg in MATRIX[name].args])


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


# Each test walks the whole matrix on one set of objects (building them per URL would cost
# minutes); a failure names the URL.


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_a_visitor_is_sent_to_log_in_except_on_public_pages(world, headers):
    visitor = Client()
    for name, row in sorted(MATRIX.items()):
        response = visitor.get(url_of(name, world), headers=headers)
        if row.public:
            assert response.status_code in (200, 302), name
            assert not response.get("Location", "").startswith("/accounts/login/"), name
        elif headers:
            assert response["HX-Redirect"].startswith("/accounts/login/?next="), name
        else:
            assert response.status_code == 302 and response.url.startswith("/accounts/login/?next="), name


def test_another_user_gets_a_404_for_the_owners_objects_and_never_their_data(world):
    bob = logged_in("bob")
    for name in sorted(name for name, row in MATRIX.items() if row.owned):
        url = url_of(name, world)
        for response in (
            bob.get(url),
            bob.post(url, {"text": "Bob was here", "grade": "4"}),
            bob.get(url, headers=HTMX),
        ):
            assert response.status_code in (404, 405), (name, response.status_code)
            assert b"secret answer" not in response.content, name
    alices_export = logged_in("alice").get(reverse("interviews:export", args=["json"])).content
    assert b"Bob was here" not in alices_export and b"secret answer" in alices_export


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["plain", "htmx"])
def test_the_owner_gets_each_page_and_a_wrong_method_is_a_405(world, headers):
    alice = logged_in("alice")
    for name, row in sorted(MATRIX.items()):
        if name == "logout":
            continue  # tried last: it ends the log-in the others need
        url = url_of(name, world)
        response = alice.get(url, headers=headers)
        if row.owner_get is None:
            assert response.status_code == 405, name
        else:
            assert response.status_code in row.owner_get, (name, response.status_code)
        assert getattr(alice, row.wrong_method)(url).status_code == 405, name
    assert alice.get(reverse("logout")).status_code == 405
    assert alice.post(reverse("logout")).status_code == 302
