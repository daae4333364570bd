"""How honest self-grading is: the drift between first grades and blind re-grades of the same
answers, and where the user's ticks disagree with the "possibly covered" hints."""

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from statistics import mean

from sessions.evidence import bank_weights, key_point_hints
from sessions.models import BlindRegrade, SessionQuestion

# Drift is shown from this many re-grades on: fewer say more about chance than about habit.
DRIFT_MIN_REGRADES = 5
# The tick-and-hint comparison reads the latest graded answers only (the hints stem every answer).
TICKS_RECENT_ANSWERS = 100


@dataclass(frozen=True)
class Drift:
    name: str  # a topic's, or "All topics"
    regrades: int
    # Mean of |first - blind|: 0 is perfectly consistent, 1 a grade apart on average.
    mean_difference: float
    # Mean of first - blind: above 0, first grades run high (kinder than a cold second look).
    bias: float

    @property
    def bias_size(self) -> float:
        return abs(self.bias)

    @property
    def runs_high(self) -> bool:
        return self.bias >= 0.25

    @property
    def runs_low(self) -> bool:
        return self.bias <= -0.25


@dataclass(frozen=True)
class Calibration:
    regrades: int
    overall: Drift | None
    # Most drift first; only once there are DRIFT_MIN_REGRADES re-grades in all.
    topics: list[Drift]

    @property
    def shown(self) -> bool:
        return self.overall is not None

    @property
    def still_needed(self) -> int:
        return max(0, DRIFT_MIN_REGRADES - self.regrades)


def _drift(name: str, pairs: list[tuple[int, int]]) -> Drift:
    return Drift(
        name=name,
        regrades=len(pairs),
        mean_difference=mean(abs(first - blind) for first, blind in pairs),
        bias=mean(first - blind for first, blind in pairs),
    )


def calibration_of(owner) -> Calibration:
    """Drift overall and per topic from the user's blind re-grades: one query."""
    rows = BlindRegrade.objects.for_user(owner).values_list("session_question__topic__name", "first_grade", "grade")
    by_topic: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for topic, first, blind in rows:
        by_topic[topic].append((first, blind))
    pairs = [pair for topic_pairs in by_topic.values() for pair in topic_pairs]
    if len(pairs) < DRIFT_MIN_REGRADES:
        return Calibration(len(pairs), None, [])
    topics = sorted(
        (_drift(name, topic_pairs) for name, topic_pairs in by_topic.items()),
        key=lambda drift: (-drift.mean_difference, drift.name),
    )
    return Calibration(len(pairs), _drift("All topics", pairs), topics)


@dataclass(frozen=True)
class TickDisagreement:
    topic: str
    key_points: int
    # Ticked though the answer does not seem to say it, and the other way round.
    ticked_not_hinted: int
    hinted_not_ticked: int

    @property
    def disagreements(self) -> int:
        return self.ticked_not_hinted + self.hinted_not_ticked

    @property
    def share(self) -> float:
        return self.disagreements / self.key_points if self.key_points else 0.0


def tick_disagreements(owner, limit: int = TICKS_RECENT_ANSWERS) -> list[TickDisagreement]:
    """Per topic, over the latest `limit` graded answers, how often a tick and the hint differ,
    most disagreement first (topics without any are left out): two queries."""
    items = (
        SessionQuestion.objects.filter(session__owner=owner, self_grade__isnull=False)
        .exclude(answer__text="")
        .select_related("answer", "topic")
        .prefetch_related("key_points")
        .order_by("-self_grade__graded_at", "-pk")[:limit]
    )
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    weights = cache(bank_weights)  # looked up once for all the answers
    for item in items:
        points = list(item.key_points.all())
        hints = key_point_hints(points, item.answer.text, item.prompt, weights)
        for point, hint in zip(points, hints, strict=True):
            hinted = hint is not None
            tally = counts[item.topic.name]
            tally[0] += 1
            tally[1] += point.covered and not hinted
            tally[2] += hinted and not point.covered
    rows = [TickDisagreement(topic, *tally) for topic, tally in counts.items()]
    return sorted((row for row in rows if row.disagreements), key=lambda row: (-row.share, row.topic))
