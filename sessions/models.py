from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import Avg, Case, Count, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, Now
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from questions.models import Difficulty, Question, Topic
from sessions import scheduling
from sessions.presets import format_label


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    EXPIRED = "expired", "Expired"
    ABANDONED = "abandoned", "Abandoned"


FINISHED = [Status.SUBMITTED, Status.EXPIRED, Status.ABANDONED]
# Submitted or expired: the sessions that count as practice and are graded (abandoned ones are not).
DONE = [Status.SUBMITTED, Status.EXPIRED]

# The longest answer and private note the app stores, in characters (the forms enforce them and
# the interview page counts against ANSWER_MAX_CHARS through a data attribute).
ANSWER_MAX_CHARS = 20_000
NOTE_MAX_CHARS = 4_000

# Revisions are milliseconds on the server's clock since the start (see InterviewSession.server_ms),
# stored in a PositiveIntegerField: PostgreSQL's integer stops here.
MAX_REVISION = 2**31 - 1


class InterviewSessionQuerySet(models.QuerySet):
    def for_user(self, user) -> "InterviewSessionQuerySet":
        return self.filter(owner=user)

    def in_progress(self) -> "InterviewSessionQuerySet":
        return self.filter(status=Status.IN_PROGRESS)

    def with_grades(self) -> "InterviewSessionQuerySet":
        """Annotates graded_count and mean_grade, the session's score (mean self-grade out of 4,
        None until a grade exists): correlated subqueries, one query for any number of sessions."""
        grades = _per_session(SelfGrade)
        return self.annotate(
            graded_count=_count_of(grades), mean_grade=Subquery(grades.annotate(mean=Avg("grade")).values("mean"))
        )

    def with_scores(self) -> "InterviewSessionQuerySet":
        """with_grades(), plus answered_count, key_points_total and key_points_covered: one
        query, whatever the number of sessions (subqueries, so the counts do not multiply each
        other as joins would)."""
        points = _per_session(SessionKeyPoint)
        return self.with_grades().annotate(
            answered_count=_count_of(_per_session(Answer).exclude(text="")),
            key_points_total=_count_of(points),
            key_points_covered=_count_of(points.filter(covered=True)),
        )

    def done(self) -> "InterviewSessionQuerySet":
        """Submitted or expired: the sessions that count as practice (abandoned ones do not)."""
        return self.filter(status__in=DONE)

    def needing_grading(self) -> "InterviewSessionQuerySet":
        """Done sessions with a question still ungraded (EXISTS stops at the first one: faster
        than comparing with_scores() counts, whose subqueries would run for every session)."""
        ungraded = SessionQuestion.objects.filter(session=OuterRef("pk"), self_grade__isnull=True)
        return self.done().filter(models.Exists(ungraded))

    def with_topic(self, topic) -> "InterviewSessionQuerySet":
        """Sessions that asked at least one question of `topic` (no duplicate rows)."""
        asked = SessionQuestion.objects.filter(session=OuterRef("pk"), topic=topic)
        return self.filter(models.Exists(asked))

    def current(self, now=None) -> "InterviewSession | None":
        """The session in progress among these (a user has one at most), or None: one whose
        deadline has passed is expired first, at its deadline, and not returned. One read through
        the index of the one-in-progress constraint, and a write only when something expires:
        what a page calls on every view, rather than expire_overdue()'s UPDATE."""
        session = self.in_progress().first()
        if session is not None and session.expire_if_overdue(now):
            return None
        return session

    def expire_overdue(self, now=None) -> int:
        """Closes the sessions whose deadline has passed, recording the deadline (not the time
        of this check) as their finish: one UPDATE, safe to race with a submit. Returns how many."""
        return self.filter(status=Status.IN_PROGRESS, deadline__lte=now or timezone.now()).update(
            status=Status.EXPIRED, finished_at=models.F("deadline"), changed_at=Now()
        )

    def last_change(self):
        """When anything the dashboard's progress is computed from last changed in these sessions
        (see InterviewSession.changed_at): one query, an index lookup whatever the history."""
        return self.aggregate(last=models.Max("changed_at"))["last"]


