"""The dashboard's charts as plain geometry for server-rendered SVG: the templates draw what these
functions measure (no JavaScript, no inline style; colours come from classes in app.css).
Coordinates are in the SVG's own units; the SVG scales to its box through its viewBox."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from sessions.models import Grade
from sessions.progress import SessionScore, TopicScore

GRADE_MIN, GRADE_MAX = 1, 4


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class LinePoint:
    x: float
    y: float
    day: date
    mean: float
    graded: int
    session_id: int


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    left: int
    right: int
    points: list[LinePoint]
    polyline: str
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    first: LinePoint
    last: LinePoint


def grade_line(scores: list[SessionScore], zone: ZoneInfo) -> LineChart | None:
    """Mean grade of each session, oldest to newest, on a 1 to 4 scale; None without data."""
    if not scores:
        return None
    width, height, left, right, top, bottom = 360, 190, 70, 350, 12, 160

    def y_of(grade: float) -> float:
        return round(bottom - (grade - GRADE_MIN) / (GRADE_MAX - GRADE_MIN) * (bottom - top), 1)

    step = (right - left) / (len(scores) - 1) if len(scores) > 1 else 0
    points = [
        LinePoint(
            x=round(left + i * step if len(scores) > 1 else (left + right) / 2, 1),
            y=y_of(score.mean),
            day=score.started_at.astimezone(zone).date(),
            mean=score.mean,
            graded=score.graded,
            session_id=score.session_id,
        )
        for i, score in enumerate(scores)
    ]
    y_ticks = [Tick(y_of(grade.value), grade.label) for grade in Grade]
    x_ticks = [Tick(points[0].x, f"{points[0].day:%-d %b}")]
    if len(points) > 1:
        x_ticks.append(Tick(points[-1].x, f"{points[-1].day:%-d %b}"))
    return LineChart(
        width=width,
        height=height,
        left=left,
        right=right,
        points=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        first=points[0],
        last=points[-1],
    )


@dataclass(frozen=True)
class Bar:
    topic_id: int
    name: str
    mean: float
    graded: int
    weak: bool
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    label_x: int


def topic_bars(scores: list[TopicScore], weakest: list[TopicScore]) -> BarChart | None:
    """One horizontal bar per topic, weakest on top, the full width being an Excellent (4)."""
    if not scores:
        return None
    width, row, full = 360, 40, 300
    weak_ids = {score.topic_id for score in weakest}
    bars = [
        Bar(
            topic_id=score.topic_id,
            name=score.name,
            mean=score.mean,
            graded=score.graded,
            weak=score.topic_id in weak_ids,
            y=i * row,
            width=round(score.mean / GRADE_MAX * full, 1),
        )
        for i, score in enumerate(scores)
    ]
    return BarChart(width=width, height=len(bars) * row, bars=bars, label_x=full + 6)


@dataclass(frozen=True)
class HeatCell:
    day: date
    questions: int
    level: int
    x: int
    y: int

    # Labels are made here: 182 cells through the template's date filter would slow the page.
    @property
    def day_label(self) -> str:
        return f"{self.day:%a} {self.day.day} {self.day:%b %Y}"

    @property
    def label(self) -> str:
        """ "Tue 3 Nov 2026: 5 questions"."""
        count = f"{self.questions} question{'s' if self.questions != 1 else ''}" if self.questions else "no practice"
        return f"{self.day_label}: {count}"


@dataclass(frozen=True)
class HeatMap:
    width: int
    height: int
    cell: int
    cells: list[HeatCell]
    months: list[Tick]
    weekdays: list[Tick]
    first_day: date
    practice_days: int
    questions: int
    # The cells' SVG, drawn here once (the dashboard caches the map until the progress changes):
    # 182 rectangles through the template language cost more than the rest of the page.
    cells_svg: SafeString = field(default=SafeString(""))

    @property
    def practised(self) -> list[HeatCell]:
        """The days with practice, newest first."""
        return [cell for cell in reversed(self.cells) if cell.questions]


HEAT_WEEKS = 26


def heat_level(questions: int) -> int:
    """0 (no practice) to 4; a five-question session makes a day of level 2."""
    if questions <= 0:
        return 0
    if questions <= 2:
        return 1
    if questions <= 5:
        return 2
    if questions <= 10:
        return 3
    return 4


def heat_map(days: dict[date, int], today: date, weeks: int = HEAT_WEEKS) -> HeatMap:
    """A calendar of the last `weeks` weeks, one column a week (Monday on top), ending today."""
    cell, gap, left, top = 11, 2, 30, 16
    pitch = cell + gap
    first_day = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    cells = []
    day = first_day
    while day <= today:
        column, row = (day - first_day).days // 7, day.weekday()
        questions = days.get(day, 0)
        cells.append(HeatCell(day, questions, heat_level(questions), left + column * pitch, top + row * pitch))
        day += timedelta(days=1)
    # A month's name above the first week starting in it; the first column's only if there is room.
    months = []
    for column in range(weeks):
        monday = first_day + timedelta(weeks=column)
        if column == 0 or monday.month != (monday - timedelta(weeks=1)).month:
            months.append(Tick(left + column * pitch, f"{monday:%b}"))
    if len(months) > 1 and months[1].position - months[0].position < 3 * pitch:
        months.pop(0)
    weekdays = [Tick(top + row * pitch + cell - 2, name) for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri"))]
    in_range = [cell_.questions for cell_ in cells if cell_.questions]
    cells_svg = format_html_join(
        "",
        '<rect class="heat heat-{}{}" x="{}" y="{}" width="{}" height="{}" rx="2"><title>{}</title></rect>',
        (
            (c.level, " heat-today" if n == len(cells) - 1 else "", c.x, c.y, cell, cell, c.label)
            for n, c in enumerate(cells)
        ),
    )
    return HeatMap(
        width=left + weeks * pitch,
        height=top + 7 * pitch,
        cell=cell,
        cells=cells,
        months=months,
        weekdays=weekdays,
        first_day=first_day,
        practice_days=len(in_range),
        questions=sum(in_range),
        cells_svg=cells_svg,
    )


# The review schedule: the forecast of due questions and the retention per month.


@dataclass(frozen=True)
class ColumnBar:
    x: float
    y: float
    width: float
    height: float
    value: int | float
    label: str
    value_label: str
    highlight: bool = False

    # Where the label under the column is anchored: the first at its left, the last at its right.
    anchor: str = "middle"

    @property
    def center(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def label_x(self) -> float:
        return {"start": self.x, "end": round(self.x + self.width, 1)}.get(self.anchor, self.center)


@dataclass(frozen=True)
class ColumnChart:
    width: int
    height: int
    baseline: int
    bars: list[ColumnBar]
    # A horizontal line (the desired retention), None when not drawn.
    target_y: float | None = None
    target_label: str = ""


def forecast_bars(days) -> ColumnChart | None:
    """One column per day of sessions.due.forecast(), today (with the overdue) highlighted;
    None when nothing is due in the window."""
    if not any(day.questions for day in days):
        return None
    width, height, left, right, top, baseline = 360, 170, 8, 352, 18, 140
    pitch = (right - left) / len(days)
    most = max(day.questions for day in days)
    bars = []
    for i, day in enumerate(days):
        tall = round(day.questions / most * (baseline - top), 1)
        label = "Today" if i == 0 else (f"{day.day:%-d %b}" if i % 7 == 0 or i == len(days) - 1 else "")
        bars.append(
            ColumnBar(
                x=round(left + i * pitch + 2, 1),
                y=round(baseline - tall, 1),
                width=round(pitch - 4, 1),
                height=tall,
                value=day.questions,
                label=label,
                value_label=str(day.questions) if day.questions else "",
                highlight=i == 0,
                anchor="start" if i == 0 else ("end" if i == len(days) - 1 else "middle"),
            )
        )
    return ColumnChart(width=width, height=height, baseline=baseline, bars=bars)


def retention_bars(months, target: float) -> ColumnChart | None:
    """One column per month of sessions.retention.retention_by_month(), 0 to 100 %, with the
    desired retention as a dashed line; None without a due review yet."""
    if not months:
        return None
    width, height, left, right, top, baseline = 360, 170, 8, 352, 18, 140
    pitch = min((right - left) / len(months), 60)
    bars = []
    for i, month in enumerate(months):
        tall = round(month.share * (baseline - top), 1)
        bars.append(
            ColumnBar(
                x=round(left + i * pitch + 4, 1),
                y=round(baseline - tall, 1),
                width=round(pitch - 8, 1),
                height=tall,
                value=month.share,
                label=f"{month.month:%b}",
                value_label=f"{month.share:.0%}",
            )
        )
    target_y = round(baseline - target * (baseline - top), 1)
    return ColumnChart(
        width=width, height=height, baseline=baseline, bars=bars, target_y=target_y, target_label=f"{target:.0%}"
    )


@dataclass(frozen=True)
class PaceBar:
    name: str
    share_label: str
    words_per_minute: float
    answers: int
    over: bool
    y: float
    width: float


@dataclass(frozen=True)
class PaceChart:
    width: int
    height: int
    bars: list[PaceBar]
    # Where 100% of the suggested time falls.
    on_time_x: float
    label_x: int


PACE_FULL = 2.0  # a bar's full width: twice the suggested time (longer is drawn at the edge)


def pace_bars(pace) -> PaceChart | None:
    """One bar per topic of sessions.pace.pace_of(), slowest on top, with a line at the suggested
    time; None without timed answers."""
    if pace is None:
        return None
    width, row, full = 360, 40, 280
    bars = [
        PaceBar(
            name=topic.name,
            share_label=topic.share_label,
            words_per_minute=topic.words_per_minute,
            answers=topic.answers,
            over=topic.share > 1,
            y=i * row,
            width=round(min(topic.share, PACE_FULL) / PACE_FULL * full, 1),
        )
        for i, topic in enumerate(pace.topics)
    ]
    return PaceChart(width=width, height=len(bars) * row, bars=bars, on_time_x=full / PACE_FULL, label_x=full + 6)
