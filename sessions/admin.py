"""A read-only view of the interviews for a coach or an administrator: sessions with their
questions, answers, ticks and grades, as the user left them. Nothing here can change them."""

from django.contrib import admin

from sessions.models import (
    Answer,
    BlindRegrade,
    InterviewSession,
    Review,
    ReviewCard,
    SelfGrade,
    SessionKeyPoint,
    SessionQuestion,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    """Rows shown under their parent as they are: no adding, changing or deleting. A subclass
    names its model and `fields`."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class SessionQuestionInline(ReadOnlyInline):
    model = SessionQuestion
    fields = ["position", "topic", "difficulty", "prompt", "question_version"]
    show_change_link = True


@admin.register(InterviewSession)
class InterviewSessionAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "owner", "format", "question_count", "minutes", "status", "finished_at"]
    list_filter = ["status", "format"]
    search_fields = ["owner__username"]
    list_select_related = ["owner"]
    date_hierarchy = "started_at"
    inlines = [SessionQuestionInline]


class SessionKeyPointInline(ReadOnlyInline):
    model = SessionKeyPoint
    fields = ["position", "text", "covered"]


@admin.register(SessionQuestion)
class SessionQuestionAdmin(ReadOnlyAdmin):
    list_display = ["session", "position", "topic", "prompt"]
    list_select_related = ["session__owner", "topic"]
    search_fields = ["session__owner__username", "prompt"]
    inlines = [SessionKeyPointInline]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["session_question", "saved_at", "revision", "time_spent_seconds"]
    list_select_related = ["session_question__session__owner"]
    search_fields = ["session_question__session__owner__username", "text"]


@admin.register(SelfGrade)
class SelfGradeAdmin(ReadOnlyAdmin):
    list_display = ["session_question", "grade", "graded_at", "updated_at"]
    list_filter = ["grade"]
    list_select_related = ["session_question__session__owner"]
    search_fields = ["session_question__session__owner__username", "note"]


class ReviewInline(ReadOnlyInline):
    model = Review
    fields = ["reviewed_at", "grade", "was_due", "duration_seconds"]


@admin.register(ReviewCard)
class ReviewCardAdmin(ReadOnlyAdmin):
    list_display = ["owner", "question", "state", "due", "last_review", "last_grade", "stability", "difficulty"]
    list_filter = ["state"]
    list_select_related = ["owner", "question"]
    search_fields = ["owner__username", "question__slug"]
    inlines = [ReviewInline]


@admin.register(BlindRegrade)
class BlindRegradeAdmin(ReadOnlyAdmin):
    list_display = ["session_question", "first_grade", "grade", "regraded_at"]
    list_select_related = ["session_question__session__owner"]
    search_fields = ["session_question__session__owner__username"]
