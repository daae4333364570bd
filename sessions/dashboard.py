"""The dashboard's figures, charts and sessions to grade, computed once per change: cached per
user under the time of the latest change of their sessions (InterviewSession.changed_at: a
finish, a counted answer, a grade, a tick), their calendar day and time zone. So a view costs
one index lookup whatever the length of the history, and the full computation (progress.py,
charts.py: about ten aggregate queries and the SVG) runs again only after something changed.

The key is read from the database on every view, so a per-process cache (local memory) is as
correct as a shared one: another worker's change moves the key for every worker."""

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.core.cache import cache

from sessions import charts
from sessions.models import InterviewSession, InterviewSessionQuerySet
from sessions.progress import Progress, progress_for

TO_GRADE = 5
# Entries of past versions are never read again; they expire, or the cache evicts them first.
KEPT_SECONDS = 6 * 3600


@dataclass(frozen=True)
class Figures:
    progress: Progress
    to_grade: list[InterviewSession]
    more_to_grade: bool
    # Any session at all, in progress or not (then the dashboard shows figures, not the welcome).
    has_sessions: bool
    grade_line: charts.LineChart | None
    topic_bars: charts.BarChart | None
    heat_map: charts.HeatMap


def figures_for(owner, zone: ZoneInfo, today: date) -> Figures:
    """The dashboard's figures: one query when they are cached, about ten when not."""
    mine = InterviewSession.objects.for_user(owner)
    last = mine.last_change()
    key = f"dashboard:{owner.pk}:{last.isoformat() if last else '-'}:{today.isoformat()}:{zone}"
    found = cache.get(key)
    if found is None:
        found = _compute(mine, owner, zone, today)
        cache.set(key, found, KEPT_SECONDS)
    return found


def _compute(mine: InterviewSessionQuerySet, owner, zone: ZoneInfo, today: date) -> Figures:
    to_grade = list(mine.with_scores().needing_grading()[: TO_GRADE + 1])
    progress = progress_for(owner, zone, today)
    return Figures(
        progress=progress,
        to_grade=to_grade[:TO_GRADE],
        more_to_grade=len(to_grade) > TO_GRADE,
        has_sessions=progress.sessions_done > 0 or mine.exists(),
        grade_line=charts.grade_line(progress.recent_sessions, zone),
        topic_bars=charts.topic_bars(progress.topics, progress.weakest),
        heat_map=charts.heat_map(progress.days, today),
    )
