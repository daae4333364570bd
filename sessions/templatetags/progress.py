"""Small display filters for the history and dashboard pages."""

from datetime import timedelta

from django import template

from sessions.durations import format_duration
from sessions.pace import is_over, pace_text

register = template.Library()


@register.filter
def duration(value: timedelta | int | None, style: str = "rounded") -> str:
    """{{ session.time_used|duration }} → "12 min"; {{ spent|duration:"precise" }} → "3 min 05 s"."""
    return format_duration(value, style)


@register.filter
def grade(value: float | None) -> str:
    """A mean grade on the 1 to 4 scale with one decimal: "3.2"."""
    return "" if value is None else f"{value:.1f}"


@register.filter
def percent(part: int, whole: int) -> str:
    """{{ covered|percent:total }} → "67%"; empty when there is nothing to count."""
    return f"{round(100 * part / whole)}%" if whole else ""


@register.filter
def time_used(session) -> str:
    """A session's time used of the time allowed: "12 of 25 min", or "40 s of 25 min"."""
    seconds = int(session.time_used().total_seconds())
    # "12 of 25 min": the unit once, at the end, when both are in minutes.
    used = format_duration(seconds) if seconds < 60 else f"{round(seconds / 60)}"
    return f"{used} of {session.minutes} min"


@register.filter
def pace(spent_seconds: int | None, suggested_minutes: int) -> str:
    """{{ answer.time_spent_seconds|pace:item.suggested_minutes }} → "4 min 10 s of 3 min"."""
    return pace_text(spent_seconds, suggested_minutes)


@register.filter
def over_time(spent_seconds: int | None, suggested_minutes: int) -> bool:
    return is_over(spent_seconds, suggested_minutes)
