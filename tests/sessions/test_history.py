from datetime import timedelta

from django.utils import timezone

from sessions.models import SelfGrade, Status
from tests.conftest import grade_all, make_history, make_question, make_questions, make_session, make_topic

URL = "/interviews/history/"


def test_a_new_user_is_told_what_to_do_first(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert "No sessions yet" in response.text
    assert 'href="/interviews/start/"' in response.text
    assert "export.csv" not in response.text


def test_it_requires_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={URL}"


def test_it_rejects_post(alice_client):
    assert alice_client.post(URL).status_code == 405


def test_each_session_shows_date_format_time_answers_score_and_status(alice_client, user):
    started = timezone.now() - timedelta(days=1)
    session = make_session(user, minutes=25, started_at=started, answers={1: "A", 2: "B"}, status=Status.SUBMITTED)
    grade_all(session, grade=3)
    SelfGrade.objects.filter(session_question__session=session, session_question__position=1).update(grade=4)

    text = alice_client.get(URL).text
    assert f'href="/interviews/history/{session.pk}/"' in text
    assert timezone.localtime(started).strftime("%-d %b %Y") in text
    assert "Custom" in text
    assert "1 of 25 min" in text
    assert "2 of 3" in text
    assert "<strong>3.3</strong>" in text
    assert "33% of key points" in text
    assert '<span class="badge status-graded">Graded</span>' in text
    assert "status-submitted" not in text
    assert "Model evaluation" in text


def test_an_ungraded_session_says_needs_grading_with_a_link_to_review(alice_client, user):
    session = make_session(user, answers={1: "A"}, status=Status.EXPIRED)
    text = alice_client.get(URL).text
    assert f'href="/interviews/{session.pk}/review/">Needs grading</a>' in text
    assert "0 of 3 graded" in text
    assert "Expired: the time ran out" in text


def test_a_session_in_progress_links_to_the_interview(alice_client, user):
    session = make_session(user)
    text = alice_client.get(URL).text
    assert f'href="/interviews/{session.pk}/"' in text
    assert "In progress" in text
    assert "Needs grading</a>" not in text


def test_sessions_come_newest_first_twenty_a_page(alice_client, user):
    sessions = make_history(user, 45)  # sessions[0] is the newest
    first = alice_client.get(URL)
    assert list(first.context["page"].object_list) == sessions[:20]
    assert "45 sessions" in first.text
    assert 'href="?page=2"' in first.text
    third = alice_client.get(URL, {"page": 3})
    assert list(third.context["page"].object_list) == sessions[40:]
    assert 'href="?page=2"' in third.text


def test_a_bad_page_number_shows_a_page_instead_of_an_error(alice_client, user):
    make_history(user, 3)
    assert alice_client.get(URL, {"page": "x"}).status_code == 200
    assert alice_client.get(URL, {"page": 99}).context["page"].number == 1


def test_the_status_filter(alice_client, user):
    questions = make_questions(3)
    submitted = make_session(user, questions, answers={1: "A"}, status=Status.SUBMITTED)
    abandoned = make_session(user, questions, started_at=timezone.now() - timedelta(hours=2), status=Status.ABANDONED)
    graded = make_session(
        user, questions, started_at=timezone.now() - timedelta(hours=3), answers={1: "A"}, status=Status.SUBMITTED
    )
    grade_all(graded)

    assert list(alice_client.get(URL, {"status": "abandoned"}).context["page"]) == [abandoned]
    assert list(alice_client.get(URL, {"status": "submitted"}).context["page"]) == [submitted, graded]
    assert list(alice_client.get(URL, {"status": "needs_grading"}).context["page"]) == [submitted]


def test_the_topic_filter_keeps_sessions_with_a_question_of_that_topic(alice_client, user):
    deep = make_topic("deep-learning", "Deep learning")
    stats = make_topic("statistics", "Statistics")
    mixed = make_session(user, [make_question("q-deep", topic=deep), make_question("q-stats", topic=stats)])
    mixed.status = Status.SUBMITTED
    mixed.save()
    only_stats = make_session(user, [make_question("q-stats-2", topic=stats)], started_at=timezone.now() - timedelta(1))

    response = alice_client.get(URL, {"topic": "deep-learning"})
    assert list(response.context["page"]) == [mixed]
    assert list(alice_client.get(URL, {"topic": "statistics"}).context["page"]) == [mixed, only_stats]
    assert "1 session matches these filters" in response.text


def test_unknown_filter_values_are_ignored_not_an_error(alice_client, user):
    make_history(user, 2)
    response = alice_client.get(URL, {"status": "nonsense", "topic": "no-such-topic"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 2


def test_filters_that_match_nothing_say_so(alice_client, user):
    make_history(user, 2)
    response = alice_client.get(URL, {"status": "abandoned"})
    assert "No session matches these filters." in response.text


def test_the_htmx_variant_returns_only_the_results(alice_client, user):
    make_history(user, 2)
    response = alice_client.get(URL, {"status": "submitted"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="history-results"')
    assert "<html" not in response.text
    assert "2 sessions match these filters" in response.text


def test_an_htmx_history_restore_gets_the_whole_page(alice_client, user):
    response = alice_client.get(URL, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.text


def test_the_page_links_to_both_exports(alice_client, user):
    make_history(user, 1)
    text = alice_client.get(URL).text
    assert 'href="/interviews/history/export.csv"' in text
    assert 'href="/interviews/history/export.json"' in text


def test_another_users_sessions_never_appear(alice_client, user, other_user):
    questions = make_questions(3)
    mine = make_session(user, questions, status=Status.SUBMITTED)
    theirs = make_session(other_user, questions, status=Status.SUBMITTED)
    response = alice_client.get(URL)
    assert list(response.context["page"]) == [mine]
    assert f"/interviews/history/{theirs.pk}/" not in response.text
    assert list(alice_client.get(URL, {"status": "needs_grading"}).context["page"]) == [mine]


def test_a_session_left_to_run_out_is_listed_as_expired(alice_client, user):
    session = make_session(user, minutes=5, started_at=timezone.now() - timedelta(hours=1), answers={1: "A"})
    text = alice_client.get(URL).text
    assert f'href="/interviews/history/{session.pk}/"' in text
    assert "Expired" in text
    assert "5 of 5 min" in text
