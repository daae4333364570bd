from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from questions.bank import export_bank


class Command(BaseCommand):
    help = (
        "Writes every question (retired ones too) as NN-slug.yaml files plus topics.yaml into a folder, "
        "in the format import_questions reads."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the folder to write into (created if needed)")

    def handle(self, *args, path: Path, **options):
        if path.exists() and not path.is_dir():
            raise CommandError(f"{path} is a file; give a folder to write the question files into.")
        written = export_bank(path)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(written) - 1} question file(s) and topics.yaml to {path}."))