def _per_session(model):
    """`model`'s rows of the session in the outer query, grouped by it (for Subquery)."""
    field = "session_question__session"
    return model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)


def _count_of(rows):
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), Value(0), output_field=IntegerField())


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
    # When the model answers were first shown (review or past-session page): from then on a
    # save, even one inside the grace period, is kept as a late draft and never counted.
    answers_locked_at = models.DateTimeField(null=True, blank=True)
    # When its status, a counted answer of a finished session, a grade or a tick last changed,
    # on the database's clock: the dashboard keeps its figures until the user's latest one moves.
    changed_at = models.DateTimeField(default=timezone.now)

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
        indexes = [models.Index(fields=["owner", "-started_at"]), models.Index(fields=["owner", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.owner} {self.started_at:%Y-%m-%d %H:%M} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        """The interview while it runs; the read-only past session once finished."""
        name = "interviews:interview" if self.is_in_progress else "interviews:session_detail"
        return reverse(name, args=[self.pk])

    @property
    def format_label(self) -> str:
        """The preset's or screening round's name ("Quick", "Statistics screen"), else "Custom"."""
        return format_label(self.format)

    @property
    def is_in_progress(self) -> bool:
        return self.status == Status.IN_PROGRESS

    @property
    def is_done(self) -> bool:
        """Submitted or expired: counted as practice, and graded (see DONE)."""
        return self.status in DONE

    @property
    def is_finished(self) -> bool:
        """Done or abandoned: no more answers, and the review may be shown."""
        return self.status in FINISHED

    @property
    def total_seconds(self) -> int:
        return int((self.deadline - self.started_at).total_seconds())

    @property
    def grace_deadline(self):
        """Saves arriving up to here still count: the time a slow network may need."""
        return self.deadline + timedelta(seconds=settings.INTERVIEW_GRACE_SECONDS)

    def ms_left(self, now=None) -> int:
        return max(0, int((self.deadline - (now or timezone.now())).total_seconds() * 1000))

    def seconds_left(self, now=None) -> int:
        return -(-self.ms_left(now) // 1000)

    def server_ms(self, now=None) -> int:
        """Milliseconds since the start on the server's clock: what answer revisions count in,
        so the revisions of two tabs or two devices compare by the time of the edit."""
        return max(0, int(((now or timezone.now()) - self.started_at).total_seconds() * 1000))

    def accepts_answers(self, now=None) -> bool:
        """In progress, or run out of time less than the grace period ago, as long as the model
        answers have not been shown. A session submitted early or abandoned takes no more answers."""
        now = now or timezone.now()
        return (
            self.status in (Status.IN_PROGRESS, Status.EXPIRED)
            and now <= self.grace_deadline
            and self.answers_locked_at is None
        )

    def lock_answers(self, now=None) -> None:
        """Called before the model answers are shown: answers can no longer change."""
        if self.answers_locked_at is None:
            now = now or timezone.now()
            InterviewSession.objects.filter(pk=self.pk, answers_locked_at=None).update(answers_locked_at=now)
            self.answers_locked_at = now

    def mark_changed(self) -> None:
        """Something the progress figures count changed (see changed_at): one UPDATE."""
        InterviewSession.objects.filter(pk=self.pk).update(changed_at=Now())

    def _finish(self, status: str, now) -> bool:
        changed = InterviewSession.objects.filter(pk=self.pk, status=Status.IN_PROGRESS).update(
            status=status, finished_at=now, changed_at=Now()
        )
        self.refresh_from_db(fields=["status", "finished_at"])
        return bool(changed)

    def expire_if_overdue(self, now=None) -> bool:
        """Called whenever a view loads the session, so a tab closed before the deadline finds
        it expired at the deadline. Returns whether this call expired it."""
        now = now or timezone.now()
        if self.status != Status.IN_PROGRESS or now < self.deadline:
            return False
        changed = InterviewSession.objects.filter(pk=self.pk).expire_overdue(now)
        self.refresh_from_db(fields=["status", "finished_at"])
        return bool(changed)

    def submit(self, now=None) -> bool:
        """Finishes the session. At or after the deadline (the page's own submit at zero) it is
        expired at the deadline, as the cron command would have done. A second call changes
        nothing, so a double click or a second tab is harmless."""
        now = now or timezone.now()
        return self.expire_if_overdue(now) or self._finish(Status.SUBMITTED, now)

    def abandon(self, now=None) -> bool:
        """Stops the session without submitting it; its answers are kept."""
        now = now or timezone.now()
        return self.expire_if_overdue(now) or self._finish(Status.ABANDONED, now)

    def time_used(self, now=None) -> timedelta:
        """From the start to the finish (or now, while it runs), never more than the time allowed."""
        end = self.finished_at or now or timezone.now()
        return max(timedelta(0), min(end, self.deadline) - self.started_at)

    def needs_grading(self) -> bool:
        """Done with a question still ungraded (one query unless with_grades())."""
        if not self.is_done:
            return False
        graded = getattr(self, "graded_count", None)
        if graded is None:
            graded = SelfGrade.objects.filter(session_question__session=self).count()
        return graded < self.question_count


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
    headline = models.TextField(blank=True)
    model_answer = models.TextField()
    common_mistakes = models.TextField(blank=True)
    follow_ups = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["session", "position"], name="one_question_per_position")]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.position}: {self.prompt[:60]}"

    @classmethod
    def snapshot(cls, session: "InterviewSession", position: int, question: Question) -> "SessionQuestion":
        """An unsaved copy of what the user is shown of `question` now (its key points are
        copied separately, as SessionKeyPoint rows)."""
        return cls(
            session=session,
            position=position,
            question=question,
            question_version=question.version,
            topic_id=question.topic_id,
            difficulty=question.difficulty,
            suggested_minutes=question.suggested_minutes,
            prompt=question.prompt,
            headline=question.headline,
            model_answer=question.model_answer,
            common_mistakes=question.common_mistakes,
            follow_ups=question.follow_ups,
        )

    def answer_or_none(self) -> "Answer | None":
        try:
            return self.answer
        except Answer.DoesNotExist:
            return None

    def self_grade_or_none(self) -> "SelfGrade | None":
        try:
            return self.self_grade
        except SelfGrade.DoesNotExist:
            return None

    @property
    def needs_grading(self) -> bool:
        """The session is done and this question has no grade yet."""
        return self.session.is_done and self.self_grade_or_none() is None

    def time_spent(self) -> timedelta | None:
        """Time on this question: what the page reported, else the span between the first and
        the last save; None when neither says anything."""
        answer = self.answer_or_none()
        if answer is None:
            return None
        if answer.time_spent_seconds > 0:
            return timedelta(seconds=answer.time_spent_seconds)
        if answer.first_saved_at and answer.saved_at and answer.saved_at > answer.first_saved_at:
            return answer.saved_at - answer.first_saved_at
        return None

    def _answer_seconds(self) -> int | None:
        spent = self.time_spent()
        return int(spent.total_seconds()) if spent else None

    def record_self_grade(self, grade: int | None, covered_ids, note: str, now=None) -> "SelfGrade | None":
        """Ticks exactly `covered_ids` of this question's key points and stores the grade and
        note. `grade=None` keeps the current grade (only the ticks are saved when there is none).
        graded_at stays the first time; updated_at moves only when the grade or note changes.
        The first grade is a review of the question's card, a changed grade replaces it (see
        ReviewCard.review): one place, so the schedule always follows the grades."""
        now = now or timezone.now()
        covered_ids = set(covered_ids)
        with transaction.atomic():
            self.key_points.filter(pk__in=covered_ids).update(covered=True)
            self.key_points.exclude(pk__in=covered_ids).update(covered=False)
            InterviewSession(pk=self.session_id).mark_changed()
            current = SelfGrade.objects.select_for_update().filter(session_question=self).first()
            if current is None:
                if grade is None:
                    return None
                current = SelfGrade.objects.create(
                    session_question=self, grade=grade, note=note, graded_at=now, updated_at=now
                )
                ReviewCard.review(current, self._answer_seconds())
            elif (grade or current.grade, note) != (current.grade, current.note):
                regraded = (grade or current.grade) != current.grade
                current.grade, current.note, current.updated_at = grade or current.grade, note, now
                current.save(update_fields=["grade", "note", "updated_at"])
                if regraded:
                    ReviewCard.review(current, self._answer_seconds())
        self.self_grade = current
        return current


