"""Pace: time spent against the suggested minutes, per answer and per topic, and words per minute."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions import charts
from sessions.models import Answer, Status
from sessions.pace import pace_of, pace_text, words_per_minute
from tests.conftest import make_question, make_session, make_topic


def answered(owner, question, text: str, seconds: int, status=Status.SUBMITTED, days_ago: int = 1):
    session = make_session(
        owner, [question], started_at=timezone.now() - timedelta(days=days_ago), answers={1: text}, status=status
    )
    Answer.objects.filter(session_question__session=session).update(time_spent_seconds=seconds)
    return session


def test_pace_is_written_against_the_suggested_minutes():
    assert pace_text(250, 3) == "4 min 10 s of 3 min"
    assert pace_text(45, 5) == "45 s of 5 min"
    assert pace_text(0, 3) == pace_text(None, 3) == ""


def test_words_per_minute_counts_words_not_characters():
    assert words_per_minute("ROC plots TPR against FPR, at every threshold.", 30) == 16
    assert words_per_minute("anything", 0) is None


@pytest.fixture
def paced(user):
    """Statistics: 3 answers at 50%, 100% and 200% of 4 minutes (median 100%). SQL: one answer
    at 150% of 2 minutes. Not counted: an abandoned session, an empty answer, an untimed one."""
    stats, sql = make_topic("statistics"), make_topic("sql")
    for slug, seconds in (("s1", 120), ("s2", 240), ("s3", 480)):
        answered(user, make_question(slug=slug, topic=stats, suggested_minutes=4), "one two three four", seconds)
    answered(user, make_question(slug="q1", topic=sql, suggested_minutes=2), " ".join(["word"] * 90), 180)
    answered(user, make_question(slug="q2", topic=sql, suggested_minutes=2), "abandoned", 900, Status.ABANDONED)
    answered(user, make_question(slug="q3", topic=sql, suggested_minutes=2), "", 900)
    answered(user, make_question(slug="q4", topic=sql, suggested_minutes=2), "not timed", 0)
    return stats, sql


def test_pace_per_topic_is_the_median_share_slowest_first(user, paced, django_assert_num_queries):
    with django_assert_num_queries(1):
        pace = pace_of(user)
    assert [(t.name, t.answers, t.share) for t in pace.topics] == [("Sql", 1, 1.5), ("Statistics", 3, 1.0)]
    assert pace.answers == 4
    assert pace.share == pytest.approx((1.0 + 1.5) / 2)
    # Words a minute: 4 words in 2, 4 and 8 minutes (median 1), 90 words in 3 minutes (30).
    assert pace.topics[1].words_per_minute == 1
    assert pace.topics[0].words_per_minute == 30


def test_pace_reads_only_the_latest_answers(user, paced):
    assert pace_of(user, limit=1).topics[0].answers == 1


def test_pace_never_mixes_users(user, other_user, paced):
    assert pace_of(other_user) is None


def test_the_pace_chart_marks_the_suggested_time(user, paced):
    chart = charts.pace_bars(pace_of(user))
    sql, stats = chart.bars
    assert (sql.over, stats.over) == (True, False)
    assert stats.width == chart.on_time_x and sql.width == 1.5 * chart.on_time_x
    assert charts.pace_bars(None) is None


def test_the_dashboard_shows_pace_with_a_table(alice_client, paced):
    html = alice_client.get("/").content.decode()
    assert "Over your last 4 timed answers" in html
    assert "<tr><td>Sql</td><td>150%</td><td>30</td><td>1</td></tr>" in html


def test_the_dashboard_without_timed_answers_explains_pace(alice_client, user):
    make_session(user, [make_question()], answers={1: "x"}, status=Status.SUBMITTED)
    assert "your pace per topic shows here" in alice_client.get("/").content.decode()


def test_a_past_session_shows_the_time_against_the_suggested_minutes(alice_client, user):
    session = answered(user, make_question(suggested_minutes=3), "An answer", 250)
    html = alice_client.get(reverse("interviews:session_detail", args=[session.pk])).content.decode()
    assert '<span class="pace-over">4 min 10 s of 3 min</span> on this question' in html
