"""Seeing the schedule work: the forecast of due questions, retention per month, their charts on
the dashboard, and the cards and reviews in the export. Known dates throughout."""

import csv
import io
import json
from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone

from sessions import charts
from sessions.due import forecast
from sessions.models import Review, ReviewCard, Status
from sessions.retention import retention_by_month
from tests.conftest import make_question, make_session

NOW = datetime(2026, 10, 20, 12, 0, tzinfo=UTC)


def grade(owner, question, grade: int, at: datetime) -> None:
    session = make_session(
        owner, [question], started_at=at - timedelta(minutes=20), answers={1: "An answer"}, status=Status.SUBMITTED
    )
    session.session_questions.get().record_self_grade(grade, [], "", now=at)


def on(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 12, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_the_forecast_counts_each_day_with_the_overdue_today(user):
    overdue, tomorrow, later, retired = (make_question(slug=slug) for slug in ("a", "b", "c", "d"))
    grade(user, overdue, 1, NOW - timedelta(days=3))
    grade(user, tomorrow, 1, NOW)
    grade(user, later, 4, NOW)
    grade(user, retired, 1, NOW)
    retired.is_active = False
    retired.save()
    days = forecast(user, now=NOW)
    later_day = (ReviewCard.objects.get(question=later).due.date() - NOW.date()).days
    assert len(days) == 14 and days[0].day == NOW.date()
    expected = [0] * 14
    expected[0], expected[1] = 1, 1
    if later_day < 14:
        expected[later_day] += 1
    assert [day.questions for day in days] == expected


@pytest.mark.django_db
def test_the_forecast_is_one_query(user, django_assert_num_queries):
    grade(user, make_question(), 1, NOW)
    with django_assert_num_queries(1):
        forecast(user, now=NOW)


@pytest.fixture
def reviewed(user):
    """September: one due review, Good. October: two due reviews, Missed and Partial (Hard: not
    remembered), and one review before its question was due (not counted)."""
    a, b, c = (make_question(slug=slug) for slug in ("a", "b", "c"))
    grade(user, a, 1, on(9, 1))
    grade(user, a, 3, on(9, 5))
    grade(user, a, 1, on(10, 10))
    grade(user, b, 1, on(10, 1))
    grade(user, b, 2, on(10, 3))
    grade(user, c, 4, on(10, 1))
    grade(user, c, 3, on(10, 4))
    return a, b, c


def test_only_reviews_of_due_questions_count_for_retention(user, reviewed):
    due = Review.objects.filter(was_due=True).values_list("card__question__slug", "reviewed_at")
    assert sorted(due) == [("a", on(9, 5)), ("a", on(10, 10)), ("b", on(10, 3))]


def test_retention_is_the_share_of_due_reviews_graded_good_or_better_per_month(user, reviewed):
    months = retention_by_month(user, now=NOW)
    assert [(m.month.month, m.reviews, m.remembered) for m in months] == [(9, 1, 1), (10, 2, 0)]
    assert [m.share for m in months] == [1.0, 0.0]


def test_retention_leaves_out_months_older_than_a_year(user, reviewed):
    assert retention_by_month(user, now=datetime(2027, 9, 15, tzinfo=UTC)) == retention_by_month(user, now=NOW)[1:]


def test_retention_is_one_query_and_another_users_reviews_never_count(
    user, other_user, reviewed, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert retention_by_month(other_user, now=NOW) == []


def test_a_changed_grade_changes_retention(user, reviewed):
    b_partial = Review.objects.get(card__question__slug="b", reviewed_at=on(10, 3)).self_grade
    b_partial.session_question.record_self_grade(4, [], "", now=on(10, 15))
    october = retention_by_month(user, now=NOW)[-1]
    assert (october.reviews, october.remembered) == (2, 1)


def test_the_charts_have_no_bars_without_data():
    assert charts.forecast_bars([]) is None
    assert charts.retention_bars([], 0.9) is None


def test_the_retention_chart_draws_the_desired_retention_line(user, reviewed):
    chart = charts.retention_bars(retention_by_month(user, now=NOW), 0.9)
    september, october = chart.bars
    assert september.height == chart.baseline - 18 and october.height == 0
    assert chart.target_y == pytest.approx(chart.baseline - 0.9 * (chart.baseline - 18), abs=0.1)
    assert (september.label, september.value_label, chart.target_label) == ("Sep", "100%", "90%")


def days_ago(days: int) -> datetime:
    return datetime.combine(timezone.localdate() - timedelta(days=days), time(12), tzinfo=UTC)


def test_the_dashboard_shows_the_forecast_and_retention_with_tables(alice_client, user):
    question = make_question()
    grade(user, question, 1, days_ago(6))
    grade(user, question, 3, days_ago(3))
    html = alice_client.get("/").content.decode()
    assert "Coming back: the next 14 days" in html and 'aria-labelledby="forecast-title forecast-desc"' in html
    card = ReviewCard.objects.get()
    due_day = timezone.localdate(card.due)
    label = "Today (with the overdue)" if due_day <= timezone.localdate() else f"{due_day:%a %-d %b}"
    assert f"<td>{label}</td><td>1</td>" in html
    assert "The schedule aims at 90%." in html
    month = timezone.localdate(days_ago(3))
    assert f"<td>{month:%B %Y}</td><td>1</td><td>1 (100%)</td>" in html


def test_the_dashboard_with_nothing_scheduled_explains_both_charts(alice_client, user):
    make_session(user, [make_question()], answers={1: "x"}, status=Status.SUBMITTED)
    html = alice_client.get("/").content.decode()
    assert "Nothing comes back in the next two weeks." in html
    assert "Once a question comes back and you answer it again" in html


def test_the_csv_export_has_each_rows_review_and_its_questions_card(alice_client, user):
    question = make_question()
    grade(user, question, 1, days_ago(6))
    grade(user, question, 4, days_ago(3))
    rows = list(csv.DictReader(io.StringIO(alice_client.get("/interviews/history/export.csv").content.decode())))
    card = ReviewCard.objects.get()
    assert [row["review_rating"] for row in rows] == ["Easy", "Again"]  # newest session first
    assert {row["card_state"] for row in rows} == {"Review"}
    assert {row["card_due"] for row in rows} == {timezone.localtime(card.due).isoformat()}
    assert float(rows[0]["card_stability"]) == pytest.approx(card.stability)


def test_the_json_export_has_the_cards_with_their_review_log(alice_client, user, other_user):
    question = make_question()
    grade(user, question, 1, days_ago(6))
    grade(user, question, 3, days_ago(3))
    grade(other_user, question, 4, days_ago(3))
    document = json.loads(alice_client.get("/interviews/history/export.json").content)
    [card] = document["cards"]
    assert card["question_slug"] == question.slug and card["state"] == "Review"
    assert [(r["grade"], r["rating"], r["was_due"]) for r in card["reviews"]] == [
        (1, "Again", False),
        (3, "Good", True),
    ]
    assert card["reviews"][0]["session_id"] == document["sessions"][-1]["id"]
