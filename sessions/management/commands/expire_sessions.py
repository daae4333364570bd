from django.core.management.base import BaseCommand

from sessions.models import InterviewSession


class Command(BaseCommand):
    help = (
        "Expires every interview whose deadline has passed, recording the deadline as its finish. "
        "Views do the same when they load a session; run this from cron (e.g. every minute) so that "
        "history and statistics never see an overdue session in progress."
    )

    def handle(self, *args, **options) -> None:
        count = InterviewSession.objects.expire_overdue()
        self.stdout.write(f"Expired {count} session{'s' if count != 1 else ''}.")
