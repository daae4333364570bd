"""Scores: a session's result (progress while partial, score and summary once complete), and the
mean grade per topic of any set of grades. The session's own score is InterviewSession's
with_grades() annotation; everything here builds on it or on topic_means()."""

from dataclasses import dataclass, field, replace

from django.db.models import Avg, Count, Q, QuerySet

from sessions.models import Grade, InterviewSession, SelfGrade, SessionKeyPoint, SessionQuestion


@dataclass(frozen=True)
class TopicScore:
    name: str
    graded: int
    mean: float
    # Which topic: for links and the "Practise <topic>" button; two scores compare by the rest.
    topic_id: int | None = field(default=None, compare=False)


def topic_means(grades: QuerySet[SelfGrade]) -> list[TopicScore]:
    """Mean grade per topic of the questions `grades` grade, weakest first (then the topic with
    more grades, then by name): one query."""
    rows = (
        grades.values("session_question__topic", "session_question__topic__name")
        .annotate(graded=Count("pk"), mean=Avg("grade"))
        .order_by()
    )
    scores = [
        TopicScore(row["session_question__topic__name"], row["graded"], row["mean"], row["session_question__topic"])
        for row in rows
    ]
    return sorted(scores, key=lambda score: (score.mean, -score.graded, score.name))


@dataclass(frozen=True)
class SessionResult:
    question_count: int
    graded_count: int
    # Mean self-grade out of 4 over the graded questions; None before the first grade.
    mean_grade: float | None
    key_points_total: int
    key_points_covered: int
    # InterviewSession.needs_grading(): done, with a question still ungraded.
    needs_grading: bool
    # Weakest first; empty unless computed by session_result().
    topics: tuple[TopicScore, ...] = ()
    # Once complete (session_result()): the mean of the user's previous finished session on the
    # same set of topics (None when there is none), and the questions with key points left unticked.
    previous_mean: float | None = None
    missed: tuple["MissedQuestion", ...] = ()

    @property
    def is_complete(self) -> bool:
        """Every question graded."""
        return self.question_count > 0 and self.graded_count >= self.question_count

    @property
    def covered_percent(self) -> int | None:
        """Share of the key points ticked as covered, 0 to 100; None when there are none."""
        if not self.key_points_total:
            return None
        return round(100 * self.key_points_covered / self.key_points_total)

    @property
    def level(self) -> str:
        """The grade the mean is nearest to (halves round up): Missed, Partial, Good or Excellent."""
        return level_name(self.mean_grade) if self.mean_grade is not None else ""

    @property
    def scale_percent(self) -> int:
        """Where the mean sits on the scale from 1 (Missed, 0) to 4 (Excellent, 100)."""
        return round(100 * (self.mean_grade - 1) / 3) if self.mean_grade is not None else 0

    @property
    def change(self) -> float | None:
        """The mean against the previous session's, both to one decimal as the page shows them."""
        if self.mean_grade is None or self.previous_mean is None:
            return None
        return round(round(self.mean_grade, 1) - round(self.previous_mean, 1), 1)

    @property
    def change_text(self) -> str:
        """'+0.4 since your last session on these topics', or '' without a previous session."""
        change = self.change
        if change is None:
            return ""
        if change == 0:
            return f"Same as your last session on these topics ({self.previous_mean:.1f})"
        sign = "+" if change > 0 else "\u2212"
        return f"{sign}{abs(change):.1f} since your last session on these topics"

    @property
    def practisable(self) -> list["MissedQuestion"]:
        """The missed questions still in the bank, which a new session can ask again."""
        return [missed for missed in self.missed if missed.slug]

    @property
    def missed_points_count(self) -> int:
        return sum(len(missed.points) for missed in self.missed)

    @property
    def strongest(self) -> list[TopicScore]:
        return self._topics_with(max)

    @property
    def weakest(self) -> list[TopicScore]:
        return self._topics_with(min)

    def _topics_with(self, pick) -> list[TopicScore]:
        if not self.topics:
            return []
        best = pick(topic.mean for topic in self.topics)
        return [topic for topic in self.topics if topic.mean == best]

    @property
    def summary(self) -> str:
        """One or two sentences on the strongest and weakest topics of this session."""
        if not self.topics:
            return ""

        def names(topics: list[TopicScore]) -> str:
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


