import re

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from questions.models import Difficulty, Topic
from sessions.models import MAX_REVISION
from sessions.presets import LOOPS, PRESETS
from sessions.services import draw_questions

ANSWER_MAX_CHARS = 20_000


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
    # Sent by a loop's button: its own mix of topics and time, whatever the other fields say.
    loop = forms.ChoiceField(choices=[("", "")] + [(loop.name, loop.label) for loop in LOOPS.values()], required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.available: int | None = None

    def clean(self) -> dict:
        if loop := LOOPS.get(self.data.get("loop", "")):
            return self._clean_loop(loop)
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
        data["format"] = next(
            (
                preset.name
                for preset in PRESETS.values()
                if (preset.question_count, preset.minutes) == (asked, data["minutes"])
                and not data["topics"]
                and not data["difficulty"]
            ),
            "custom",
        )
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

    @property
    def offer_fewer(self) -> bool:
        """Whether to offer starting with the questions that do match."""
        return bool(self.available) and self.has_error(NON_FIELD_ERRORS, "too_few")


class AnswerForm(forms.Form):
    """One save of one answer: by the page's autosave (with a revision) or a plain form post."""

    error_messages = {
        "too_long": (
            "Your answer is %(length)s characters long; the limit is 20,000. "
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
