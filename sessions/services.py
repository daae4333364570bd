"""Actions on mock interviews that touch several models at once."""

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from questions.models import Question
from sessions.models import Answer, InterviewSession, SessionKeyPoint, SessionQuestion


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
        item = SessionQuestion.objects.create(
            session=session,
            position=position,
            question=question,
            question_version=question.version,
            topic=question.topic,
            difficulty=question.difficulty,
            suggested_minutes=question.suggested_minutes,
            prompt=question.prompt,
            model_answer=question.model_answer,
            common_mistakes=question.common_mistakes,
        )
        SessionKeyPoint.objects.bulk_create(
            SessionKeyPoint(session_question=item, position=point.position, text=point.text)
            for point in question.key_points.all()
        )
        Answer.objects.create(session_question=item)
    return session
