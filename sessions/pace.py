"""Pace: the time spent on an answer against its question's suggested minutes, and how fast the
user writes. A candidate sees where they run long before an interviewer does."""

import re
from dataclasses import dataclass
from statistics import median

from sessions.durations import format_duration
from sessions.models import DONE, Answer

# The dashboard reads the latest timed answers only: recent pace is what a candidate can act on,
# and the cost stays flat however long the history (answer texts are read to count words).
RECENT_ANSWERS = 200
WORD = re.compile(r"\w+")


def pace_text(spent_seconds: int | None, suggested_minutes: int) -> str:
    """ "4 min 10 s of 3 min"; empty when the time is unknown."""
    if not spent_seconds:
        return ""
    return f"{format_duration(spent_seconds)} of {suggested_minutes} min"


def is_over(spent_seconds: int | None, suggested_minutes: int) -> bool:
    return bool(spent_seconds) and spent_seconds > suggested_minutes * 60


def words_per_minute(text: str, spent_seconds: int) -> float | None:
    if spent_seconds <= 0:
        return None
    return len(WORD.findall(text)) / (spent_seconds / 60)


@dataclass(frozen=True)
class TopicPace:
    name: str
    answers: int
    # The median of time spent over time suggested: 1.0 is on time, 1.5 half as long again.
    share: float
    words_per_minute: float

    @property
    def share_label(self) -> str:
        return f"{self.share:.0%}"


@dataclass(frozen=True)
class Pace:
    answers: int
    share: float
    words_per_minute: float
    # Slowest (longest over its suggested time) first.
    topics: list[TopicPace]

    @property
    def share_label(self) -> str:
        return f"{self.share:.0%}"


def pace_of(owner, limit: int = RECENT_ANSWERS) -> Pace | None:
    """Median share of the suggested time, and median words per minute, overall and per topic,
    over the latest `limit` timed, non-empty answers of done sessions: one query. None without any."""
    rows = (
        Answer.objects.filter(
            session_question__session__owner=owner,
            session_question__session__status__in=DONE,
            time_spent_seconds__gt=0,
        )
        .exclude(text="")
        .order_by("-session_question__session__started_at", "-pk")
        .values_list(
            "text", "time_spent_seconds", "session_question__suggested_minutes", "session_question__topic__name"
        )[:limit]
    )
    by_topic: dict[str, list[tuple[float, float]]] = {}
    for text, spent, suggested, topic in rows:
        by_topic.setdefault(topic, []).append((spent / (suggested * 60), words_per_minute(text, spent)))
    if not by_topic:
        return None
    everything = [pair for pairs in by_topic.values() for pair in pairs]
    topics = [
        TopicPace(name, len(pairs), median(s for s, _ in pairs), median(w for _, w in pairs))
        for name, pairs in by_topic.items()
    ]
    topics.sort(key=lambda topic: (-topic.share, topic.name))
    return Pace(len(everything), median(s for s, _ in everything), median(w for _, w in everything), topics)
