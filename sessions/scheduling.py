"""When a question comes back: FSRS (the `fsrs` package) turned to interview questions. Pure
functions over the grades of one card; the rows live in models.py (ReviewCard, Review).

Interview questions are not flashcards: every interval is in whole days (no minute-long learning
steps), so a Missed answer comes back the next day, not in one minute (a lapse is relearnt in a
one-day step). Fuzz (a day or two either
way, so that questions graded together do not all come back together) is seeded by the card and
the time of its last review: the same grades always give the same schedule, which is what lets a
changed grade be applied by replaying the card's reviews from the start."""

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import FUZZ_RANGES

MAXIMUM_INTERVAL = 36500  # days: Scheduler's default

# Our self-grades (1 Missed, 2 Partial, 3 Good, 4 Excellent) as FSRS ratings. FSRS counts Hard
# as a pass: a Partial answer comes back sooner than a Good one, but it is not a lapse.
RATING_OF_GRADE = {1: Rating.Again, 2: Rating.Hard, 3: Rating.Good, 4: Rating.Easy}

DEFAULT_RETENTION = 0.90
RETENTION_CHOICES = [round(0.80 + step / 100, 2) for step in range(16)]  # 0.80 to 0.95
RETENTION_HELP = (
    "The share of questions you should still answer well when they come back: higher brings "
    "them back sooner and more often."
)


@dataclass(frozen=True)
class Graded:
    """One review as the scheduler sees it."""

    grade: int
    at: datetime


@dataclass(frozen=True)
class Schedule:
    """A card's state after its reviews, in the fields ReviewCard stores. `previous_dues` holds,
    for each review in order, when the card was due just before it (None for the first)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None
    previous_dues: list[datetime | None]


# A lapse (Missed on a question in review) is relearnt the next day, whatever its stability:
# without a relearning step FSRS could wait several days after missing a question known well.
RELEARNING_STEP = timedelta(days=1)


def scheduler(retention: float = DEFAULT_RETENTION) -> Scheduler:
    """Days only: no learning steps (a new question's first grade schedules it in days, a first
    Missed the next day), one relearning step of a day; fuzz is ours (see fuzzed), so the
    library's own random fuzz is off."""
    return Scheduler(
        desired_retention=retention, learning_steps=(), relearning_steps=(RELEARNING_STEP,), enable_fuzzing=False
    )


def fuzzed(interval_days: int, seed: str) -> int:
    """FSRS's fuzz (the same ranges as Scheduler's own) drawn from a generator seeded by `seed`."""
    if interval_days < 2.5:
        return interval_days
    delta = 1.0
    for fuzz_range in FUZZ_RANGES:
        delta += fuzz_range["factor"] * max(min(float(interval_days), fuzz_range["end"]) - fuzz_range["start"], 0.0)
    low, high = max(2, round(interval_days - delta)), round(interval_days + delta)
    low = min(low, high)
    return min(round(random.Random(seed).random() * (high - low + 1) + low), MAXIMUM_INTERVAL)


def replay(card_id: int, reviews: Iterable[Graded], retention: float = DEFAULT_RETENTION, created=None) -> Schedule:
    """The card after `reviews` (taken in time order) from new: due at `created` when it has none."""
    fsrs = scheduler(retention)
    card = Card(card_id=card_id, due=_utc(created or datetime.now(UTC)))
    previous_dues: list[datetime | None] = []
    for review in sorted(reviews, key=lambda review: review.at):
        previous_dues.append(card.due if card.last_review else None)
        card, _ = fsrs.review_card(card, RATING_OF_GRADE[review.grade], review_datetime=_utc(review.at))
        interval = card.due - card.last_review
        if card.state == State.Review:
            days = fuzzed(interval.days, f"{card_id}:{card.last_review.isoformat()}")
        else:
            # Relearning: a day, or FSRS's day and a half after a Partial, made whole days.
            days = max(1, round(interval / timedelta(days=1)))
        card.due = card.last_review + timedelta(days=days)
    return Schedule(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        previous_dues=previous_dues,
    )


def _utc(moment: datetime) -> datetime:
    # fsrs insists on datetime.timezone.utc itself, not merely an offset of zero.
    return moment.astimezone(UTC)
