"""The question bank's filters: a GET form whose invalid values are ignored, never an error page."""

from django import forms

from questions.models import Area, Difficulty, Kind, QuestionQuerySet, Topic


class QuestionFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200, strip=True)
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(), to_field_name="slug", required=False, empty_label="All topics"
    )
    area = forms.ChoiceField(choices=[("", "All areas"), *Area.choices], required=False)
    kind = forms.ChoiceField(choices=[("", "Any kind"), *Kind.choices], required=False)
    difficulty = forms.ChoiceField(choices=[("", "Any difficulty"), *Difficulty.choices], required=False)

    def value(self, name: str):
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)

    def filter(self, questions: QuestionQuerySet, by_topic: bool = True) -> QuestionQuerySet:
        """`questions` narrowed by the valid fields; `by_topic=False` leaves the topic and area
        out, for the per-topic counts."""
        if text := self.value("q"):
            questions = questions.search(text)
        if difficulty := self.value("difficulty"):
            questions = questions.filter(difficulty=difficulty)
        if kind := self.value("kind"):
            questions = questions.filter(kind=kind)
        if by_topic and (topic := self.value("topic")):
            questions = questions.filter(topic=topic)
        if by_topic and (area := self.value("area")):
            questions = questions.filter(topic__area=area)
        return questions

    @property
    def is_filtered(self) -> bool:
        return any(self.value(name) for name in ("q", "topic", "area", "kind", "difficulty"))
