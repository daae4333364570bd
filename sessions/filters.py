"""The history page's filters: a GET form whose invalid values are ignored, never an error page."""

from django import forms

from questions.models import Topic
from sessions.models import InterviewSessionQuerySet, Status

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
