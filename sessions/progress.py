"""A user's progress for the dashboard: totals, practice days, streak, and grades per topic and
per session. Each figure is one aggregate query, so the cost stays flat as the history grows;
what is left to Python works on a few hundred rows at most (one per day, topic or session)."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Q

from sessions.models import InterviewSession, SelfGrade
from sessions.scores import TopicScore, topic_means

# The grade-over-time chart shows this many of the latest graded sessions.
RECENT_SESSIONS = 30
# Practice days are read this far back: the heat map's 26 weeks, and the streak unless longer.
PRACTICE_WINDOW_DAYS = 7 * 27
# A topic is weak when its mean grade is below Good (3): the one rule the list, the bars' colour
# and the "Good or better" sentence all follow, so two topics at the same mean are never told apart.
WEAK_BELOW = 3.0


@dataclass(frozen=True)
class SessionScore:
    session_id: int
    started_at: datetime
    graded: int
    mean: float


@dataclass(frozen=True)
class Progress:
    sessions_done: int
    questions_answered: int
    questions_graded: int
    mean_grade: float | None
    # Questions answered and graded per day of the user's calendar, over the last 27 weeks.
    days: dict[date, int]
    streak: int
    practised_today: bool
    # Weakest first.
    topics: list[TopicScore]
    weakest: list[TopicScore]
    # Oldest first.
    recent_sessions: list[SessionScore]


def totals(owner) -> dict[str, int]:
    """Sessions done and questions answered in them: one query."""
    answered = Q(session_questions__answer__text__gt="")
    return (
        InterviewSession.objects.for_user(owner)
        .done()
        .aggregate(
            sessions_done=Count("pk", distinct=True),
            questions_answered=Count("session_questions__answer", filter=answered),
        )
    )


def practice_days(owner, zone: ZoneInfo, since: date | None = None, until: date | None = None) -> dict[date, int]:
    """Questions answered and graded per day (of the session's start, in `zone`) from `since`
    on and before `until`: one query. A day counts as practice when at least one question was
    both answered and graded. Rows are grouped per session start in SQL and turned into local
    days here: zone conversion in SQLite is a Python function called per row, much slower."""
    graded = SelfGrade.objects.filter(session_question__session__owner=owner, session_question__answer__text__gt="")
    if since is not None:
        start = datetime.combine(since, time.min, tzinfo=zone)
        graded = graded.filter(session_question__session__started_at__gte=start)
    if until is not None:
        end = datetime.combine(until, time.min, tzinfo=zone)
        graded = graded.filter(session_question__session__started_at__lt=end)
    rows = graded.values_list("session_question__session__started_at").annotate(questions=Count("pk")).order_by()
    days: Counter[date] = Counter()
    for started_at, questions in rows:
        days[started_at.astimezone(zone).date()] += questions
    return dict(days)


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive practice days up to today, or up to yesterday while today is still open:
    a streak is not broken before the day is over."""
    practised = set(days)
    day = today if today in practised else today - timedelta(days=1)
    streak = 0
    while day in practised:
        streak += 1
        day -= timedelta(days=1)
    return streak


def topic_scores(owner) -> list[TopicScore]:
    """Mean grade per topic of every question `owner` graded, weakest first: one query."""
    return topic_means(SelfGrade.objects.filter(session_question__session__owner=owner))


def weakest_topics(scores: list[TopicScore]) -> list[TopicScore]:
    """Every weak topic (mean below Good), weakest first as the scores come."""
    return [score for score in scores if score.mean < WEAK_BELOW]


def session_scores(owner, limit: int = RECENT_SESSIONS) -> list[SessionScore]:
    """The score of the latest `limit` sessions with a grade, oldest first: one query."""
    sessions = (
        InterviewSession.objects.for_user(owner)
        .with_grades()
        .filter(graded_count__gt=0)
        .order_by("-started_at", "-pk")[:limit]
    )
    scores = [
        SessionScore(session.pk, session.started_at, session.graded_count, session.mean_grade) for session in sessions
    ]
    return scores[::-1]


def progress_for(owner, zone: ZoneInfo, today: date) -> Progress:
    """Everything the dashboard shows about past practice: four queries whatever the history
    (five for a streak longer than 27 weeks)."""
    counts = totals(owner)
    since = today - timedelta(days=PRACTICE_WINDOW_DAYS)
    days = practice_days(owner, zone, since)
    streak = current_streak(days, today)
    if streak >= (today - since).days:
        # A streak as long as the window may go back further: read the days before it (each day
        # is read once).
        streak = current_streak({**practice_days(owner, zone, until=since), **days}, today)
    topics = topic_scores(owner)
    graded = sum(score.graded for score in topics)
    mean = sum(score.mean * score.graded for score in topics) / graded if graded else None
    return Progress(
        sessions_done=counts["sessions_done"],
        questions_answered=counts["questions_answered"],
        questions_graded=graded,
        mean_grade=mean,
        days=days,
        streak=streak,
        practised_today=today in days,
        topics=topics,
        weakest=weakest_topics(topics),
        recent_sessions=session_scores(owner),
    )
