from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from questions.bank_files import export_bank, yaml_files


class Command(BaseCommand):
    help = (
        "Writes every question (retired ones too) as NN-slug.yaml files plus topics.yaml into a folder, "
        "in the format import_questions reads. It refuses a folder that already holds .yaml files, whose "
        "old question files would be imported with the new ones, unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the folder to write into (created if needed)")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="first delete the folder's NN-*.yaml question files, topics.yaml and tags.yaml (and nothing else), "
            "so that questions deleted since the last export are not imported again",
        )

    def handle(self, *args, path: Path, replace: bool, **options):
        if path.exists() and not path.is_dir():
            raise CommandError(f"{path} is a file; give a folder to write the question files into.")
        if yaml_files(path) and not replace:
            raise CommandError(
                f"{path} already holds .yaml files; export into an empty folder, or add --replace to delete "
                "its NN-*.yaml question files, topics.yaml and tags.yaml first."
            )
        written = export_bank(path, replace=replace)
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {len(written) - 2} question file(s), topics.yaml and tags.yaml to {path}.")
        )