class SessionKeyPoint(models.Model):
    """A key point as it was at the start, and whether the user ticked it as covered."""

    session_question = models.ForeignKey(SessionQuestion, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    # The key point's aliases at the start: the "possibly covered" hint matches them too.
    aliases = models.JSONField(default=list, blank=True)
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
    # The revision of late_text: of two late saves, the newer edit is kept, not the last to arrive.
    late_revision = models.PositiveIntegerField(default=0)
    # A SQL question: how many times the query was run in the interview, and the check of the
    # final query against the expected result (see sessions.sql_runs), with the question version
    # it was computed on: a hint beside the self-grade, never a grade.
    sql_run_count = models.PositiveIntegerField(default=0)
    sql_check = models.JSONField(null=True, blank=True)
    sql_check_version = models.PositiveIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Answer to {self.session_question}"

    def record(self, text: str, revision: int, now, time_spent: int | None = None) -> bool:
        """Stores `text` only if `revision` is newer than the stored one, in one conditional
        UPDATE: of two racing saves the newer revision wins, whatever order they arrive in.
        Returns whether it was stored; one query when it was, two when not."""
        updates = {
            "text": text,
            "revision": revision,
            "saved_at": now,
            "first_saved_at": Coalesce(models.F("first_saved_at"), Value(now, output_field=models.DateTimeField())),
        }
        if time_spent is not None:
            updates["time_spent_seconds"] = Greatest(models.F("time_spent_seconds"), Value(time_spent))
        stored = Answer.objects.filter(pk=self.pk, revision__lt=revision).update(**updates)
        if stored:
            # What the UPDATE wrote, without reading it back (the common case: one query). Only
            # the two times kept from the row may differ from the database, if another tab saved
            # in between; the newer revision, its text and saved_at are exact.
            self.text, self.revision, self.saved_at = text, revision, now
            self.first_saved_at = self.first_saved_at or now
            if time_spent is not None:
                self.time_spent_seconds = max(self.time_spent_seconds, time_spent)
        else:
            # Refused: a newer revision is stored, which the page is sent.
            self.refresh_from_db()
        return bool(stored)

    def record_late(self, text: str, revision: int, now) -> bool:
        """Keeps a save that came too late as a late draft (shown on review, never counted),
        unless its revision is older than the counted answer's or the late draft's: in one
        conditional UPDATE, as in record(), so of two late saves the newer one stays, whatever
        order they arrive in. Returns False when nothing was lost: the text is the counted
        answer already, or older than it."""
        if text == self.text or revision < self.revision:
            return False
        Answer.objects.filter(pk=self.pk, revision__lte=revision, late_revision__lte=revision).update(
            late_text=text,
            late_revision=revision,
            # The same text again keeps the time it was first saved late.
            late_saved_at=Case(
                When(late_text=text, then=models.F("late_saved_at")),
                default=Value(now, output_field=models.DateTimeField()),
            ),
        )
        self.refresh_from_db()
        return True


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

    @property
    def was_changed(self) -> bool:
        """Whether the grade or note changed after the first grading."""
        return self.updated_at > self.graded_at


# ---------------------------------------------------------------------------------------------
# Spaced repetition: when each question comes back for its user (see sessions/scheduling.py)
# ---------------------------------------------------------------------------------------------


class CardState(models.IntegerChoices):
    # fsrs.State's values. With no learning steps a card is in review from its first grade on;
    # a Missed question in review is relearning until its next grade.
    LEARNING = 1, "New"
    REVIEW = 2, "Review"
    RELEARNING = 3, "Relearning"


class ReviewCardQuerySet(models.QuerySet):
    def for_user(self, user) -> "ReviewCardQuerySet":
        return self.filter(owner=user)

    def in_queue(self) -> "ReviewCardQuerySet":
        """Cards of questions still in the bank: a retired question's card stays, unasked."""
        return self.filter(question__is_active=True)

    def due_before(self, moment) -> "ReviewCardQuerySet":
        """In the queue and due before `moment` (the end of the user's today), most overdue
        first: one query on the (owner, due) index."""
        return self.in_queue().filter(due__lt=moment).order_by("due", "pk")


def end_of_today(now=None):
    """Midnight at the end of the user's today (the active time zone): what is due before it
    is "due today"."""
    today = timezone.localtime(now).date()
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))


