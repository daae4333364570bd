"""Actions on mock interviews that touch several models at once."""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from questions.models import Question
from sessions.models import (
    MAX_REVISION,
    Answer,
    InterviewSession,
    ReviewCard,
    SessionKeyPoint,
    SessionQuestion,
    Status,
    end_of_today,
)


@transaction.atomic
def start_session(
    owner,
    questions: Sequence[Question],
    minutes: int,
    format: str = "custom",
    topics=(),
    difficulty: str = "",
    now=None,
) -> InterviewSession:
    """Creates a session in progress with a snapshot of each question, its key points and an
    empty answer, so that later edits of the bank never change this attempt."""
    started_at = now or timezone.now()
    session = InterviewSession.objects.create(
        owner=owner,
        format=format,
        question_count=len(questions),
        minutes=minutes,
        difficulty=difficulty,
        started_at=started_at,
        deadline=started_at + timedelta(minutes=minutes),
    )
    if topics:
        session.topics.set(topics)
    for position, question in enumerate(questions, start=1):
        item = SessionQuestion.snapshot(session, position, question)
        item.save()
        SessionKeyPoint.objects.bulk_create(
            SessionKeyPoint(
                session_question=item, position=point.position, text=point.text, aliases=list(point.aliases)
            )
            for point in question.key_points.all()
        )
        Answer.objects.create(session_question=item)
    return session


class SessionInProgress(Exception):
    """The user already has a session in progress (the database constraint said so)."""


def draw_questions(
    owner, topics=(), difficulty: str = "", rng: random.Random | None = None, now=None
) -> list[Question]:
    """Every active question matching `topics` (none: all) and `difficulty` (blank: any): the
    ones due for review today first (most overdue first), then those `owner` never answered,
    then the least recently answered; random within ties. One query; the caller takes as many
    as it needs."""
    questions = Question.objects.active().select_related("topic")
    if topics:
        questions = questions.filter(topic__in=topics)
    if difficulty:
        questions = questions.filter(difficulty=difficulty)
    answered_by_owner = Q(session_questions__session__owner=owner) & ~Q(session_questions__answer__text="")
    card_due = ReviewCard.objects.filter(owner=owner, question=OuterRef("pk")).values("due")[:1]
    rows = list(
        questions.annotate(
            last_answered=Max("session_questions__session__started_at", filter=answered_by_owner),
            card_due=Subquery(card_due),
        )
    )
    (rng or random).shuffle(rows)
    never = datetime.min.replace(tzinfo=UTC)
    cutoff = end_of_today(now)

    def order(question: Question) -> tuple:
        if question.card_due is not None and question.card_due < cutoff:
            return (0, question.card_due)
        if question.last_answered is None:
            return (1, never)
        return (2, question.last_answered)

    rows.sort(key=order)
    return rows


def begin_interview(owner, questions: Sequence[Question], minutes: int, **options) -> InterviewSession:
    """start_session(), turning the one-in-progress constraint into SessionInProgress: two
    starts racing (two tabs, a double click) give one session and one clear refusal."""
    try:
        return start_session(owner, questions, minutes, **options)
    except IntegrityError as error:
        if InterviewSession.objects.for_user(owner).in_progress().exists():
            raise SessionInProgress from error
        raise


@dataclass
class SaveResult:
    """What became of one save: `state` is saved, stale (a newer revision is stored), late
    (after deadline + grace: kept as a late draft) or closed (submitted or abandoned)."""

    state: str
    answer: Answer
    message: str = ""


LATE_MESSAGE = "Time is up: this text was kept as a late draft and is not counted."
CLOSED_MESSAGE = "This interview is finished: this text was kept as a late draft and is not counted."
STALE_MESSAGE = "A newer version of this answer was saved from another tab or device; that one is kept."
NOTHING_LOST_MESSAGE = "This interview is finished; your answer had been saved in time."


def save_answer(
    session: InterviewSession,
    answer: Answer,
    text: str,
    revision: int | None,
    time_spent: int | None = None,
    now=None,
) -> SaveResult:
    """Saves `text` as the answer while the session takes answers (up to deadline + grace),
    as a late draft after that. `revision` None (a form posted without JavaScript) means "as
    of now on the server's clock"."""
    now = now or timezone.now()
    session.expire_if_overdue(now)
    if revision is None:
        revision = min(max(answer.revision + 1, answer.late_revision + 1, session.server_ms(now)), MAX_REVISION)
    if not session.accepts_answers(now):
        kept = answer.record_late(text, revision, now)
        late = session.status == Status.EXPIRED
        message = (LATE_MESSAGE if late else CLOSED_MESSAGE) if kept else NOTHING_LOST_MESSAGE
        return SaveResult("late" if late else "closed", answer, message)
    if time_spent is not None:
        time_spent = min(time_spent, session.total_seconds)
    if answer.record(text, revision, now, time_spent):
        if session.is_done:
            # Saved in the grace period of an expired session: it counts, in the progress too.
            session.mark_changed()
        return SaveResult("saved", answer)
    return SaveResult("stale", answer, STALE_MESSAGE)


def in_running_interview(user, question: Question) -> InterviewSession | None:
    """The user's interview in progress that asks `question`, if any: while it runs, the
    question's model answer stays hidden everywhere. One query."""
    return InterviewSession.objects.for_user(user).in_progress().filter(session_questions__question=question).first()
