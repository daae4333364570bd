"""Small display filters for the history and dashboard pages."""

from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration(value: timedelta | int | None) -> str:
    """A timedelta or seconds as "12 min", "1 h 05 min" or "40 s"."""
    if value is None:
        return ""
    seconds = int(value.total_seconds() if isinstance(value, timedelta) else value)
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


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
    used = f"{seconds} s" if seconds < 60 else f"{round(seconds / 60)}"
    return f"{used} of {session.minutes} min"
