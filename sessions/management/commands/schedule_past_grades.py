"""Gives every grade saved before spaced repetition existed its review, so a user's history
schedules their questions (each card replayed once, at the end). Safe to repeat: a grade that
already has its review is left alone; `make run` runs it after migrate."""

from django.core.management.base import BaseCommand
from django.db import transaction

from sessions.models import Review, ReviewCard, SelfGrade


class Command(BaseCommand):
    help = "Schedule every self-grade that has no review yet (grades saved before FSRS)."

    def handle(self, *args, **options) -> None:
        grades = (
            SelfGrade.objects.filter(review__isnull=True, session_question__question__isnull=False)
            .select_related("session_question__session", "session_question__answer")
            .order_by("graded_at", "pk")
        )
        touched: set[int] = set()
        count = 0
        with transaction.atomic():
            for grade in grades.iterator(chunk_size=500):
                item = grade.session_question
                card, _ = ReviewCard.objects.get_or_create(
                    owner_id=item.session.owner_id, question_id=item.question_id, defaults={"due": grade.graded_at}
                )
                Review.objects.create(
                    card=card,
                    self_grade=grade,
                    grade=grade.grade,
                    reviewed_at=grade.graded_at,
                    duration_seconds=item._answer_seconds(),
                )
                touched.add(card.pk)
                count += 1
            for card in ReviewCard.objects.filter(pk__in=touched):
                card.reschedule()
        self.stdout.write(f"Scheduled {count} past grade(s) on {len(touched)} card(s).")
