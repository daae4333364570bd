"""What is due for a user: the figures the dashboard, the start page and the bank show. The
schedule itself is ReviewCard's (models.py); this module only reads it."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from sessions.models import DONE, ReviewCard, SessionQuestion, end_of_today
from sessions.presets import PRESETS, REVIEW_LENGTHS


@dataclass(frozen=True)
class DueToday:
    count: int
    # When the next question comes back, when nothing is due today (None: no card at all).
    next_due: datetime | None
    has_cards: bool

    @property
    def default_length(self) -> int:
        """The Review due button's length: the shortest that holds them all, at most 10."""
        wanted = min(self.count, 10)
        return next((length for length in REVIEW_LENGTHS if length >= wanted), REVIEW_LENGTHS[-1])

    @property
    def next_in_days(self) -> int | None:
        if self.next_due is None:
            return None
        return (timezone.localdate(self.next_due) - timezone.localdate()).days


def due_today(owner, now=None) -> DueToday:
    """How many of the user's questions are due by the end of their today: one query, or two
    when none is (then the next due date)."""
    cutoff = end_of_today(now)
    count = ReviewCard.objects.for_user(owner).due_before(cutoff).count()
    if count:
        return DueToday(count, None, True)
    next_due = ReviewCard.objects.for_user(owner).in_queue().order_by("due").values_list("due", flat=True).first()
    return DueToday(0, next_due, next_due is not None)


def due_queue(owner, limit: int, now=None) -> list[ReviewCard]:
    """The due cards, most overdue first, with their questions and topics: one query."""
    cards = ReviewCard.objects.for_user(owner).due_before(end_of_today(now)).select_related("question__topic")
    return list(cards[:limit])


def cards_by_question(owner, question_ids: Iterable[int] | None = None) -> dict[int, ReviewCard]:
    """{question id: the user's card}, for the bank's list or one question: one query."""
    cards = ReviewCard.objects.for_user(owner)
    if question_ids is not None:
        cards = cards.filter(question_id__in=list(question_ids))
    return {card.question_id: card for card in cards}


def answered_question_ids(owner, question_ids: Iterable[int] | None = None) -> set[int]:
    """The bank questions the user answered (some text) in a submitted or expired session: one query."""
    asked = SessionQuestion.objects.filter(session__owner=owner, session__status__in=DONE, question__isnull=False)
    if question_ids is not None:
        asked = asked.filter(question_id__in=list(question_ids))
    return set(asked.filter(answer__text__gt="").values_list("question_id", flat=True).distinct())


def review_due_context(owner) -> dict:
    """What templates/sessions/_review_due.html needs."""
    return {"due": due_today(owner), "review_lengths": REVIEW_LENGTHS, "quick": PRESETS["quick"]}


FORECAST_DAYS = 14


@dataclass(frozen=True)
class ForecastDay:
    day: date
    # Due that day; today's count includes every overdue question.
    questions: int


def forecast(owner, days: int = FORECAST_DAYS, now=None) -> list[ForecastDay]:
    """Questions due on each of the next `days` days of the user's calendar, today first: one
    query (the due dates of the cards due before the window ends, grouped here by local day)."""
    today = timezone.localdate(now)
    end = end_of_today(now) + timedelta(days=days - 1)
    dues = ReviewCard.objects.for_user(owner).in_queue().filter(due__lt=end).values_list("due", flat=True)
    counts = Counter(max(timezone.localdate(due), today) for due in dues)
    return [ForecastDay(today + timedelta(days=n), counts[today + timedelta(days=n)]) for n in range(days)]
