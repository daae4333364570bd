"""The labelled set of the "possibly covered" hint and how well a matcher does on it.

`hint_cases/*.yaml` each hold a list of questions of the bank (by slug), each with answers
written as candidates answer under time pressure: `{kind: strong|partial|weak|tricky, text:
..., covered: [1-based indices of the question's key points this answer covers]}`. Each answer
against each key point of its question is one labelled pair. Key points, aliases and prompts
are read straight from the bank files, so no database is needed; the IDF weights are computed
over the same files, as the review computes them over the imported bank.

Used by tests/sessions/test_hint_quality.py (the goals) and bench/hints.py (the table, every
false and missed hint)."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from questions.bank_files import QuestionEntry, read_question_files
from sessions.hints import Weights, analyse, find_hint

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "questions" / "bank"
CASES = Path(__file__).resolve().parent / "hint_cases"
KINDS = ("strong", "partial", "weak", "tricky")


@dataclass(frozen=True)
class Pair:
    file: str
    question: QuestionEntry
    kind: str
    answer: str
    point: int  # 1-based
    covered: bool

    @property
    def point_text(self) -> str:
        return self.question.key_points[self.point - 1].text


@cache
def bank() -> dict[str, QuestionEntry]:
    return {entry.slug: entry for entry in read_question_files(BANK)}


def bank_documents(questions) -> list[str]:
    """What the IDF weights are counted over: each key point with its aliases."""
    return [" ".join((point.text, *point.aliases)) for question in questions for point in question.key_points]


@cache
def bank_weights() -> Weights:
    return Weights(bank_documents(bank().values()))


def case_problems(folder: Path = CASES) -> list[str]:
    """What is wrong with the labelled files: unknown slugs, kinds, indices out of range."""
    problems = []
    questions = bank()
    for file in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            problems.append(f"{file.name}: must be a list of questions")
            continue
        for number, case in enumerate(data, start=1):
            slug = case.get("question") if isinstance(case, dict) else None
            if slug not in questions:
                problems.append(f"{file.name}[{number}]: unknown question {slug!r}")
                continue
            count = len(questions[slug].key_points)
            for answer_number, answer in enumerate(case.get("answers") or [], start=1):
                where = f"{file.name}: {slug} answer {answer_number}"
                if answer.get("kind") not in KINDS:
                    problems.append(f"{where}: kind {answer.get('kind')!r} is not one of {', '.join(KINDS)}")
                if not isinstance(answer.get("text"), str) or not answer["text"].strip():
                    problems.append(f"{where}: no text")
                covered = answer.get("covered") or []
                if not isinstance(covered, list) or any(
                    not isinstance(index, int) or not 1 <= index <= count for index in covered
                ):
                    problems.append(f"{where}: covered {covered!r} must be indices from 1 to {count}")
    return problems


def load_pairs(folder: Path = CASES) -> list[Pair]:
    questions = bank()
    pairs = []
    for file in sorted(folder.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8")):
            question = questions[case["question"]]
            for answer in case["answers"]:
                covered = set(answer.get("covered") or [])
                pairs.extend(
                    Pair(file.name, question, answer["kind"], answer["text"], point, point in covered)
                    for point in range(1, len(question.key_points) + 1)
                )
    return pairs


Matcher = Callable[[Pair], object]


def current_matcher(pair: Pair):
    """The review's hint for one pair: the Hint, or None."""
    point = pair.question.key_points[pair.point - 1]
    others = [" ".join((other.text, *other.aliases)) for other in pair.question.key_points if other is not point]
    return find_hint(point.text, _answer(pair.answer), point.aliases, pair.question.prompt, bank_weights(), others)


@cache
def _answer(text: str):
    return analyse(text)


@dataclass
class Score:
    pairs: int = 0
    positives: int = 0
    hinted: int = 0
    true_hints: int = 0

    @property
    def precision(self) -> float | None:
        return self.true_hints / self.hinted if self.hinted else None

    @property
    def recall(self) -> float | None:
        return self.true_hints / self.positives if self.positives else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None

    @property
    def false_hints(self) -> int:
        return self.hinted - self.true_hints


@dataclass
class Measurement:
    overall: Score
    kinds: dict[str, Score]
    false_hints: list[tuple[Pair, object]]
    missed: list[Pair]


def measure(pairs: list[Pair], matcher: Matcher = current_matcher) -> Measurement:
    overall, kinds = Score(), {kind: Score() for kind in KINDS}
    false_hints, missed = [], []
    for pair in pairs:
        hint = matcher(pair)
        for score in (overall, kinds[pair.kind]):
            score.pairs += 1
            score.positives += pair.covered
            score.hinted += bool(hint)
            score.true_hints += bool(hint) and pair.covered
        if hint and not pair.covered:
            false_hints.append((pair, hint))
        elif pair.covered and not hint:
            missed.append(pair)
    return Measurement(overall, kinds, false_hints, missed)


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def table(measurement: Measurement) -> str:
    lines = [
        f"{'kind':<8} {'pairs':>5} {'covered':>7} {'hinted':>6} {'false':>5} {'precision':>9} {'recall':>6} {'F1':>5}"
    ]
    for name, score in (*measurement.kinds.items(), ("overall", measurement.overall)):
        lines.append(
            f"{name:<8} {score.pairs:>5} {score.positives:>7} {score.hinted:>6} {score.false_hints:>5} "
            f"{_figure(score.precision):>9} {_figure(score.recall):>6} {_figure(score.f1):>5}"
        )
    return "\n".join(lines)
