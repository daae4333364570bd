"""Grades as FSRS reviews: the rating map, days-only intervals, replay after a changed grade,
one card per user and question, retired and re-versioned questions. Every date is explicit."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from fsrs import Rating
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import Profile
from sessions import scheduling
from sessions.models import Grade, Review, ReviewCard, SelfGrade, Status
from tests.conftest import make_question, make_session

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def graded_session(owner, questions, grade: int, at=MONDAY):
    """A submitted session of `questions`, each graded `grade` through the one place grades are
    saved (record_self_grade) at `at`."""
    session = make_session(owner, questions, started_at=at - timedelta(minutes=30), status=Status.SUBMITTED)
    for item in session.session_questions.all():
        item.record_self_grade(grade, [], "", now=at)
    return session


def test_the_grades_map_to_again_hard_good_easy():
    ratings = [scheduling.RATING_OF_GRADE[grade] for grade in Grade]
    assert ratings == [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy]


@pytest.mark.django_db
def test_a_first_grade_is_one_review_at_the_time_it_was_saved(user):
    question = make_question()
    graded_session(user, [question], 3)
    card = ReviewCard.objects.get()
    review = card.reviews.get()
    assert (card.owner, card.question) == (user, question)
    assert (review.grade, review.rating, review.reviewed_at) == (3, "Good", MONDAY)
    assert card.last_review == MONDAY
    assert card.due > MONDAY + timedelta(days=1)


@pytest.mark.django_db
def test_a_missed_question_comes_back_the_next_day_not_in_minutes(user):
    graded_session(user, [make_question()], 1)
    card = ReviewCard.objects.get()
    assert card.due == MONDAY + timedelta(days=1)
    assert card.state == 2 and card.step is None


def test_missing_a_question_known_well_brings_it_back_the_next_day_to_relearn():
    known = [scheduling.Graded(4, MONDAY), scheduling.Graded(4, MONDAY + timedelta(days=12))]
    missed_at = MONDAY + timedelta(days=60)
    lapse = scheduling.replay(1, [*known, scheduling.Graded(1, missed_at)])
    assert (lapse.due, lapse.state) == (missed_at + timedelta(days=1), 3)
    relearnt = scheduling.replay(
        1, [*known, scheduling.Graded(1, missed_at), scheduling.Graded(3, missed_at + timedelta(days=1))]
    )
    assert relearnt.state == 2 and relearnt.due > missed_at + timedelta(days=2)


def test_better_grades_come_back_later():
    # A first Good comes back in two days; the second review is where the grades spread out.
    first = scheduling.Graded(3, MONDAY)
    later = MONDAY + timedelta(days=3)
    waits = [scheduling.replay(1, [first, scheduling.Graded(grade, later)]).due - later for grade in range(1, 5)]
    assert waits[0] == timedelta(days=1)
    assert waits[0] < waits[1] < waits[2] < waits[3]


@pytest.mark.django_db
def test_four_questions_of_one_session_are_four_reviews(user):
    graded_session(user, [make_question(slug=f"q{i}") for i in range(4)], 3)
    assert ReviewCard.objects.count() == 4 and Review.objects.count() == 4


@pytest.mark.django_db
def test_a_changed_grade_gives_the_card_grading_that_way_first_would_have(user, other_user):
    question = make_question()
    first = graded_session(user, [question], 3)
    second = graded_session(user, [question], 3, at=MONDAY + timedelta(days=5))
    # Alice changes her first grade to Missed the week after; Bob graded Missed, then Good.
    first.session_questions.get().record_self_grade(1, [], "", now=MONDAY + timedelta(days=8))
    graded_session(other_user, [question], 1)
    graded_session(other_user, [question], 3, at=MONDAY + timedelta(days=5))
    alice, bob = ReviewCard.objects.get(owner=user), ReviewCard.objects.get(owner=other_user)
    assert alice.reviews.count() == 2
    assert list(alice.reviews.values_list("grade", "reviewed_at")) == [(1, MONDAY), (3, MONDAY + timedelta(days=5))]
    fields = ("state", "step", "stability", "difficulty", "last_review")
    assert [getattr(alice, f) for f in fields] == [getattr(bob, f) for f in fields]
    # Fuzz is seeded by the card: compare with a replay of Bob's grades on Alice's card.
    replayed = scheduling.replay(
        alice.pk, [scheduling.Graded(1, MONDAY), scheduling.Graded(3, MONDAY + timedelta(days=5))]
    )
    assert alice.due == replayed.due
    assert second.session_questions.get().self_grade.review.card == alice


@pytest.mark.django_db
def test_a_note_changed_alone_keeps_the_review(user):
    session = graded_session(user, [make_question()], 3)
    before = ReviewCard.objects.get()
    session.session_questions.get().record_self_grade(None, [], "more", now=MONDAY + timedelta(days=1))
    after = ReviewCard.objects.get()
    assert (after.due, after.stability) == (before.due, before.stability)
    assert Review.objects.get().reviewed_at == MONDAY


def test_the_same_grades_always_give_the_same_schedule():
    grades = [scheduling.Graded(3, MONDAY), scheduling.Graded(4, MONDAY + timedelta(days=4))]
    assert scheduling.replay(7, grades) == scheduling.replay(7, grades[::-1])


def test_fuzz_spreads_questions_graded_together():
    dues = {scheduling.replay(card_id, [scheduling.Graded(4, MONDAY)]).due for card_id in range(1, 30)}
    assert len(dues) > 1


def test_a_higher_retention_brings_questions_back_sooner():
    grades = [scheduling.Graded(3, MONDAY), scheduling.Graded(3, MONDAY + timedelta(days=3))]
    assert scheduling.replay(1, grades, 0.95).due < scheduling.replay(1, grades, 0.80).due


@pytest.mark.django_db
def test_a_card_is_never_shared_between_users(user, other_user):
    question = make_question()
    graded_session(user, [question], 4)
    graded_session(other_user, [question], 1)
    assert ReviewCard.objects.filter(question=question).count() == 2
    assert ReviewCard.objects.get(owner=other_user).reviews.get().grade == 1
    assert ReviewCard.objects.get(owner=user).reviews.get().grade == 4


@pytest.mark.django_db
def test_a_new_version_of_a_question_keeps_its_card(user):
    question = make_question()
    graded_session(user, [question], 3)
    question.prompt = "What does the ROC curve show, and when is it misleading?"
    question.save()
    assert question.record_version() and question.version == 2
    graded_session(user, [question], 2, at=MONDAY + timedelta(days=4))
    card = ReviewCard.objects.get()
    assert card.reviews.count() == 2


@pytest.mark.django_db
def test_a_retired_question_leaves_the_queue_but_keeps_its_card(user):
    kept, retired = make_question(slug="kept"), make_question(slug="retired")
    graded_session(user, [kept, retired], 1)
    retired.is_active = False
    retired.save()
    due = ReviewCard.objects.for_user(user).due_before(MONDAY + timedelta(days=3))
    assert [card.question for card in due] == [kept]
    assert ReviewCard.objects.count() == 2


@pytest.mark.django_db
def test_a_grade_post_with_a_bad_grade_writes_no_review(alice_client, user):
    session = make_session(user, [make_question()], status=Status.SUBMITTED)
    response = alice_client.post(reverse("interviews:grade", args=[session.pk, 1]), {"grade": "5"})
    assert response.status_code == 400
    assert not ReviewCard.objects.exists() and not Review.objects.exists()


@pytest.mark.django_db
def test_a_grade_post_on_another_users_session_writes_no_review(client, user, other_user):
    session = make_session(user, [make_question()], status=Status.SUBMITTED)
    client.force_login(other_user)
    response = client.post(reverse("interviews:grade", args=[session.pk, 1]), {"grade": "4"})
    assert response.status_code == 404
    assert not ReviewCard.objects.exists() and not SelfGrade.objects.exists()


@pytest.mark.django_db
def test_a_grade_post_schedules_the_question(alice_client, user):
    session = make_session(user, [make_question()], status=Status.SUBMITTED)
    alice_client.post(reverse("interviews:grade", args=[session.pk, 1]), {"grade": "1"})
    card = ReviewCard.objects.get(owner=user)
    assert card.reviews.get().grade == 1
    assert timedelta(hours=23) < card.due - card.last_review <= timedelta(days=1)


@pytest.mark.django_db
def test_changing_the_retention_reschedules_every_card(alice_client, user):
    question = make_question()
    graded_session(user, [question], 3)
    graded_session(user, [question], 3, at=MONDAY + timedelta(days=3))
    before = ReviewCard.objects.get().due
    response = alice_client.post(reverse("account_settings"), {"time_zone": "UTC", "desired_retention": "0.95"})
    assert response.status_code == 302
    assert Profile.objects.get(user=user).desired_retention == 0.95
    assert ReviewCard.objects.get().due < before


@pytest.mark.django_db
def test_a_retention_outside_80_to_95_percent_is_refused(alice_client, user):
    response = alice_client.post(reverse("account_settings"), {"time_zone": "UTC", "desired_retention": "0.99"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Profile.retention_of(user.pk) == 0.9


@settings(max_examples=200, deadline=None)
@given(
    history=st.lists(st.tuples(st.integers(1, 4), st.integers(0, 60)), min_size=1, max_size=12),
    card_id=st.integers(1, 10**6),
)
def test_every_interval_is_whole_days_and_a_missed_question_is_back_the_next_day(history, card_id):
    reviews, at = [], MONDAY
    for grade, gap_days in history:
        at += timedelta(days=gap_days, hours=1)
        reviews.append(scheduling.Graded(grade, at))
    schedule = scheduling.replay(card_id, reviews)
    interval = schedule.due - schedule.last_review
    assert schedule.last_review == at and interval.seconds == 0 and interval.days >= 1
    if reviews[-1].grade == 1:
        assert interval == timedelta(days=1)
    assert schedule == scheduling.replay(card_id, reviews)
