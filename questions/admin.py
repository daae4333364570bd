from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count

from questions.bank_files import KEY_POINTS
from questions.models import KeyPoint, Kind, Question, Tag, Topic
from questions.sql import SqlError, expected_result


class KeyPointForm(forms.ModelForm):
    class Meta:
        model = KeyPoint
        fields = ["position", "text", "aliases"]
        help_texts = {"aliases": 'Other ways to say it, as a list: ["first way", "second way"].'}

    def clean_aliases(self):
        # An empty box means no aliases, not a JSON null.
        return self.cleaned_data["aliases"] or []


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    form = KeyPointForm
    fields = ["position", "text", "aliases"]
    ordering = ["position", "id"]
    extra = 1
    # The same 3 to 7 as the import (bank.KEY_POINTS), so whatever the admin saves can be
    # exported and imported again.
    min_num, max_num = KEY_POINTS
    validate_min = True
    validate_max = True
    formfield_overrides = {models.CharField: {"widget": forms.TextInput(attrs={"size": 100})}}

    def get_formset(self, request, obj=None, **kwargs):
        # InlineModelAdmin hands min_num and max_num to the formset but not validate_min and
        # validate_max; without them the limits only decide how many blank rows are shown.
        kwargs = {"validate_min": self.validate_min, "validate_max": self.validate_max, **kwargs}
        return super().get_formset(request, obj, **kwargs)


class QuestionAdminForm(forms.ModelForm):
    """Runs a SQL question's model query on its tables, as the import does, and keeps its result."""

    class Meta:
        model = Question
        fields = [
            "prompt", "slug", "topic", "kind", "difficulty", "suggested_minutes", "tags", "is_active",
            "headline", "model_answer", "common_mistakes", "follow_ups",
            "sql_schema", "sql_data", "sql_model_query", "sql_ordered",
        ]  # fmt: skip

    def clean_follow_ups(self):
        # An empty box means no follow-up questions, not a JSON null.
        return self.cleaned_data["follow_ups"] or []

    def clean(self):
        data = super().clean()
        if data.get("kind") != Kind.SQL:
            self.instance.sql_expected = None
            return data
        try:
            self.instance.sql_expected = expected_result(
                data.get("sql_schema", ""), data.get("sql_data", ""), data.get("sql_model_query", "")
            )
        except SqlError as error:
            part, _, message = str(error).partition(": ")
            if part in ("schema", "data"):
                self.add_error(f"sql_{part}", message)
            else:
                self.add_error("sql_model_query", str(error))
        return data


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    form = QuestionAdminForm
    list_display = ["slug", "short_prompt", "topic", "kind", "difficulty", "suggested_minutes", "is_active", "version"]
    list_filter = ["topic__area", "topic", "kind", "difficulty", "is_active"]
    list_editable = ["is_active"]
    search_fields = ["slug", "prompt", "model_answer", "key_points__text", "tags__name"]
    search_help_text = "Searches slug, prompt, model answer, key points and tags."
    list_select_related = ["topic"]
    prepopulated_fields = {"slug": ["prompt"]}
    filter_horizontal = ["tags"]
    readonly_fields = ["version", "content_hash", "created_at", "updated_at"]
    inlines = [KeyPointInline]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 16, "cols": 100})}}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "prompt":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 100})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    fieldsets = [
        (None, {"fields": ["prompt", "slug", "topic", "kind", "difficulty", "suggested_minutes", "tags", "is_active"]}),
        ("Answer", {"fields": ["headline", "model_answer", "common_mistakes", "follow_ups"]}),
        (
            "SQL (questions of kind SQL)",
            {"fields": ["sql_schema", "sql_data", "sql_model_query", "sql_ordered"], "classes": ["collapse"]},
        ),
        ("Version", {"fields": ["version", "content_hash", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description="Prompt", ordering="prompt")
    def short_prompt(self, question: Question) -> str:
        return question.prompt[:90]

    def save_related(self, request, form, formsets, change):
        # The content hash covers the key points, so it can only be computed once they are saved.
        super().save_related(request, form, formsets, change)
        form.instance.record_version()


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "area", "position", "question_count"]
    list_editable = ["area", "position"]
    list_filter = ["area"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description="Questions", ordering="question_count")
    def question_count(self, topic: Topic) -> int:
        return topic.question_count


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "question_count"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(question_count=Count("questions"))

    @admin.display(description="Questions", ordering="question_count")
    def question_count(self, tag: Tag) -> int:
        return tag.question_count
