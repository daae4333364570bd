"""The forms of the sessions app: starting an interview, saving an answer, grading an answer
(with the grading card the review page draws from it), and the history's filters."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from questions.models import Difficulty, Question, Topic
from sessions.due import due_queue
from sessions.durations import format_duration
from sessions.evidence import Highlight, bank_weights, key_point_hints, marked_answer
from sessions.hints import Hint, Weights
from sessions.models import (
    ANSWER_MAX_CHARS,
    MAX_REVISION,
    NOTE_MAX_CHARS,
    Answer,
    BlindRegrade,
    Grade,
    InterviewSessionQuerySet,
    SelfGrade,
    SessionKeyPoint,
    SessionQuestion,
    Status,
)
from sessions.pace import is_over, pace_text
from sessions.presets import LOOPS, MISSED, PRESETS, REVIEW_DUE, SINGLE
from sessions.services import draw_questions


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField for ids posted by the page: anything but 1 to 18 digits is an
    invalid choice before any query, as a number too large for the database's integer would
    otherwise be an OverflowError (a 500) on SQLite rather than a row not found."""

    def clean(self, value):
        value = self.prepare_value(value)
        for pk in value if isinstance(value, (list, tuple)) else ():
            if not (isinstance(pk, (str, int)) and re.fullmatch(r"[0-9]{1,18}", str(pk), flags=re.ASCII)):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super().clean(value)


class StartForm(forms.Form):
    """The custom form; the presets post the same fields with fixed values. On success
    `cleaned_data["questions"]` holds the questions drawn."""

    error_messages = {
        "none_available": (
            "No active question matches these topics and difficulty. Choose other topics or any difficulty."
        ),
        "too_few": "Only %(available)s of the %(asked)s questions you asked for match these topics and difficulty.",
        "loop_short": "The question bank has too few questions for the %(loop)s right now. Try a preset instead.",
        "nothing_due": "No question is due for review today. Start a preset for new questions instead.",
        "no_such_question": "That question is no longer in the bank. Choose another one.",
    }

    question_count = forms.IntegerField(label="Number of questions", min_value=1, max_value=20, initial=5)
    minutes = forms.IntegerField(label="Total minutes", min_value=1, max_value=180, initial=25)
    topics = IdsChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: all topics.",
    )
    difficulty = forms.ChoiceField(choices=[("", "Any difficulty"), *Difficulty.choices], required=False)
    # Sent by the "Start with the N available" button after a "too few" refusal.
    accept_fewer = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # Sent by a preset's button: the session is that preset's only when the user chose it (a
    # custom session that happens to have Quick's numbers stays Custom).
    preset = forms.ChoiceField(
        choices=[("", "")] + [(preset.name, preset.label) for preset in PRESETS.values()],
        required=False,
        widget=forms.HiddenInput,
    )
    # Sent by a loop's button: its own mix of topics and time, whatever the other fields say.
    loop = forms.ChoiceField(choices=[("", "")] + [(loop.name, loop.label) for loop in LOOPS.values()], required=False)
    # Sent by "Review due": the due questions, most overdue first, up to question_count.
    review = forms.ChoiceField(choices=[("", ""), (REVIEW_DUE, "Review due")], required=False)
    # Sent by a question's "Practise now": that question alone, in its suggested minutes; sent
    # several times by the review's "Practise these": those questions, in that order.
    question = forms.SlugField(required=False, max_length=80)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        self.user = user
        self.available: int | None = None

    def clean(self) -> dict:
        if loop := LOOPS.get(self.data.get("loop", "")):
            return self._clean_loop(loop)
        if self.data.get("review") == REVIEW_DUE:
            return self._clean_review()
        if self.data.get("question"):
            return self._clean_question()
        data = super().clean()
        if self.errors:
            return data
        questions = draw_questions(self.user, data["topics"], data["difficulty"])
        self.available, asked = len(questions), data["question_count"]
        if not questions:
            raise ValidationError(self.error_messages["none_available"], code="none_available")
        if self.available < asked and not data["accept_fewer"]:
            raise ValidationError(
                self.error_messages["too_few"], code="too_few", params={"available": self.available, "asked": asked}
            )
        data["questions"] = questions[:asked]
        preset = PRESETS.get(data["preset"])
        chosen = preset and (preset.question_count, preset.minutes) == (asked, data["minutes"])
        data["format"] = preset.name if chosen and not data["topics"] and not data["difficulty"] else "custom"
        return data

    def _clean_loop(self, loop) -> dict:
        """The loop's questions, topic by topic (each drawn as any session draws them); its own
        count and time replace whatever the custom fields hold."""
        self.errors.pop("question_count", None)
        self.errors.pop("minutes", None)
        topics = {topic.slug: topic for topic in Topic.objects.filter(slug__in=[slug for slug, _ in loop.mix])}
        questions = []
        for slug, count in loop.mix:
            drawn = draw_questions(self.user, [topics[slug]]) if slug in topics else []
            if len(drawn) < count:
                raise ValidationError(self.error_messages["loop_short"], code="loop_short", params={"loop": loop.label})
            questions += drawn[:count]
        self.cleaned_data.update(
            questions=questions,
            question_count=len(questions),
            minutes=loop.minutes,
            format=loop.name,
            topics=list(topics.values()),
            difficulty="",
        )
        return self.cleaned_data

    def _clean_review(self) -> dict:
        """The due questions, most overdue first, up to the number asked for; the time is the sum
        of their suggested minutes."""
        self.errors.pop("minutes", None)
        if "question_count" in self.errors:
            return self.cleaned_data
        cards = due_queue(self.user, self.cleaned_data["question_count"])
        if not cards:
            raise ValidationError(self.error_messages["nothing_due"], code="nothing_due")
        questions = [card.question for card in cards]
        self.cleaned_data.update(
            questions=questions,
            question_count=len(questions),
            minutes=min(sum(question.suggested_minutes for question in questions), 180),
            format=REVIEW_DUE,
            topics=[],
            difficulty="",
        )
        return self.cleaned_data

    def _clean_question(self) -> dict:
        """One question ("Practise now"), or several in the order posted ("Practise these" after
        a review): their suggested minutes, up to 20 questions and 180 minutes."""
        self.errors.pop("minutes", None)
        self.errors.pop("question_count", None)
        self.errors.pop("question", None)
        slugs = self.data.getlist("question") if hasattr(self.data, "getlist") else [self.data["question"]]
        # Anything but a slug cannot be a question: skipped, like a question gone from the bank.
        slugs = [slug for slug in slugs if isinstance(slug, str) and re.fullmatch(r"[-a-zA-Z0-9_]{1,80}", slug)]
        slugs = list(dict.fromkeys(slugs))[:20]
        found = {
            question.slug: question
            for question in Question.objects.active().select_related("topic").filter(slug__in=slugs)
        }
        questions = [found[slug] for slug in slugs if slug in found]
        if not questions:
            raise ValidationError(self.error_messages["no_such_question"], code="no_such_question")
        self.cleaned_data.update(
            questions=questions,
            question_count=len(questions),
            minutes=min(sum(question.suggested_minutes for question in questions), 180),
            format=SINGLE if len(questions) == 1 else MISSED,
            topics=[],
            difficulty="",
        )
        return self.cleaned_data

    @property
    def offer_fewer(self) -> bool:
        """Whether to offer starting with the questions that do match."""
        return bool(self.available) and self.has_error(NON_FIELD_ERRORS, "too_few")