class ReviewCard(models.Model):
    """One question's schedule for one user: FSRS's card as fields. A question keeps its card
    through its versions (the card is on the question, not on a snapshot)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="review_cards")
    state = models.PositiveSmallIntegerField(choices=CardState.choices, default=CardState.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField(db_index=True)
    last_review = models.DateTimeField(null=True, blank=True)
    # The grade of the latest review, kept with the card so the bank page needs no other query.
    last_grade = models.PositiveSmallIntegerField(choices=Grade.choices, null=True, blank=True)

    objects = ReviewCardQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "question"], name="one_card_per_user_and_question")]
        indexes = [models.Index(fields=["owner", "due"])]

    def __str__(self) -> str:
        return f"{self.owner} · {self.question.slug} due {self.due:%Y-%m-%d}"

    @classmethod
    def review(cls, self_grade: "SelfGrade", duration_seconds: int | None = None) -> "ReviewCard | None":
        """Records `self_grade` as a review of its question's card (created on the first grade)
        at the time it was first saved, then reschedules the card. A second call for the same
        grade (a changed grade) replaces that review. None for a question no longer in the bank."""
        item = self_grade.session_question
        if item.question_id is None:
            return None
        card, _ = cls.objects.get_or_create(
            owner_id=item.session.owner_id, question_id=item.question_id, defaults={"due": self_grade.graded_at}
        )
        Review.objects.update_or_create(
            self_grade=self_grade,
            defaults={
                "card": card,
                "grade": self_grade.grade,
                "reviewed_at": self_grade.graded_at,
                "duration_seconds": duration_seconds,
            },
        )
        card.reschedule()
        return card

    def reschedule(self, retention: float | None = None, reviews: list["Review"] | None = None) -> None:
        """Replays every review of the card from new, so the schedule always matches the grades
        shown; marks which reviews came when the card was due (what retention counts)."""
        if retention is None:
            retention = Profile.retention_of(self.owner_id)
        reviews = sorted(self.reviews.all() if reviews is None else reviews, key=lambda r: (r.reviewed_at, r.pk))
        schedule = scheduling.replay(
            self.pk, [scheduling.Graded(review.grade, review.reviewed_at) for review in reviews], retention, self.due
        )
        for review, previous_due in zip(reviews, schedule.previous_dues, strict=True):
            was_due = previous_due is not None and timezone.localdate(review.reviewed_at) >= timezone.localdate(
                previous_due
            )
            if review.was_due != was_due:
                review.was_due = was_due
                review.save(update_fields=["was_due"])
        self.state, self.step = schedule.state, schedule.step
        self.stability, self.difficulty = schedule.stability, schedule.difficulty
        self.due, self.last_review = schedule.due, schedule.last_review
        self.last_grade = reviews[-1].grade if reviews else None
        self.save(update_fields=["state", "step", "stability", "difficulty", "due", "last_review", "last_grade"])

    def days_until_due(self, now=None) -> int:
        """Days from the user's today to the due day: 0 today, negative when overdue."""
        return (timezone.localdate(self.due) - timezone.localdate(now or timezone.now())).days

    def due_phrase(self, now=None) -> str:
        """ "due today", "due tomorrow", "due in 4 days", "overdue by 2 days"."""
        days = self.days_until_due(now)
        if days < 0:
            return f"overdue by {-days} day{'s' if days < -1 else ''}"
        if days == 0:
            return "due today"
        if days == 1:
            return "due tomorrow"
        return f"due in {days} days"


