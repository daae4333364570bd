"""Scores: a session's result (progress while partial, score and summary once complete), and the
mean grade per topic of any set of grades. The session's own score is InterviewSession's
with_grades() annotation; everything here builds on it or on topic_means()."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, QuerySet

from sessions.models import InterviewSession, SelfGrade


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
    again)."""
    scored = session if scored else InterviewSession.objects.with_scores().get(pk=session.pk)
    topics = topic_means(SelfGrade.objects.filter(session_question__session=session))
    return result_from(scored, tuple(topics))
