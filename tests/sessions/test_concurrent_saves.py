"""Two saves of the same answer racing, each in its own thread and connection: whichever commits
first, the newer revision is what stays (Answer.record's conditional UPDATE)."""

import threading

import pytest
from django.db import connection, connections

from sessions.models import Answer
from sessions.services import save_answer
from tests.conftest import make_session, make_user


@pytest.fixture(autouse=True)
def a_database_that_waits_for_locks(django_db_setup):
    # Checked here, not at import: the test database's name is only known once it is set up.
    # A file SQLite database (as in production: WAL, a lock timeout) passes these tests.
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "SQLite's in-memory test database fails concurrent writes at once ('database table is "
            "locked') instead of waiting; run with PostgreSQL or a file as the SQLite test database"
        )


def race(answer_pk: int, saves: list[tuple[str, int]]) -> None:
    barrier = threading.Barrier(len(saves))
    errors = []

    def save(text: str, revision: int) -> None:
        try:
            answer = Answer.objects.select_related("session_question__session").get(pk=answer_pk)
            barrier.wait()
            save_answer(answer.session_question.session, answer, text, revision)
        except Exception as error:  # reported below: an exception in a thread would vanish
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=args) for args in saves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_the_newer_revision_always_wins_a_race():
    session = make_session(make_user("racer"), minutes=30)
    answer = Answer.objects.get(session_question__session=session, session_question__position=1)
    for round_number in range(1, 21):
        base = round_number * 1000
        # Alternate which thread starts with the newer revision.
        saves = [(f"newer {round_number}", base + 2), (f"older {round_number}", base + 1)]
        race(answer.pk, saves if round_number % 2 else saves[::-1])
        answer.refresh_from_db()
        assert (answer.text, answer.revision) == (f"newer {round_number}", base + 2)


@pytest.mark.django_db(transaction=True)
def test_many_tabs_racing_leave_the_newest_text():
    session = make_session(make_user("tabs"), minutes=30)
    answer = Answer.objects.get(session_question__session=session, session_question__position=2)
    race(answer.pk, [(f"tab {n}", 100 + n) for n in range(8)])
    answer.refresh_from_db()
    assert (answer.text, answer.revision) == ("tab 7", 107)
