"""Self-grading of a finished session: the "possibly covered" hint on key points, recording a
grade, and the session's result (progress while partial, score and summary once complete).

The hint is deliberately simple and deterministic: words are normalised (lower case, accents
dropped), stop words removed and the rest cut to a crude stem, so "winsorizing caps extremes"
and "we winsorize by capping the extreme values" share their important words. It only ever
suggests; the user's tick is the truth."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property, lru_cache

from django.db.models import Avg, Count

from sessions.grading_forms import GradeForm
from sessions.models import Answer, Grade, InterviewSession, SelfGrade, SessionKeyPoint, SessionQuestion

# A key point counts as possibly covered when at least this share of its important words
# appears in the answer (and at least two of them, for points with two or more).
HINT_SHARE = 0.4

_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either else
    etc even ever every few for from further had has have having he her here hers him his how
    however i if in into is it its itself just least less let like may me might more most much
    must my neither no nor not now of off often on once one only or other others our ours out
    over own per rather same several she should since so some such than that the their theirs
    them then there these they this those though through thus to too two under until up upon us
    usually very via was we well were what when where whether which while who whom whose why will
    with within without would yet you your yours e g eg ie vs versus use uses used using
    make makes made way ways thing things get gets give gives given instead really simply
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_WORD = re.compile(r"[a-z0-9]+")
# Tried longest first; a suffix is only cut when at least three letters remain.
_SUFFIXES = (
    "izations",
    "isations",
    "ization",
    "isation",
    "izing",
    "ising",
    "ations",
    "ation",
    "ized",
    "ised",
    "izes",
    "ises",
    "ally",
    "ize",
    "ise",
    "ing",
    "ed",
    "ly",
)
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A crude English stem, the same for the usual inflections of a word: capping, caps → cap;
    winsorizing, winsorize → winsor; extremes, extreme → extrem. Not linguistics, just stable."""
    if len(word) <= 3 or word.isdigit():
        return word
    # Plurals and third person.
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    # One derivational or verb suffix.
    for suffix in _SUFFIXES:
        rest = word[: -len(suffix)]
        if word.endswith(suffix) and len(rest) >= 3 and _VOWELS & set(rest):
            word = rest
            # capp(ing) → cap, fitt(ed) → fit; but miss(ing), roll(ed) keep theirs.
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS | set("lsz"):
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    return word


