"""The self-grading form of one question of a finished session (issue 5)."""

from django import forms

from sessions.forms import IdsChoiceField
from sessions.models import Grade, SelfGrade, SessionKeyPoint, SessionQuestion

NOTE_MAX_LENGTH = 4000


class GradeForm(forms.Form):
    """Ticks, grade and note of one question. A missing grade keeps the current one, so ticks
    saved before grading (or a plain post of the ticks alone) are fine; a note is stored with a
    grade, so before the first grade only the ticks are saved (see SessionQuestion.record_self_grade)."""

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
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={"max_length": f"Keep the note under {NOTE_MAX_LENGTH:,} characters."},
    )

    def __init__(self, *args, item: SessionQuestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields["covered"].queryset = item.key_points.all()

    def save(self, now=None) -> SelfGrade | None:
        data = self.cleaned_data
        return self.item.record_self_grade(
            data["grade"], (point.pk for point in data["covered"]), data["note"], now=now
        )
