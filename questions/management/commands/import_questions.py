from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from questions.bank_files import BankError, import_bank, read_bank


class Command(BaseCommand):
    help = (
        "Loads questions from a YAML file or a folder of them (a folder's topics.yaml defines topics). "
        "Everything is checked first: on any problem nothing is written. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a question file (NN-slug.yaml) or a folder of them")
        parser.add_argument(
            "--create-topics",
            action="store_true",
            help="create topics that neither topics.yaml nor the database knows, instead of refusing them",
        )
        parser.add_argument(
            "--create-tags",
            action="store_true",
            help="accept tags that neither tags.yaml nor the database knows, instead of refusing them",
        )
        parser.add_argument("--check", action="store_true", help="only check the files; write nothing")

    def handle(self, *args, path: Path, create_topics: bool, create_tags: bool, check: bool, **options):
        try:
            if check:
                bank = read_bank(path, create_topics=create_topics, create_tags=create_tags)
                self.stdout.write(self.style.SUCCESS(f"{len(bank.questions)} question(s) checked: no problems."))
                return
            result = import_bank(path, create_topics=create_topics, create_tags=create_tags)
        except BankError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s) found; nothing was imported. Fix them and run it again."
            ) from None
        if result.topics_created or result.topics_updated:
            self.stdout.write(f"Topics: {len(result.topics_created)} created, {len(result.topics_updated)} updated.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Questions: {len(result.created)} created, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged."
            )
        )
