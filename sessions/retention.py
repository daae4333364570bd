"""How well questions are remembered when they come back: of the reviews made when a question
was due (Review.was_due), the share graded Good or Excellent, per month of the user's calendar.
FSRS aims this figure at the user's desired retention."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from sessions.models import Grade, Review

RETENTION_MONTHS = 12


@dataclass(frozen=True)
class MonthRetention:
    month: date  # its first day
    reviews: int
    remembered: int

    @property
    def share(self) -> float:
        return self.remembered / self.reviews


def retention_by_month(owner, months: int = RETENTION_MONTHS, now=None) -> list[MonthRetention]:
    """The last `months` months with at least one due review, oldest first: one query over
    those months' due reviews (a few hundred rows a year), grouped here by local month."""
    today = timezone.localdate(now)
    first = _months_before(today.replace(day=1), months - 1)
    since = timezone.make_aware(datetime.combine(first, time.min))
    rows = Review.objects.filter(card__owner=owner, was_due=True, reviewed_at__gte=since).values_list(
        "reviewed_at", "grade"
    )
    reviews, remembered = Counter(), Counter()
    for reviewed_at, grade in rows:
        month = timezone.localdate(reviewed_at).replace(day=1)
        reviews[month] += 1
        remembered[month] += grade >= Grade.GOOD
    return [MonthRetention(month, reviews[month], remembered[month]) for month in sorted(reviews)]


def _months_before(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)
