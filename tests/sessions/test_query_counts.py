"""Every page of the history makes a bounded number of SQL queries, however long the history:
each is measured for a user with 500 sessions (2,500 graded answers), and the count is the same
as for a user with 3 sessions."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sessions.models import Status
from tests.conftest import (
    DASHBOARD_SCHEDULE_QUERIES,
    log_in_queries,
    make_history,
    make_questions,
    make_session,
    make_user,
)

PAGES = {
    # page: (URL, the most queries it may make beyond the log-in's, see log_in_queries())
    # The dashboard's figures are cached until something changes: the session in progress and
    # the time of the latest change (its full computation is counted below); then the review
    # schedule's (DASHBOARD_SCHEDULE_QUERIES).
    "dashboard": ("/", 2 + DASHBOARD_SCHEDULE_QUERIES),
    # Expiry (the session in progress), the filter's topics, count, page, topics of the page;
    # filtered, the topic asked for too.
    "history": ("/interviews/history/", 5),
    "history filtered": ("/interviews/history/?status=submitted&topic=model-evaluation&page=3", 6),
    "session detail": (None, 3),
    "question history": ("/interviews/history/questions/question-x-1/", 4),
    # Then the review cards with their reviews.
    "export csv": ("/interviews/history/export.csv", 4),
    "export json": ("/interviews/history/export.json", 4),
}
# The dashboard computing its figures: the above, then the sessions to grade, totals, practice
# days (twice for a streak longer than the 27 weeks shown), topics, sessions' scores, any session.
DASHBOARD_COMPUTED = 2 + DASHBOARD_SCHEDULE_QUERIES + 7


@pytest.fixture
def questions(db):
    return make_questions(5)


def build(username: str, sessions: int, questions, every: timedelta = timedelta(days=1)) -> tuple:
    owner = make_user(username)
    history = make_history(owner, sessions, questions=questions, every=every)
    # A session that needs grading and one in progress, as a real history would have.
    make_session(owner, questions[:3], answers={1: "Waiting for a grade"}, status=Status.SUBMITTED)
    make_session(owner, questions[:3])
    return owner, history[len(history) // 2]


def url_of(page: str, session) -> str:
    url, _ = PAGES[page]
    return url or f"/interviews/history/{session.pk}/"


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_every_page_makes_a_bounded_number_of_queries_with_500_sessions(
    client, questions, subtests, django_assert_max_num_queries
):
    owner, session = build("veteran", 500, questions)
    client.force_login(owner)
    for page, (_, most) in PAGES.items():
        with subtests.test(page=page):
            url = url_of(page, session)
            client.get(url)  # Warm up: content types and other per-process caches.
            with django_assert_max_num_queries(log_in_queries() + most):
                response = client.get(url)
            assert response.status_code == 200
    with subtests.test(page="dashboard computing its figures"):
        cache.clear()
        with django_assert_max_num_queries(log_in_queries() + DASHBOARD_COMPUTED):
            assert client.get("/").status_code == 200


def test_the_number_of_queries_does_not_grow_with_the_history(client, questions, subtests):
    # A session every 36 hours: no streak, so no look beyond the dashboard's 27 weeks (the long
    # streak of a session a day costs the dashboard one more query, counted in the test above).
    every = timedelta(hours=36)
    users = [build(name, sessions, questions, every) for name, sessions in (("newcomer", 3), ("veteran", 500))]
    for page in PAGES:
        with subtests.test(page=page):
            counts = []
            for owner, session in users:
                client.force_login(owner)
                url = url_of(page, session)
                client.get(url)
                counts.append(count_queries(client, url))
            assert counts[0] == counts[1]


def test_the_500_session_history_is_really_there(client, questions):
    owner, _ = build("veteran", 500, questions)
    client.force_login(owner)
    response = client.get("/")
    progress = response.context["progress"]
    assert progress.sessions_done == 501
    assert progress.questions_graded == 2500
    assert client.get("/interviews/history/").context["page"].paginator.num_pages == 26
    assert len(client.get("/interviews/history/export.csv").content.splitlines()) > 2500