class AnswerForm(forms.Form):
    """One save of one answer: by the page's autosave (with a revision) or a plain form post."""

    error_messages = {
        "too_long": (
            f"Your answer is %(length)s characters long; the limit is {ANSWER_MAX_CHARS:,}. "
            "Shorten it to save it (your text is still in the box)."
        ),
    }

    text = forms.CharField(
        label="Your answer",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
    )
    revision = forms.IntegerField(required=False, min_value=0, max_value=MAX_REVISION, widget=forms.HiddenInput)
    time_spent = forms.IntegerField(required=False, min_value=0, max_value=MAX_REVISION, widget=forms.HiddenInput)
    # Where to go after a plain form post: "prev", "next", a position, "submit" or "abandon".
    go = forms.CharField(required=False, max_length=10)

    def clean_text(self) -> str:
        # Browsers post line breaks as CRLF; the page counts them as one character.
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if len(text) > ANSWER_MAX_CHARS:
            raise ValidationError(self.error_messages["too_long"], code="too_long", params={"length": f"{len(text):,}"})
        return text

    def clean_go(self) -> str:
        """Only a destination the page offers; anything else stays on the same question (the
        text is saved all the same)."""
        go = self.cleaned_data["go"]
        return go if re.fullmatch(r"prev|next|submit|abandon|[0-9]{1,3}", go, flags=re.ASCII) else ""


# ---------------------------------------------------------------------------------------------
# Grading one answer on the review page
# ---------------------------------------------------------------------------------------------

# The meaning written next to each grade, so that the scale is used the same way every time.
GRADE_MEANINGS = {
    Grade.MISSED: "Wrong, or no answer.",
    Grade.PARTIAL: "Some key points; a gap an interviewer would probe.",
    Grade.GOOD: "The key points, clearly.",
    Grade.EXCELLENT: "Complete and precise, with an example or a trade-off.",
}


