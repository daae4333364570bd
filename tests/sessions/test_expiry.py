from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from sessions.models import InterviewSession, Status
from tests.conftest import make_questions, make_session, make_topic, make_user


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def test_an_overdue_session_is_expired_at_its_deadline_when_its_page_is_opened(alice_client, user):
    session = make_session(user, minutes=10, started_at=ago(minutes=45), answers={1: "Saved in time"})
    response = alice_client.get(f"/interviews/{session.pk}/")
    assert response.status_code == 302
    assert response.url == f"/interviews/{session.pk}/review/"
    session.refresh_from_db()
    assert session.status == Status.EXPIRED
    assert session.finished_at == session.deadline
    assert session.session_questions.get(position=1).answer.text == "Saved in time"


def test_a_session_is_expired_when_a_save_loads_it(alice_client, user):
    session = make_session(user, minutes=10, started_at=ago(minutes=30))
    alice_client.post(f"/interviews/{session.pk}/answers/1/", {"text": "Too late"})
    session.refresh_from_db()
    assert (session.status, session.finished_at) == (Status.EXPIRED, session.deadline)


def test_a_session_is_still_running_one_second_before_its_deadline(user):
    # An explicit `now`, not the real clock: a slow test run cannot cross the deadline.
    session = make_session(user, minutes=10, started_at=ago(minutes=30))
    one_second_before = session.deadline - timedelta(seconds=1)
    assert session.expire_if_overdue(one_second_before) is False
    assert InterviewSession.objects.expire_overdue(one_second_before) == 0
    session.refresh_from_db()
    assert (session.status, session.seconds_left(one_second_before)) == (Status.IN_PROGRESS, 1)
    assert session.expire_if_overdue(session.deadline) is True
    session.refresh_from_db()
    assert (session.status, session.finished_at) == (Status.EXPIRED, session.deadline)


def test_the_page_of_a_session_with_time_left_opens_without_expiring_it(alice_client, user):
    session = make_session(user, minutes=10, started_at=ago(minutes=5))
    assert alice_client.get(f"/interviews/{session.pk}/").status_code == 200
    session.refresh_from_db()
    assert session.status == Status.IN_PROGRESS


def test_the_command_expires_every_overdue_session_at_its_deadline_and_nothing_else(user, other_user):
    carol, dave = make_user("carol"), make_user("dave")
    overdue = make_session(user, make_questions(1, topic=make_topic("a")), minutes=10, started_at=ago(hours=2))
    overdue_too = make_session(
        other_user, make_questions(1, topic=make_topic("b")), minutes=5, started_at=ago(minutes=6)
    )
    running = make_session(carol, make_questions(1, topic=make_topic("c")), minutes=10, started_at=ago(minutes=5))
    submitted = make_session(
        dave, make_questions(1, topic=make_topic("d")), started_at=ago(hours=3), status=Status.SUBMITTED
    )
    out = StringIO()
    call_command("expire_sessions", stdout=out)
    assert out.getvalue().strip() == "Expired 2 sessions."
    for session in (overdue, overdue_too):
        session.refresh_from_db()
        assert (session.status, session.finished_at) == (Status.EXPIRED, session.deadline)
    running.refresh_from_db()
    submitted.refresh_from_db()
    assert running.status == Status.IN_PROGRESS
    assert (submitted.status, submitted.finished_at) == (Status.SUBMITTED, submitted.started_at + timedelta(minutes=1))


def test_the_command_leaves_running_sessions_alone(user):
    session = make_session(user, minutes=10, started_at=ago(minutes=5))
    out = StringIO()
    call_command("expire_sessions", stdout=out)
    assert out.getvalue().strip() == "Expired 0 sessions."
    session.refresh_from_db()
    assert (session.status, session.finished_at) == (Status.IN_PROGRESS, None)


def test_expire_overdue_is_one_update_and_never_uses_the_time_of_the_check(user, django_assert_num_queries):
    session = make_session(user, minutes=10, started_at=ago(days=2))
    with django_assert_num_queries(1):
        assert InterviewSession.objects.expire_overdue() == 1
    session.refresh_from_db()
    assert session.finished_at == session.deadline
    assert session.finished_at < ago(days=1)
