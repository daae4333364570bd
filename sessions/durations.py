"""How the app writes a length of time, in one place; static/js/interview/clock.js writes the
countdown the same way as the "clock" style."""

from datetime import timedelta


def format_duration(value: timedelta | int | float | None, style: str = "precise") -> str:
    """Seconds or a timedelta as text; empty when unknown.

    - "clock": a countdown, "9:57" or "1:02:03";
    - "precise": "45 s", "3 min 05 s", "1 h 02 min" (time spent on one answer);
    - "rounded": "40 s", "12 min", "1 h 05 min" (whole sessions)."""
    if value is None:
        return ""
    total = value.total_seconds() if isinstance(value, timedelta) else value
    seconds = max(0, round(total) if style == "precise" else int(total))
    if style == "clock":
        hours, rest = divmod(seconds, 3600)
        return f"{hours}:{rest // 60:02}:{rest % 60:02}" if hours else f"{rest // 60}:{rest % 60:02}"
    if seconds < 60:
        return f"{seconds} s"
    if style == "precise":
        minutes, seconds = divmod(seconds, 60)
        if minutes < 60:
            return f"{minutes} min {seconds:02d} s"
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes:02d} min"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
