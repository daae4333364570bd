"""Two answers to one question side by side: a word-level diff (Python's difflib), the grade
change, and the key points newly ticked. Pure functions over SessionQuestion rows already read."""

import difflib
import re
from dataclasses import dataclass

from sessions.models import SessionQuestion

# Words and the space between them, so that the diff keeps the answer's own spacing and lines.
TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "added" or "removed"
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """`old` turned into `new`, word by word: runs of unchanged, removed and added text."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment("same", "".join(old_tokens[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("removed", "".join(old_tokens[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("added", "".join(new_tokens[j1:j2])))
    return segments


@dataclass(frozen=True)
class Comparison:
    older: SessionQuestion
    newer: SessionQuestion
    segments: list[Segment]
    # Key points (by their text, which may differ between versions of the question).
    newly_ticked: list[str]
    no_longer_ticked: list[str]

    @property
    def older_grade(self):
        return self.older.self_grade_or_none()

    @property
    def newer_grade(self):
        return self.newer.self_grade_or_none()

    @property
    def grade_change(self) -> int | None:
        """Newer minus older grade; None unless both are graded."""
        if self.older_grade is None or self.newer_grade is None:
            return None
        return self.newer_grade.grade - self.older_grade.grade

    @property
    def words_added(self) -> int:
        return sum(len(segment.text.split()) for segment in self.segments if segment.kind == "added")

    @property
    def words_removed(self) -> int:
        return sum(len(segment.text.split()) for segment in self.segments if segment.kind == "removed")


def compare(first: SessionQuestion, second: SessionQuestion) -> Comparison:
    """The two attempts, the older first whatever the order given (key points prefetched)."""
    older, newer = sorted((first, second), key=lambda item: (item.session.started_at, item.pk))
    ticked_before = {point.text for point in older.key_points.all() if point.covered}
    ticked_now = {point.text for point in newer.key_points.all() if point.covered}
    return Comparison(
        older=older,
        newer=newer,
        segments=word_diff(_text(older), _text(newer)),
        newly_ticked=[p.text for p in newer.key_points.all() if p.covered and p.text not in ticked_before],
        no_longer_ticked=[p.text for p in older.key_points.all() if p.covered and p.text not in ticked_now],
    )


def _text(item: SessionQuestion) -> str:
    answer = item.answer_or_none()
    return answer.text if answer else ""