class GradeForm(forms.Form):
    """Ticks, grade and note of one question. A missing grade keeps the current one, so ticks
    saved before grading (or a plain post of the ticks alone) are fine; a note is stored with a
    grade, so before the first grade only the ticks are saved (see SessionQuestion.record_self_grade).
    Unbound, it holds what is stored (its initial values), so the grading card reads both cases
    from the bound fields."""

    covered = IdsChoiceField(
        queryset=SessionKeyPoint.objects.none(),
        required=False,
        error_messages={
            "invalid_choice": "That key point is not part of this question. Reload the page and tick again.",
            "invalid_pk_value": "That key point is not part of this question. Reload the page and tick again.",
            "invalid_list": "The key points were sent in a form this page does not understand.",
        },
    )
    grade = forms.TypedChoiceField(
        choices=Grade.choices,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a grade from 1 (Missed) to 4 (Excellent)."},
    )
    note = forms.CharField(
        label="Private note",
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": f"Keep the note under {NOTE_MAX_CHARS:,} characters."},
    )

    def __init__(self, data=None, *, item: SessionQuestion, unsaved_note: str = ""):
        stored = item.self_grade_or_none()
        initial = {
            "covered": [point.pk for point in item.key_points.all() if point.covered],
            "grade": stored.grade if stored else None,
            # A note sent before the question had a grade: shown again, stored with the first grade.
            "note": unsaved_note or (stored.note if stored else ""),
        }
        super().__init__(data, initial=initial, auto_id=f"%s-{item.position}")
        self.item = item
        self.fields["covered"].queryset = item.key_points.all()

    def save(self, now=None) -> SelfGrade | None:
        data = self.cleaned_data
        return self.item.record_self_grade(
            data["grade"], (point.pk for point in data["covered"]), data["note"], now=now
        )


@dataclass(frozen=True)
class GradeChoice:
    value: int
    label: str
    meaning: str
    checked: bool


@dataclass(frozen=True)
class KeyPointRow:
    point: SessionKeyPoint
    number: int
    checked: bool
    # The answer's words that possibly make the point: worth a look, never ticked for the user.
    hint: Hint | None
    answer_text: str = ""

    @property
    def hinted(self) -> bool:
        return self.hint is not None

    @property
    def evidence(self) -> list[str]:
        return self.hint.evidence(self.answer_text) if self.hint else []


@dataclass
class GradingCard:
    """What the grading panel of one question shows, read from its form: the stored state, or
    what the user just sent when it was refused (so nothing typed is lost)."""

    item: SessionQuestion
    form: GradeForm
    saved: bool = False
    unsaved_note: str = ""
    # The bank's hint weights; a page of many cards passes one cached getter to all of them.
    weights: Callable[[], Weights] = bank_weights

    @cached_property
    def self_grade(self) -> SelfGrade | None:
        return self.item.self_grade_or_none()

    @cached_property
    def answer(self) -> Answer | None:
        return self.item.answer_or_none()

    @property
    def time_spent(self) -> str:
        return format_duration(self.item.time_spent())

    @property
    def pace(self) -> str:
        """ "4 min 10 s of 3 min": the time spent against the question's suggested minutes."""
        return pace_text(self._seconds_spent, self.item.suggested_minutes)

    @property
    def over_time(self) -> bool:
        return is_over(self._seconds_spent, self.item.suggested_minutes)

    @cached_property
    def _seconds_spent(self) -> int | None:
        spent = self.item.time_spent()
        return round(spent.total_seconds()) if spent else None

    @cached_property
    def rows(self) -> list[KeyPointRow]:
        text = self.answer.text if self.answer else ""
        ticked = {str(pk) for pk in self.form["covered"].value() or ()}
        points = list(self.item.key_points.all())
        hints = key_point_hints(points, text, self.item.prompt, self.weights)
        return [
            KeyPointRow(point=point, number=number, checked=str(point.pk) in ticked, hint=hint, answer_text=text)
            for number, (point, hint) in enumerate(zip(points, hints, strict=True), start=1)
        ]

    @property
    def answer_html(self) -> str:
        """The answer with the hints' evidence in <mark>s (escaped: it is the user's text)."""
        highlights = [Highlight(row.number, row.point.text, row.hint) for row in self.rows if row.hint]
        return marked_answer(self.answer.text if self.answer else "", highlights)

    @property
    def choices(self) -> list[GradeChoice]:
        chosen = str(self.form["grade"].value() or "")
        return [
            GradeChoice(grade.value, grade.label, GRADE_MEANINGS[grade], str(grade.value) == chosen) for grade in Grade
        ]

    @property
    def is_graded(self) -> bool:
        return self.self_grade is not None

    @property
    def hinted_count(self) -> int:
        return sum(row.hinted for row in self.rows)


