"""How good the "possibly covered" hint is on the labelled set: precision, recall and F1 overall
and per kind of answer, then every false hint (with the words that fired it) and every missed
hint, for tuning sessions/hints.py and the bank's aliases.

Run it from the repository root (no database needed: the key points are read from
questions/bank/*.yaml, the labelled answers from tests/sessions/hint_cases/*.yaml):

    .venv/bin/python bench/hints.py            # today's matcher
    .venv/bin/python bench/hints.py --before   # the word-overlap matcher it replaced (from git)
    .venv/bin/python bench/hints.py --quiet    # the table only

tests/sessions/test_hint_quality.py asserts the goals on the same figures."""

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interviewprep.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

from tests.sessions import hint_measure  # noqa: E402

# The commit before the hint was rewritten: its sessions/hints.py is the "before" matcher.
BEFORE = "0eb02ae"


def before_matcher():
    """The stemmed word overlap of commit BEFORE, loaded from git."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{BEFORE}:sessions/hints.py"], capture_output=True, text=True, check=True
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as file:
        file.write(source)
    spec = importlib.util.spec_from_file_location("hints_before", file.name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    os.unlink(file.name)

    def match(pair):
        return module.possibly_covered(pair.point_text, pair.answer, pair.question.prompt)

    return match


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", action="store_true", help=f"measure the matcher of commit {BEFORE}")
    parser.add_argument("--quiet", action="store_true", help="print the table only")
    parser.add_argument("--cases", type=Path, default=hint_measure.CASES, help="folder of labelled *.yaml files")
    options = parser.parse_args()

    if problems := hint_measure.case_problems(options.cases):
        sys.exit("\n".join(problems))
    pairs = hint_measure.load_pairs(options.cases)
    matcher = before_matcher() if options.before else hint_measure.current_matcher
    hint_measure.bank_weights()  # Built once, as the review builds it once.
    started = time.perf_counter()
    result = hint_measure.measure(pairs, matcher)
    elapsed = time.perf_counter() - started
    questions = len({pair.question.slug for pair in pairs})
    print(f"{len(pairs)} labelled pairs over {questions} questions ({'before' if options.before else 'now'})")
    print(hint_measure.table(result))
    print(f"{1000 * elapsed / max(len(pairs), 1):.2f} ms per pair")
    if options.quiet:
        return
    print(f"\nFalse hints ({len(result.false_hints)}):")
    for pair, hint in result.false_hints:
        print(f"- [{pair.kind}] {pair.question.slug} #{pair.point}: {pair.point_text}")
        print(f"    answer: {pair.answer.strip()}")
        if hasattr(hint, "spans"):
            via = f" (alias “{hint.phrase}”)" if hint.alias else ""
            print(f"    evidence{via}, share {hint.share:.2f}: {' … '.join(hint.evidence(pair.answer))}")
    print(f"\nMissed hints ({len(result.missed)}):")
    for pair in result.missed:
        print(f"- [{pair.kind}] {pair.question.slug} #{pair.point}: {pair.point_text}")
        print(f"    answer: {pair.answer.strip()}")


if __name__ == "__main__":
    main()
