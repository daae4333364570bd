from datetime import UTC, date, datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Profile
from sessions.charts import heat_level, heat_map
from sessions.models import InterviewSession, SelfGrade, Status
from sessions.progress import current_streak
from tests.conftest import (
    DASHBOARD_SCHEDULE_QUERIES,
    grade_all,
    log_in_queries,
    make_history,
    make_question,
    make_questions,
    make_session,
    make_topic,
    make_user,
)


def set_time_zone(user, name: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={"time_zone": name})


def test_a_new_user_sees_what_to_do_first_and_a_link_to_start(alice_client):
    response = alice_client.get("/")
    assert response.status_code == 200
    assert "Your progress will show here" in response.text
    assert 'href="/interviews/start/"' in response.text
    assert '<svg class="chart' not in response.text


def test_it_rejects_post(alice_client):
    assert alice_client.post("/").status_code == 405


def test_the_htmx_variant_is_the_same_page(alice_client):
    response = alice_client.get("/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Welcome, alice" in response.text


def test_a_session_in_progress_comes_first_with_resume_and_time_left(alice_client, user):
    session = make_session(user, minutes=25)
    response = alice_client.get("/")
    text = response.text
    assert "Session in progress" in text
    assert f'href="/interviews/{session.pk}/">Resume</a>' in text
    assert "25 min left" in text or "24 min left" in text
    assert text.index("Session in progress") < text.index("Sessions done")


def test_a_session_left_to_run_out_is_expired_and_listed_for_grading(alice_client, user):
    session = make_session(user, minutes=5, started_at=timezone.now() - timedelta(minutes=30))
    response = alice_client.get("/")
    assert ">Resume</a>" not in response.text
    assert f'href="/interviews/{session.pk}/review/"' in response.text
    session.refresh_from_db()
    assert (session.status, session.finished_at) == (Status.EXPIRED, session.deadline)


def test_sessions_that_need_grading_are_listed_with_a_link_to_review(alice_client, user):
    questions = make_questions(3)
    ungraded = make_session(user, questions, answers={1: "A"}, status=Status.SUBMITTED)
    graded = make_session(
        user, questions, started_at=timezone.now() - timedelta(days=1), answers={1: "A"}, status=Status.SUBMITTED
    )
    grade_all(graded)
    response = alice_client.get("/")
    assert "Needs grading" in response.text
    assert f'href="/interviews/{ungraded.pk}/review/"' in response.text
    assert f'href="/interviews/{graded.pk}/review/"' not in response.text
    assert "0 of 3 graded" in response.text


def test_totals_count_done_sessions_answered_questions_and_the_mean_grade(alice_client, user):
    questions = make_questions(3)
    first = make_session(
        user,
        questions,
        started_at=timezone.now() - timedelta(days=2),
        answers={1: "A", 2: "B"},
        status=Status.SUBMITTED,
    )
    grade_all(first, grade=2)
    second = make_session(
        user, questions, started_at=timezone.now() - timedelta(days=1), answers={1: "A"}, status=Status.EXPIRED
    )
    grade_all(second, grade=4)
    make_session(user, questions, answers={1: "not counted"}, status=Status.ABANDONED)

    progress = alice_client.get("/").context["progress"]
    assert progress.sessions_done == 2
    assert progress.questions_answered == 3
    assert progress.questions_graded == 6
    assert progress.mean_grade == 3.0


def test_charts_are_inline_svg_with_a_text_equivalent_and_no_inline_style(alice_client, user):
    questions = make_questions(2)
    for days_ago, grade in ((3, 2), (1, 4)):
        session = make_session(
            user,
            questions,
            started_at=timezone.now() - timedelta(days=days_ago),
            answers={1: "A", 2: "B"},
            status=Status.SUBMITTED,
        )
        grade_all(session, grade=grade)
    text = alice_client.get("/").text
    assert text.count('<svg class="chart') == 3
    assert text.count("<desc") == 3
    assert text.count('<details class="chart-data">') == 3
    assert "<polyline" in text
    assert "style=" not in text
    assert "Mean grade of your last 2 graded sessions" in text


def test_the_weakest_topic_is_named_with_one_click_to_practise_it(alice_client, user):
    strong, weak = make_topic("deep-learning", "Deep learning"), make_topic("regularization", "Regularization")
    good = make_question("good-one", topic=strong)
    bad = make_question("bad-one", topic=weak)
    session = make_session(user, [good, bad], answers={1: "A", 2: "B"}, status=Status.SUBMITTED)
    grade_all(session, grade=4)
    SelfGrade.objects.filter(session_question__question=bad).update(grade=1)

    response = alice_client.get("/")
    assert [score.name for score in response.context["progress"].weakest] == ["Regularization"]
    assert "Below Good: <strong>Regularization</strong> (1.0)" in response.text
    assert "Practise Regularization</button>" in response.text
    assert f'<input type="hidden" name="topics" value="{weak.pk}">' in response.text


def test_the_practise_button_starts_a_quick_session_on_the_weakest_topic_in_one_click(alice_client, user):
    weak = make_topic("regularization", "Regularization")
    asked = make_question("bad-one", topic=weak)
    make_question("another-weak-one", prompt="Another regularization question?", topic=weak)
    make_question("elsewhere", topic=make_topic("deep-learning", "Deep learning"))
    grade_all(make_session(user, [asked], answers={1: "A"}, status=Status.SUBMITTED), grade=1)

    form = {"question_count": "3", "minutes": "10", "topics": str(weak.pk), "accept_fewer": "on"}
    response = alice_client.post("/interviews/start/", form)

    session = InterviewSession.objects.for_user(user).in_progress().get()
    assert response.url == f"/interviews/{session.pk}/"
    assert session.minutes == 10
    assert {item.topic for item in session.session_questions.all()} == {weak}
    assert session.session_questions.count() == 2  # all the topic has, rather than a refusal


def test_a_user_with_sessions_but_no_grades_sees_chart_empty_states(alice_client, user):
    make_session(user, answers={1: "A"}, status=Status.SUBMITTED)
    text = alice_client.get("/").text
    assert "Grade a finished session and your mean grade per session appears here." in text
    assert "each topic's mean grade shows here" in text
    assert "No streak yet" in text


def test_another_users_sessions_never_appear_on_my_dashboard(alice_client, other_user):
    questions = make_questions(2)
    theirs = make_session(other_user, questions, answers={1: "Bob's"}, status=Status.SUBMITTED)
    grade_all(theirs)
    make_session(other_user, questions, started_at=timezone.now() + timedelta(seconds=1))

    response = alice_client.get("/")
    assert "Your progress will show here" in response.text
    assert response.context["progress"].sessions_done == 0
    assert f"/interviews/{theirs.pk}/" not in response.text
    assert "Resume" not in response.text


def test_the_streak_counts_local_days_across_midnight_in_the_users_time_zone(client, db):
    """Two sessions half an hour apart around Tokyo's midnight (15:00 UTC, so the same UTC day)
    make two practice days for a user in Tokyo and one for a user in UTC."""
    questions = make_questions(1)
    for name, zone in (("tokyo", "Asia/Tokyo"), ("london", "UTC")):
        owner = make_user(name)
        set_time_zone(owner, zone)
        local_midnight = datetime.combine(timezone.localdate(timezone=ZoneInfo("Asia/Tokyo")), time(0))
        midnight = local_midnight.replace(tzinfo=ZoneInfo("Asia/Tokyo"))
        for started_at in (midnight - timedelta(minutes=20), midnight + timedelta(seconds=1)):
            session = make_session(owner, questions, started_at=started_at, answers={1: "A"}, status=Status.SUBMITTED)
            grade_all(session)

    client.force_login(User.objects.get(username="tokyo"))
    tokyo = client.get("/").context["progress"]
    assert len(tokyo.days) == 2
    assert tokyo.streak == 2
    assert tokyo.practised_today

    client.force_login(User.objects.get(username="london"))
    london = client.get("/").context["progress"]
    assert len(london.days) == 1
    assert list(london.days.values()) == [2]


def test_the_heat_map_shows_each_local_day_with_its_question_count(alice_client, user):
    set_time_zone(user, "America/New_York")
    zone = ZoneInfo("America/New_York")
    today = timezone.localdate(timezone=zone)
    questions = make_questions(3)
    # 21:00 in New York is already the next day in UTC.
    evening = datetime.combine(today, time(21, 0), tzinfo=zone) - timedelta(days=1)
    session = make_session(
        user, questions, started_at=evening, answers={1: "A", 2: "B", 3: "C"}, status=Status.SUBMITTED
    )
    grade_all(session)
    assert session.started_at.astimezone(UTC).date() == today

    response = alice_client.get("/")
    heat_map = response.context["heat_map"]
    counts = {cell.day: cell.questions for cell in heat_map.cells}
    yesterday = today - timedelta(days=1)
    assert counts[yesterday] == 3
    assert counts[today] == 0
    assert f"{yesterday:%a} {yesterday.day} {yesterday:%b %Y}: 3 questions" in response.text
    assert response.context["progress"].streak == 1
    assert "Practise today to keep it going." in response.text


@pytest.mark.parametrize("answered, graded, counts", [(True, True, True), (True, False, False), (False, True, False)])
def test_a_day_counts_only_when_a_question_was_answered_and_graded(alice_client, user, answered, graded, counts):
    session = make_session(user, answers={1: "A"} if answered else {}, status=Status.SUBMITTED)
    if graded:
        grade_all(session)
    progress = alice_client.get("/").context["progress"]
    assert bool(progress.days) is counts


def test_current_streak_counts_back_from_today_or_from_yesterday_while_today_is_open():
    today = date(2026, 11, 24)
    assert (
        current_streak({today, today - timedelta(days=1), today - timedelta(days=2), today - timedelta(days=4)}, today)
        == 3
    )
    assert current_streak({today - timedelta(days=1), today - timedelta(days=2)}, today) == 2
    assert current_streak({today - timedelta(days=2)}, today) == 0
    assert current_streak(set(), today) == 0


def test_the_heat_map_covers_26_weeks_from_a_monday_to_today():
    today = date(2026, 11, 24)  # a Tuesday
    heat = heat_map({today: 1, date(2026, 6, 1): 5, date(2026, 5, 31): 9, date(2026, 7, 15): 12}, today)
    assert heat.first_day == date(2026, 6, 1)
    assert heat.first_day.weekday() == 0
    assert len(heat.cells) == 25 * 7 + 2
    assert heat.cells[-1].day == today
    assert (heat.cells[0].x, heat.cells[0].y) == (heat.cells[6].x, heat.cells[0].y)
    assert heat.cells[-1].x == heat.cells[0].x + 25 * 13
    assert {cell.day: cell.level for cell in heat.cells if cell.questions} == {
        date(2026, 6, 1): 2,
        date(2026, 7, 15): 4,
        today: 1,
    }
    assert (heat.practice_days, heat.questions) == (3, 18)
    assert [tick.label for tick in heat.months] == ["Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]


@pytest.mark.parametrize("questions, level", [(0, 0), (1, 1), (2, 1), (3, 2), (5, 2), (6, 3), (10, 3), (11, 4)])
def test_heat_levels(questions, level):
    assert heat_level(questions) == level


def test_a_streak_longer_than_the_heat_map_is_counted_in_full(alice_client, user):
    make_history(user, 200, last_started_at=timezone.now() - timedelta(minutes=1))
    progress = alice_client.get("/").context["progress"]
    assert progress.streak == 200
    assert len(progress.days) in (7 * 27, 7 * 27 + 1)  # the heat map reads only its window


def test_one_rule_for_weak_topics_names_and_colours_every_topic_below_good_and_no_other(alice_client, user):
    topics = [make_topic(f"topic-{n}", f"Topic {n}") for n in range(5)]
    questions = [make_question(f"q-{n}", topic=topic) for n, topic in enumerate(topics)]
    session = make_session(user, questions, answers={n + 1: "A" for n in range(5)}, status=Status.SUBMITTED)
    grade_all(session, grade=3)
    for question, grade in zip(questions, (1, 2, 2, 3, 3), strict=True):
        SelfGrade.objects.filter(session_question__question=question).update(grade=grade)

    response = alice_client.get("/")
    assert [score.name for score in response.context["progress"].weakest] == ["Topic 0", "Topic 1", "Topic 2"]
    bars = {bar.name: bar.weak for bar in response.context["topic_bars"].bars}
    assert bars == {"Topic 0": True, "Topic 1": True, "Topic 2": True, "Topic 3": False, "Topic 4": False}
    assert response.text.count("bar bar-weak") == 3


# --- The figures are computed once per change ---------------------------------------------------


def progress_of(client):
    return client.get("/").context["progress"]


def test_a_second_view_reuses_the_figures(alice_client, user, django_assert_num_queries):
    make_history(user, 30)
    alice_client.get("/")
    # Log-in, then the session in progress and the time of the latest change, then the review
    # schedule's own (not cached: due today moves with the clock).
    with django_assert_num_queries(log_in_queries() + 2 + DASHBOARD_SCHEDULE_QUERIES):
        response = alice_client.get("/")
    assert response.context["progress"].sessions_done == 30
    assert response.text.count('class="heat heat-') == len(response.context["heat_map"].cells)


def test_a_grade_saved_shows_on_the_next_view(alice_client, user):
    session = make_session(user, make_questions(2), answers={1: "A", 2: "B"}, status=Status.SUBMITTED)
    assert progress_of(alice_client).questions_graded == 0
    alice_client.post(f"/interviews/{session.pk}/review/1/", {"grade": "4"})
    progress = progress_of(alice_client)
    assert (progress.questions_graded, progress.mean_grade) == (1, 4)
    alice_client.post(f"/interviews/{session.pk}/review/1/", {"grade": "2"})
    assert progress_of(alice_client).mean_grade == 2


def test_a_session_submitted_or_expired_elsewhere_shows_on_the_next_view(alice_client, user):
    questions = make_questions(2)
    submitted = make_session(user, questions, answers={1: "A"})
    assert progress_of(alice_client).sessions_done == 0
    alice_client.post(f"/interviews/{submitted.pk}/submit/")
    assert progress_of(alice_client).sessions_done == 1

    overdue = make_session(user, questions, minutes=5, started_at=timezone.now() - timedelta(minutes=30))
    InterviewSession.objects.filter(pk=overdue.pk).update(status=Status.IN_PROGRESS)
    call_command("expire_sessions", stdout=StringIO())
    response = alice_client.get("/")
    assert response.context["progress"].sessions_done == 2
    assert f'href="/interviews/{overdue.pk}/review/"' in response.text


def test_an_answer_saved_in_the_grace_period_counts_on_the_next_view(alice_client, user):
    session = make_session(
        user, make_questions(1), minutes=5, started_at=timezone.now() - timedelta(minutes=5, seconds=10)
    )
    session.expire_if_overdue()
    assert progress_of(alice_client).questions_answered == 0
    alice_client.post(f"/interviews/{session.pk}/answers/1.json", {"text": "Just in time", "revision": 300_000})
    assert progress_of(alice_client).questions_answered == 1


def test_the_figures_follow_the_time_zone(alice_client, user):
    make_history(user, 3)
    alice_client.get("/")
    alice_client.post("/accounts/settings/", {"time_zone": "Pacific/Kiritimati"})
    response = alice_client.get("/")
    assert response.context["heat_map"].cells[-1].day == timezone.localdate(timezone=ZoneInfo("Pacific/Kiritimati"))