def grading_card(
    item: SessionQuestion,
    data=None,
    saved: bool = False,
    unsaved_note: str = "",
    weights: Callable[[], Weights] = bank_weights,
) -> GradingCard:
    return GradingCard(
        item=item,
        form=GradeForm(data, item=item, unsaved_note=unsaved_note),
        saved=saved,
        unsaved_note=unsaved_note,
        weights=weights,
    )


# ---------------------------------------------------------------------------------------------
# The history page's filters: a GET form whose invalid values are ignored, never an error page
# ---------------------------------------------------------------------------------------------

NEEDS_GRADING = "needs_grading"


class HistoryFilterForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("", "Any status"), (NEEDS_GRADING, "Needs grading"), *Status.choices], required=False
    )
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(), to_field_name="slug", required=False, empty_label="Any topic"
    )

    def filter(self, sessions: InterviewSessionQuerySet) -> InterviewSessionQuerySet:
        """`sessions` narrowed by the valid fields (call with_scores() on it first)."""
        if not self.is_bound:
            return sessions
        self.is_valid()
        status = self.cleaned_data.get("status")
        topic = self.cleaned_data.get("topic")
        if status == NEEDS_GRADING:
            sessions = sessions.needing_grading()
        elif status:
            sessions = sessions.filter(status=status)
        if topic:
            sessions = sessions.with_topic(topic)
        return sessions

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.cleaned_data.get(name) for name in ("status", "topic"))


# ---------------------------------------------------------------------------------------------
# Comparing two answers to one question: a GET form whose choices are the user's own attempts
# ---------------------------------------------------------------------------------------------


def attempt_label(item: SessionQuestion) -> str:
    grade = item.self_grade_or_none()
    when = timezone.localtime(item.session.started_at)
    return f"{when:%a %-d %b %Y, %H:%M}" + (f" · {grade.get_grade_display()}" if grade else "")


class CompareForm(forms.Form):
    """Two of the user's answers to one question, chosen among `attempts` (read once, newest
    first): an id that is not one of them is an invalid choice, never a query. Unbound, the two
    latest are offered."""

    error_messages = {"same": "Choose two different answers to compare."}

    a = forms.ChoiceField(label="Earlier answer")
    b = forms.ChoiceField(label="Later answer")

    def __init__(self, data=None, *, attempts):
        self.attempts = {str(item.pk): item for item in attempts}
        ordered = list(self.attempts.values())
        initial = {"a": ordered[1].pk, "b": ordered[0].pk} if len(ordered) >= 2 else {}
        super().__init__(data, initial=initial)
        choices = [(pk, attempt_label(item)) for pk, item in self.attempts.items()]
        self.fields["a"].choices = self.fields["b"].choices = choices

    def clean(self) -> dict:
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            raise ValidationError(self.error_messages["same"], code="same")
        return data

    def chosen(self) -> tuple[SessionQuestion, SessionQuestion]:
        """The two attempts chosen (call after is_valid())."""
        return self.attempts[self.cleaned_data["a"]], self.attempts[self.cleaned_data["b"]]

    @property
    def latest_two(self) -> tuple[SessionQuestion, SessionQuestion] | None:
        ordered = list(self.attempts.values())
        return (ordered[1], ordered[0]) if len(ordered) >= 2 else None


# ---------------------------------------------------------------------------------------------
# A blind re-grade of an old answer
# ---------------------------------------------------------------------------------------------


class RegradeForm(forms.Form):
    grade = forms.TypedChoiceField(
        choices=Grade.choices,
        coerce=int,
        error_messages={
            "required": "Choose a grade from 1 (Missed) to 4 (Excellent).",
            "invalid_choice": "Choose a grade from 1 (Missed) to 4 (Excellent).",
        },
    )

    def choices(self) -> list[GradeChoice]:
        chosen = str(self["grade"].value() or "")
        return [
            GradeChoice(grade.value, grade.label, GRADE_MEANINGS[grade], str(grade.value) == chosen) for grade in Grade
        ]

    def save(self, item: SessionQuestion, now=None) -> BlindRegrade:
        """Records the blind grade beside the first one, as it is now; nothing else changes."""
        regrade, _ = BlindRegrade.objects.get_or_create(
            session_question=item,
            defaults={
                "first_grade": item.self_grade.grade,
                "grade": self.cleaned_data["grade"],
                "regraded_at": now or timezone.now(),
            },
        )
        return regrade