@dataclass(frozen=True)
class MissedQuestion:
    """A question of the session and the key points the user did not tick; `slug` is the bank
    question's while it is still active (for its page and "Practise these"), else ''."""

    position: int
    prompt: str
    slug: str
    points: tuple[str, ...]


def level_name(mean: float) -> str:
    """The name of the grade nearest to a mean out of 4 (2.5 is Good, 1.49 is Missed)."""
    nearest = min(max(int(mean + 0.5), Grade.MISSED), Grade.EXCELLENT)
    return Grade(nearest).label


def missed_key_points(session: InterviewSession) -> tuple[MissedQuestion, ...]:
    """The unticked key points of the session, question by question in order: one query."""
    points = (
        SessionKeyPoint.objects.filter(session_question__session=session, covered=False)
        .select_related("session_question__question")
        .order_by("session_question__position", "position")
    )
    by_question: dict[int, list[SessionKeyPoint]] = {}
    for point in points:
        by_question.setdefault(point.session_question.position, []).append(point)
    missed = []
    for position, rows in by_question.items():
        item = rows[0].session_question
        question = item.question
        slug = question.slug if question is not None and question.is_active else ""
        missed.append(MissedQuestion(position, item.prompt, slug, tuple(point.text for point in rows)))
    return tuple(missed)


def previous_mean(session: InterviewSession, look_back: int = 50) -> float | None:
    """The score of the owner's latest finished, fully graded session before this one whose
    questions covered exactly the same topics; None when there is none. Two queries."""
    earlier = (
        InterviewSession.objects.for_user(session.owner_id)
        .done()
        .filter(started_at__lt=session.started_at)
        .exclude(pk=session.pk)
        .order_by("-started_at")[:look_back]
    )
    # Always these two queries, whatever the history holds (a subquery, not a list of ids).
    their_topics: dict[int, set[int]] = {}
    rows = SessionQuestion.objects.filter(Q(session__in=earlier.values("pk")) | Q(session=session))
    for session_id, topic_id in rows.values_list("session", "topic"):
        their_topics.setdefault(session_id, set()).add(topic_id)
    topics = their_topics.pop(session.pk, set())
    for other in earlier.with_grades():
        if their_topics.get(other.pk) == topics and other.graded_count and other.graded_count >= other.question_count:
            return other.mean_grade
    return None


def result_from(session: InterviewSession, topics: tuple[TopicScore, ...] = ()) -> SessionResult:
    """The result of a session annotated by InterviewSession.objects.with_scores(): no query,
    so a history list of many sessions costs nothing more (the topics need session_result)."""
    return SessionResult(
        question_count=session.question_count,
        graded_count=session.graded_count,
        mean_grade=session.mean_grade,
        key_points_total=session.key_points_total,
        key_points_covered=session.key_points_covered,
        needs_grading=session.needs_grading(),
        topics=topics,
    )


def session_result(session: InterviewSession, scored: bool = False) -> SessionResult:
    """Progress, score and per-topic summary of one session: two queries, one when `scored`
    says `session` was read through with_scores() since its last grade (its score is not read
    again); once every question is graded, three more for the change since the previous session
    and the missed key points."""
    scored = session if scored else InterviewSession.objects.with_scores().get(pk=session.pk)
    topics = topic_means(SelfGrade.objects.filter(session_question__session=session))
    result = result_from(scored, tuple(topics))
    if not result.is_complete:
        return result
    return replace(result, previous_mean=previous_mean(scored), missed=missed_key_points(session))
