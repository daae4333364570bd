"""Practising what is due: the dashboard's and start page's "Due today", the Review due session,
due questions first in every other session, and each question's schedule on the bank pages.
Grades are dated at noon a known number of days before today, so the due days are exact."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.due import due_queue, due_today
from sessions.models import InterviewSession, ReviewCard, Status
from sessions.services import draw_questions
from tests.conftest import make_question, make_questions, make_session

START = reverse("interviews:start")


def days_ago(days: int) -> datetime:
    return datetime.combine(timezone.localdate() - timedelta(days=days), time(12), tzinfo=UTC)


def grade(owner, question, grade: int, at: datetime) -> None:
    session = make_session(
        owner, [question], started_at=at - timedelta(minutes=20), answers={1: "My answer"}, status=Status.SUBMITTED
    )
    session.session_questions.get().record_self_grade(grade, [], "", now=at)


@pytest.fixture
def bank(db):
    return make_questions(6, suggested_minutes=4)


@pytest.fixture
def two_due(user, bank):
    """bank[0] missed 5 days ago (4 days overdue), bank[1] missed 2 days ago (1 day overdue),
    bank[2] graded Excellent yesterday (not due for days); the others never answered."""
    grade(user, bank[0], 1, days_ago(5))
    grade(user, bank[1], 1, days_ago(2))
    grade(user, bank[2], 4, days_ago(1))
    return bank


def test_due_today_counts_the_due_questions_in_one_query(user, two_due, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert due_today(user).count == 2


def test_the_queue_is_most_overdue_first_in_one_query(user, two_due, django_assert_num_queries):
    with django_assert_num_queries(1):
        cards = due_queue(user, 10)
        assert [card.question for card in cards] == two_due[:2]
        assert cards[0].question.topic.name  # topics come with the query


def test_with_nothing_due_it_says_when_the_next_one_is(user, bank):
    grade(user, bank[0], 4, days_ago(1))
    due = due_today(user)
    card = ReviewCard.objects.get()
    assert (due.count, due.next_due) == (0, card.due)
    assert due.next_in_days == card.days_until_due() > 1


def test_a_retired_question_is_not_due(user, two_due):
    two_due[0].is_active = False
    two_due[0].save()
    assert due_today(user).count == 1


def test_another_users_grades_are_not_due_for_me(user, other_user, bank):
    grade(other_user, bank[0], 1, days_ago(5))
    assert due_today(user).count == 0 and due_today(other_user).count == 1


def test_every_session_draws_due_questions_first_then_new_then_the_rest(user, two_due):
    drawn = draw_questions(user)
    assert drawn[:2] == two_due[:2]
    assert set(drawn[2:5]) == set(two_due[3:])  # never answered
    assert drawn[5] == two_due[2]  # answered, not due


def test_the_dashboard_opens_with_the_due_count_and_review_due(alice_client, two_due):
    html = alice_client.get("/").content.decode()
    assert "Due today: 2 questions" in html
    assert 'name="review" value="review"' in html and "Review due</button>" in html


def test_the_dashboard_with_nothing_due_says_when_and_offers_new_questions(alice_client, user, bank):
    grade(user, bank[0], 4, days_ago(1))
    html = alice_client.get("/").content.decode()
    days = ReviewCard.objects.get().days_until_due()
    assert "Due today: nothing" in html
    assert f"in {days} days" in html
    assert "Try 3 new questions" in html


def test_review_due_starts_a_session_of_the_most_overdue_up_to_the_length(alice_client, user, two_due):
    response = alice_client.post(START, {"review": "review", "question_count": "1"})
    session = InterviewSession.objects.get(status=Status.IN_PROGRESS)
    assert response.status_code == 302 and response.url == reverse("interviews:interview", args=[session.pk])
    assert [item.question for item in session.session_questions.all()] == [two_due[0]]
    assert (session.format, session.format_label, session.minutes) == ("review", "Review due", 4)


def test_review_due_takes_all_due_when_fewer_than_the_length(alice_client, user, two_due):
    alice_client.post(START, {"review": "review", "question_count": "5"})
    session = InterviewSession.objects.get(status=Status.IN_PROGRESS)
    assert [item.question for item in session.session_questions.all()] == two_due[:2]
    assert session.minutes == 8  # their suggested minutes


def test_review_due_with_nothing_due_starts_nothing_and_says_why(alice_client, bank):
    response = alice_client.post(START, {"review": "review", "question_count": "5"})
    assert response.status_code == 200
    assert "No question is due for review today" in response.content.decode()
    assert not InterviewSession.objects.filter(status=Status.IN_PROGRESS).exists()


def test_review_due_with_a_bad_length_starts_nothing(alice_client, two_due):
    response = alice_client.post(START, {"review": "review", "question_count": "999"})
    assert response.status_code == 200
    assert not InterviewSession.objects.filter(status=Status.IN_PROGRESS).exists()


def test_the_start_page_offers_review_due_beside_the_presets(alice_client, two_due):
    html = alice_client.get(START).content.decode()
    assert "Due today: 2 questions" in html and html.index("Due today") < html.index("Presets")


def test_practise_now_starts_that_question_alone_in_its_minutes(alice_client, bank):
    response = alice_client.post(START, {"question": bank[3].slug})
    session = InterviewSession.objects.get(status=Status.IN_PROGRESS)
    assert response.status_code == 302
    assert [item.question for item in session.session_questions.all()] == [bank[3]]
    assert (session.minutes, session.format_label) == (4, "One question")


def test_practise_now_on_a_retired_question_starts_nothing(alice_client, bank):
    retired = make_question(slug="retired", is_active=False)
    response = alice_client.post(START, {"question": retired.slug})
    assert "no longer in the bank" in response.content.decode()
    assert not InterviewSession.objects.filter(status=Status.IN_PROGRESS).exists()


def test_the_bank_shows_my_last_grade_and_when_it_is_due(alice_client, user, two_due):
    html = alice_client.get(reverse("questions:list")).content.decode()
    days = ReviewCard.objects.get(question=two_due[2]).days_until_due()
    assert "Last grade: <strong>Excellent</strong>" in html
    assert f"Due in {days} days" in html
    assert "Overdue by 4 days" in html and "Overdue by 1 day<" in html
    assert html.count("Practise now<") == 6


def test_a_questions_page_shows_my_schedule_and_practise_now(alice_client, two_due):
    html = alice_client.get(two_due[0].get_absolute_url()).content.decode()
    assert "Last grade: <strong>Missed</strong>" in html and "Overdue by 4 days" in html
    assert f'name="question" value="{two_due[0].slug}"' in html


def test_the_bank_never_shows_another_users_schedule(client, other_user, two_due):
    client.force_login(other_user)
    html = client.get(two_due[0].get_absolute_url()).content.decode()
    assert "Last grade" not in html and "Not graded yet" in html
