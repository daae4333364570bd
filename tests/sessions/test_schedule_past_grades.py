"""manage.py schedule_past_grades: grades saved before spaced repetition get their reviews, and
the cards come out as if each grade had been saved with the scheduler on."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from sessions.models import Review, ReviewCard, SelfGrade, Status
from tests.conftest import make_question, make_session


def schedule() -> str:
    out = StringIO()
    call_command("schedule_past_grades", stdout=out)
    return out.getvalue().strip()


def old_grades(user):
    """Two finished sessions on one question, graded before the scheduler (no reviews)."""
    question = make_question()
    moments = [timezone.now() - timedelta(days=20), timezone.now() - timedelta(days=10)]
    for moment, grade in zip(moments, (1, 3), strict=True):
        session = make_session(user, [question], started_at=moment, answers={1: "An answer"}, status=Status.SUBMITTED)
        item = session.session_questions.get()
        item.record_self_grade(grade, [], "", now=moment)
    Review.objects.all().delete()
    ReviewCard.objects.all().delete()
    return question


def test_it_schedules_grades_that_have_no_review_and_matches_grading_live(user):
    question = old_grades(user)
    assert schedule() == "Scheduled 2 past grade(s) on 1 card(s)."
    card = ReviewCard.objects.get(owner=user, question=question)
    assert [r.grade for r in card.reviews.order_by("reviewed_at")] == [1, 3]
    backfilled = (card.due, card.stability, card.difficulty, card.state)
    card.reschedule()
    assert (card.due, card.stability, card.difficulty, card.state) == backfilled
    assert card.due > timezone.now() - timedelta(days=10)


def test_running_it_again_changes_nothing(user):
    old_grades(user)
    schedule()
    due = ReviewCard.objects.get().due
    assert schedule() == "Scheduled 0 past grade(s) on 0 card(s)."
    assert ReviewCard.objects.get().due == due
    assert Review.objects.count() == SelfGrade.objects.count() == 2