def words(text: str) -> list[str]:
    """Lower-case words without accents: "Théil-Sen's" → ["theil", "sen", "s"]."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return _WORD.findall(plain)


def important_stems(text: str) -> set[str]:
    """The stems of the words that carry meaning: no stop words, no single letters."""
    return {stem(word) for word in words(text) if word not in STOP_WORDS and len(word) > 1}


def possibly_covered(key_point: str, answer: str, prompt: str = "", answer_stems: set[str] | None = None) -> bool:
    """Whether the answer uses enough of the key point's important words to be worth a look.
    Words of the question's prompt do not count ("L1" and "L2" in every point of a question on
    L1 and L2 say nothing), unless the point has no other words. Pass `answer_stems` (from
    important_stems) when checking several points against one answer."""
    wanted = important_stems(key_point)
    wanted = (wanted - important_stems(prompt)) or wanted
    if not wanted:
        return False
    found = wanted & (answer_stems if answer_stems is not None else important_stems(answer))
    return len(found) >= min(2, len(wanted)) and len(found) >= HINT_SHARE * len(wanted)


def format_duration(duration: timedelta | None) -> str:
    """ "45 s", "3 min 05 s", "1 h 02 min"; empty when unknown."""
    if duration is None:
        return ""
    seconds = max(0, round(duration.total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


# ---------------------------------------------------------------------------------------------
# The session's result: reusable by the history pages (see session_result and result_from).
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicResult:
    name: str
    graded: int
    mean: float


@dataclass(frozen=True)
class SessionResult:
    question_count: int
    graded_count: int
    # Mean self-grade out of 4 over the graded questions; None before the first grade.
    mean_grade: float | None
    key_points_total: int
    key_points_covered: int
    # Weakest first; empty unless computed by session_result().
    topics: tuple[TopicResult, ...] = ()

    @property
    def is_complete(self) -> bool:
        return self.question_count > 0 and self.graded_count >= self.question_count

    @property
    def needs_grading(self) -> bool:
        return not self.is_complete

    @property
    def covered_percent(self) -> int | None:
        """Share of the key points ticked as covered, 0 to 100; None when there are none."""
        if not self.key_points_total:
            return None
        return round(100 * self.key_points_covered / self.key_points_total)

    @property
    def progress_percent(self) -> int:
        return round(100 * self.graded_count / self.question_count) if self.question_count else 0

    @property
    def strongest(self) -> list[TopicResult]:
        return self._topics_with(max)

    @property
    def weakest(self) -> list[TopicResult]:
        return self._topics_with(min)

    def _topics_with(self, pick) -> list[TopicResult]:
        if not self.topics:
            return []
        best = pick(topic.mean for topic in self.topics)
        return [topic for topic in self.topics if topic.mean == best]

    @property
    def summary(self) -> str:
        """One or two sentences on the strongest and weakest topics of this session."""
        if not self.topics:
            return ""

        def names(topics: list[TopicResult]) -> str:
            return " and ".join(topic.name for topic in topics)

        if len(self.topics) == 1:
            only = self.topics[0]
            return f"Every question was on {only.name}: a mean of {only.mean:.1f} out of 4."
        strongest, weakest = self.strongest, self.weakest
        if strongest == weakest:
            return f"Even across topics: {names(strongest)} all at {strongest[0].mean:.1f} out of 4."
        return (
            f"Strongest: {names(strongest)} ({strongest[0].mean:.1f} out of 4). "
            f"Weakest: {names(weakest)} ({weakest[0].mean:.1f} out of 4)."
        )


def result_from(session: InterviewSession, topics: tuple[TopicResult, ...] = ()) -> SessionResult:
    """The result of a session annotated by InterviewSession.objects.with_scores(): no query,
    so a history list of many sessions costs nothing more (the topics need session_result)."""
    return SessionResult(
        question_count=session.question_count,
        graded_count=session.graded_count,
        mean_grade=session.mean_grade,
        key_points_total=session.key_points_total,
        key_points_covered=session.key_points_covered,
        topics=topics,
    )


def topic_results(session: InterviewSession) -> tuple[TopicResult, ...]:
    """Mean grade per topic of the graded questions of one session, weakest first: one query."""
    rows = (
        SelfGrade.objects.filter(session_question__session=session)
        .values("session_question__topic__name")
        .annotate(graded=Count("pk"), mean=Avg("grade"))
        .order_by()
    )
    results = [TopicResult(row["session_question__topic__name"], row["graded"], row["mean"]) for row in rows]
    return tuple(sorted(results, key=lambda topic: (topic.mean, topic.name)))


def session_result(session: InterviewSession) -> SessionResult:
    """Progress, score and per-topic summary of one session: two queries."""
    scored = InterviewSession.objects.with_scores().get(pk=session.pk)
    return result_from(scored, topic_results(session))


# ---------------------------------------------------------------------------------------------
# One question's grading panel on the review page.
# ---------------------------------------------------------------------------------------------

# The meaning written next to each grade, so that the scale is used the same way every time.
GRADE_MEANINGS = {
    Grade.MISSED: "Wrong, or no answer.",
    Grade.PARTIAL: "Some key points; a gap an interviewer would probe.",
    Grade.GOOD: "The key points, clearly.",
    Grade.EXCELLENT: "Complete and precise, with an example or a trade-off.",
}


@dataclass(frozen=True)
class GradeChoice:
    value: int
    label: str
    meaning: str
    checked: bool


@dataclass(frozen=True)
class KeyPointRow:
    point: SessionKeyPoint
    checked: bool
    # Its important words appear in the answer: worth a look, never ticked for the user.
    hinted: bool


@dataclass
class GradingCard:
    """What the grading panel of one question shows: the stored state, or what the user just
    sent when it was refused (so nothing typed is lost)."""

    item: SessionQuestion
    form: GradeForm
    saved: bool = False
    # A note sent before the question had a grade: shown again, stored with the first grade.
    unsaved_note: str = ""

    @cached_property
    def self_grade(self) -> SelfGrade | None:
        return self.item.self_grade_or_none()

    @cached_property
    def answer(self) -> Answer | None:
        return self.item.answer_or_none()

    @property
    def answer_text(self) -> str:
        return self.answer.text if self.answer else ""

    @property
    def time_spent(self) -> str:
        return format_duration(self.item.time_spent())

    @cached_property
    def rows(self) -> list[KeyPointRow]:
        answer_stems = important_stems(self.answer_text)
        sent = set(self.form.data.getlist("covered")) if self.form.is_bound else set()
        return [
            KeyPointRow(
                point=point,
                checked=str(point.pk) in sent if self.form.is_bound else point.covered,
                hinted=bool(answer_stems) and possibly_covered(point.text, "", self.item.prompt, answer_stems),
            )
            for point in self.item.key_points.all()
        ]

    @property
    def grade_value(self) -> int | None:
        if self.form.is_bound:
            sent = self.form.data.get("grade", "")
            return int(sent) if sent in {str(value) for value in Grade.values} else None
        return self.self_grade.grade if self.self_grade else None

    @property
    def choices(self) -> list[GradeChoice]:
        chosen = self.grade_value
        return [GradeChoice(grade.value, grade.label, GRADE_MEANINGS[grade], grade.value == chosen) for grade in Grade]

    @property
    def note(self) -> str:
        if self.unsaved_note:
            return self.unsaved_note
        if self.form.is_bound:
            return self.form.data.get("note", "")
        return self.self_grade.note if self.self_grade else ""

    @property
    def is_graded(self) -> bool:
        return self.self_grade is not None

    @property
    def hinted_count(self) -> int:
        return sum(row.hinted for row in self.rows)


def grading_card(item: SessionQuestion, data=None, saved: bool = False, unsaved_note: str = "") -> GradingCard:
    return GradingCard(item=item, form=GradeForm(data, item=item), saved=saved, unsaved_note=unsaved_note)