def reschedule_all(owner, retention: float) -> None:
    """Every card of `owner` replayed with `retention`: two queries, then one write per card."""
    cards = ReviewCard.objects.for_user(owner).prefetch_related("reviews")
    for card in cards:
        card.reschedule(retention, list(card.reviews.all()))


class Review(models.Model):
    """One grade as a review of its card, at the time the grade was first saved. A changed grade
    replaces its review's grade (and the card is replayed), never adds a second review."""

    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="reviews")
    self_grade = models.OneToOneField("SelfGrade", on_delete=models.CASCADE, related_name="review")
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    reviewed_at = models.DateTimeField()
    duration_seconds = models.PositiveIntegerField(null=True, blank=True, help_text="Time spent on the answer.")
    # Whether the card was due (that day or before) when reviewed: the reviews retention counts.
    was_due = models.BooleanField(default=False)

    class Meta:
        ordering = ["reviewed_at", "pk"]
        indexes = [models.Index(fields=["card", "reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} for {self.card} at {self.reviewed_at:%Y-%m-%d %H:%M}"

    @property
    def rating(self) -> str:
        """FSRS's name for the grade (Again, Hard, Good, Easy)."""
        return scheduling.RATING_OF_GRADE[self.grade].name


# ---------------------------------------------------------------------------------------------
# Calibration: an old answer graded again, blind (never a review for the scheduler)
# ---------------------------------------------------------------------------------------------

# An answer is offered for a blind re-grade once its session is this old: long enough to have
# forgotten how it was first graded.
REGRADE_AFTER = timedelta(days=7)


class BlindRegradeQuerySet(models.QuerySet):
    def for_user(self, user) -> "BlindRegradeQuerySet":
        return self.filter(session_question__session__owner=user)


class BlindRegrade(models.Model):
    """A second grade of an old answer, given without seeing the first grade, ticks or note.
    `first_grade` is the grade it had then. It measures how honest the first grading was and
    changes nothing else: not the grade shown, not the schedule."""

    session_question = models.OneToOneField(SessionQuestion, on_delete=models.CASCADE, related_name="blind_regrade")
    first_grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    grade = models.PositiveSmallIntegerField(choices=Grade.choices)
    regraded_at = models.DateTimeField()

    objects = BlindRegradeQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.get_first_grade_display()} then {self.get_grade_display()} for {self.session_question}"


def regrade_candidates(owner, now=None):
    """The user's graded, non-empty answers at least REGRADE_AFTER old and not re-graded yet,
    the earliest graded first."""
    old_enough = (now or timezone.now()) - REGRADE_AFTER
    return (
        SessionQuestion.objects.filter(
            session__owner=owner,
            session__status__in=DONE,
            session__started_at__lte=old_enough,
            self_grade__isnull=False,
            blind_regrade__isnull=True,
        )
        .exclude(answer__text="")
        .order_by("self_grade__graded_at", "pk")
    )
