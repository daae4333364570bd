from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from questions.models import Difficulty, Question, Topic


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    EXPIRED = "expired", "Expired"
    ABANDONED = "abandoned", "Abandoned"


FINISHED = [Status.SUBMITTED, Status.EXPIRED, Status.ABANDONED]


class InterviewSessionQuerySet(models.QuerySet):
    def for_user(self, user) -> "InterviewSessionQuerySet":
        return self.filter(owner=user)

    def in_progress(self) -> "InterviewSessionQuerySet":
        return self.filter(status=Status.IN_PROGRESS)

    def finished(self) -> "InterviewSessionQuerySet":
        return self.filter(status__in=FINISHED)

    def with_scores(self) -> "InterviewSessionQuerySet":
        """Annotates answered_count, graded_count, mean_grade (None until a grade exists),
        key_points_total and key_points_covered: one query, whatever the number of sessions
        (correlated subqueries, so the counts do not multiply each other as joins would)."""

        def per_session(model, field: str):
            return model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)

        def count_of(rows):
            return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), Value(0), output_field=IntegerField())

        grades = per_session(SelfGrade, "session_question__session")
        points = per_session(SessionKeyPoint, "session_question__session")
        answers = per_session(Answer, "session_question__session").exclude(text="")
        return self.annotate(
            answered_count=count_of(answers),
            graded_count=count_of(grades),
            mean_grade=Subquery(grades.annotate(mean=Avg("grade")).values("mean")),
            key_points_total=count_of(points),
            key_points_covered=count_of(points.filter(covered=True)),
        )

    # --- issue 6: history, dashboard and export ---------------------------------------------

    def done(self) -> "InterviewSessionQuerySet":
        """Submitted or expired: the sessions that count as practice (abandoned ones do not)."""
        return self.filter(status__in=[Status.SUBMITTED, Status.EXPIRED])

    def needing_grading(self) -> "InterviewSessionQuerySet":
        """Done sessions with a question still ungraded. Call after with_scores()."""
        return self.done().filter(graded_count__lt=models.F("question_count"))

    def with_topic(self, topic) -> "InterviewSessionQuerySet":
        """Sessions that asked at least one question of `topic` (no duplicate rows)."""
        asked = SessionQuestion.objects.filter(session=OuterRef("pk"), topic=topic)
        return self.filter(models.Exists(asked))

    # --- end of issue 6 -----------------------------------------------------------------------


class InterviewSession(models.Model):
    """A timed mock interview. The server's `deadline` is the clock; the browser only shows it."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_sessions")
    format = models.CharField(max_length=20, default="custom", help_text="quick, standard, full or custom.")
    question_count = models.PositiveSmallIntegerField()
    minutes = models.PositiveSmallIntegerField(help_text="Time allowed for the whole session.")
    topics = models.ManyToManyField(Topic, blank=True, help_text="The topics asked for; none means all.")
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices, blank=True)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField()
    # Submission time, or the deadline for an expired session (never the time of the check).
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)

    objects = InterviewSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(status="in_progress"),
                name="one_interview_in_progress_per_user",
            )
        ]
        indexes = [models.Index(fields=["owner", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.owner} {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    # --- issue 6 ---
    def time_used(self, now=None) -> timedelta:
        """From the start to the finish (or now, while it runs), never more than the time allowed."""
        end = self.finished_at or now or timezone.now()
        return max(timedelta(0), min(end, self.deadline) - self.started_at)


class SessionQuestion(models.Model):
    """A question as it was when the session started: a snapshot, so later edits of the bank
    never change a past attempt."""

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="session_questions")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, related_name="session_questions")
    question_version = models.PositiveIntegerField(default=1)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="session_questions")
    difficulty = models.CharField(max_length=10, choices=Difficulty.choices)
    suggested_minutes = models.PositiveSmallIntegerField()
    prompt = models.TextField()
    model_answer = models.TextField()
    common_mistakes = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["session", "position"], name="one_question_per_position")]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.position}: {self.prompt[:60]}"


class SessionKeyPoint(models.Model):
    """A key point as it was at the start, and whether the user ticked it as covered."""

    session_question = models.ForeignKey(SessionQuestion, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    covered = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class Answer(models.Model):
    """The user's answer to one question of a session. `revision` only grows: a save that
    carries an older revision than the stored one is ignored (two tabs, overtaken requests)."""

    session_question = models.OneToOneField(SessionQuestion, on_delete=models.CASCADE, related_name="answer")
    text = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=0)
    first_saved_at = models.DateTimeField(null=True, blank=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    # Time the question was on screen, as reported by the page and capped by the server.
    time_spent_seconds = models.PositiveIntegerField(default=0)
    # A save refused for arriving after deadline + grace: kept and shown, never counted.
    late_text = models.TextField(blank=True)
    late_saved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Answer to {self.session_question}"


class Grade(models.IntegerChoices):
    MISSED = 1, "Missed"
    PARTIAL = 2, "Partial"
    GOOD = 3, "Good"
    EXCELLENT = 4, "Excellent"


class SelfGrade(models.Model):
    """The user's own grade of one answer, and a private note. Can be changed later."""

    session_question = models.OneToOneField(SessionQuestion, on_delete=models.CASCADE, related_name="self_grade")
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    note = models.TextField(blank=True)
    graded_at = models.DateTimeField(help_text="First graded.")
    updated_at = models.DateTimeField(help_text="Last changed.")

    def __str__(self) -> str:
        return f"{self.get_grade_display()} for {self.session_question}"
