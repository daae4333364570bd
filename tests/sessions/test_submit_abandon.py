from datetime import timedelta

from django.utils import timezone

from sessions.models import InterviewSession, Status
from tests.conftest import make_session

JSON = {"Accept": "application/json"}


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def reload(session) -> InterviewSession:
    return InterviewSession.objects.get(pk=session.pk)


def test_submitting_early_finishes_the_session_now_and_goes_to_the_review(alice_client, user):
    session = make_session(user, minutes=10, started_at=ago(minutes=3), answers={1: "Kept"})
    before = timezone.now()
    response = alice_client.post(f"/interviews/{session.pk}/submit/")
    assert (response.status_code, response.url) == (302, f"/interviews/{session.pk}/review/")
    session = reload(session)
    assert session.status == Status.SUBMITTED
    assert before <= session.finished_at <= timezone.now()
    assert session.session_questions.get(position=1).answer.text == "Kept"


def test_submitting_twice_is_harmless(alice_client, user):
    session = make_session(user, minutes=10, started_at=ago(minutes=3))
    alice_client.post(f"/interviews/{session.pk}/submit/")
    first = reload(session).finished_at
    response = alice_client.post(f"/interviews/{session.pk}/submit/")
    assert response.url == f"/interviews/{session.pk}/review/"
    assert (reload(session).status, reload(session).finished_at) == (Status.SUBMITTED, first)


def test_the_pages_submit_at_zero_expires_the_session_at_its_deadline(alice_client, user):
    session = make_session(user, minutes=1, started_at=ago(minutes=1, seconds=2))
    response = alice_client.post(f"/interviews/{session.pk}/submit.json", headers=JSON)
    assert response.json() == {"state": "expired", "review_url": f"/interviews/{session.pk}/review/"}
    session = reload(session)
    assert (session.status, session.finished_at) == (Status.EXPIRED, session.deadline)


def test_submitting_an_abandoned_session_changes_nothing(alice_client, user):
    session = make_session(user, status=Status.ABANDONED)
    alice_client.post(f"/interviews/{session.pk}/submit/")
    assert reload(session).status == Status.ABANDONED


def test_the_htmx_variant_of_submit_redirects_the_whole_page(alice_client, user):
    session = make_session(user)
    response = alice_client.post(f"/interviews/{session.pk}/submit/", headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == f"/interviews/{session.pk}/review/"


def test_submit_asks_for_confirmation_first_on_the_interview_page(alice_client, user):
    session = make_session(user)
    page = alice_client.get(f"/interviews/{session.pk}/").text
    assert 'name="go" value="submit"' in page
    assert f'<form method="post" action="/interviews/{session.pk}/submit/"' in page
    assert "Submit the interview now?" in page


def test_abandoning_stops_the_session_keeps_the_answers_and_goes_to_the_start_page(alice_client, user):
    session = make_session(user, minutes=10, started_at=ago(minutes=3), answers={2: "Still here"})
    response = alice_client.post(f"/interviews/{session.pk}/abandon/", follow=True)
    assert response.redirect_chain == [("/interviews/start/", 302)]
    assert "Interview abandoned. Its answers are kept in your history." in response.text
    session = reload(session)
    assert session.status == Status.ABANDONED
    assert session.finished_at is not None
    assert session.session_questions.get(position=2).answer.text == "Still here"
    # Nothing blocks a new start any more.
    assert "Start the interview" in response.text


def test_abandoning_twice_is_harmless(alice_client, user):
    session = make_session(user)
    alice_client.post(f"/interviews/{session.pk}/abandon/")
    first = reload(session).finished_at
    assert alice_client.post(f"/interviews/{session.pk}/abandon/").url == "/interviews/start/"
    assert reload(session).finished_at == first


def test_abandoning_a_submitted_or_overdue_session_leaves_it_to_the_review(alice_client, user):
    submitted = make_session(user, status=Status.SUBMITTED)
    assert alice_client.post(f"/interviews/{submitted.pk}/abandon/").url == f"/interviews/{submitted.pk}/review/"
    assert reload(submitted).status == Status.SUBMITTED
    overdue = make_session(
        user, [i.question for i in submitted.session_questions.all()], minutes=5, started_at=ago(minutes=9)
    )
    assert alice_client.post(f"/interviews/{overdue.pk}/abandon/").url == f"/interviews/{overdue.pk}/review/"
    overdue = reload(overdue)
    assert (overdue.status, overdue.finished_at) == (Status.EXPIRED, overdue.deadline)


def test_the_htmx_variant_of_abandon_redirects_the_whole_page(alice_client, user):
    session = make_session(user)
    response = alice_client.post(f"/interviews/{session.pk}/abandon/", headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == "/interviews/start/"


def test_both_refuse_get(alice_client, user):
    session = make_session(user)
    assert alice_client.get(f"/interviews/{session.pk}/submit/").status_code == 405
    assert alice_client.get(f"/interviews/{session.pk}/abandon/").status_code == 405
    assert reload(session).status == Status.IN_PROGRESS


def test_another_users_session_is_a_404_and_untouched(alice_client, other_user):
    session = make_session(other_user)
    assert alice_client.post(f"/interviews/{session.pk}/submit/").status_code == 404
    assert alice_client.post(f"/interviews/{session.pk}/abandon/").status_code == 404
    assert reload(session).status == Status.IN_PROGRESS


def test_both_need_log_in(client, user):
    session = make_session(user)
    assert client.post(f"/interviews/{session.pk}/submit/").url.startswith("/accounts/login/")
    assert client.post(f"/interviews/{session.pk}/abandon/").url.startswith("/accounts/login/")
    assert reload(session).status == Status.IN_PROGRESS
