"""The "possibly covered" hints as the review shows them: the bank's IDF weights (built once
per process, rebuilt only when the bank's key points change), and an answer's text as HTML
with the matched passages in <mark>s naming their key points. The matching itself is
sessions/hints.py."""

import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Max, Sum
from django.db.models.functions import Length
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from questions.models import KeyPoint
from sessions.hints import Hint, Weights, analyse, find_hint

_lock = threading.Lock()
_cached: tuple[tuple, Weights] | None = None


def bank_weights() -> Weights:
    """IDF weights over the bank's key points (each with its aliases). One small aggregate
    query to see whether the bank changed (an import replaces a question's key points with new
    rows, so their count, highest id and total length tell, even from another process); the
    weights themselves are counted only when it did (0.05–0.3 s for the shipped bank, once)."""
    global _cached
    stamp = tuple(KeyPoint.objects.aggregate(count=Count("id"), last=Max("id"), length=Sum(Length("text"))).values())
    cached = _cached
    if cached is not None and cached[0] == stamp:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == stamp:
            return _cached[1]
        documents = (" ".join((text, *aliases)) for text, aliases in KeyPoint.objects.values_list("text", "aliases"))
        weights = Weights(documents)
        _cached = (stamp, weights)
        return weights


def key_point_hints(points, text: str, prompt: str, weights: Callable[[], Weights] = bank_weights) -> list[Hint | None]:
    """The hint of each of a question's key points (SessionKeyPoints, in order) for one answer,
    as the review shows them: the bank's weights, the point's aliases, the prompt's words left
    out and the question's other points counting less. None where nothing matched. A page that
    checks many answers passes `weights=functools.cache(bank_weights)`, so the bank is looked at
    once per request, not once per answer (and not at all when no answer has words)."""
    answer = analyse(text)
    if not answer.words:
        return [None] * len(points)
    weights = weights()
    phrasings = [" ".join((point.text, *point.aliases)) for point in points]
    return [
        find_hint(point.text, answer, point.aliases, prompt, weights, others=phrasings[:n] + phrasings[n + 1 :])
        for n, point in enumerate(points)
    ]


@dataclass(frozen=True)
class Highlight:
    """One hinted key point's evidence in an answer: its number in the checklist, its text and the hint."""

    number: int
    point: str
    hint: Hint


def marked_answer(text: str, highlights: list[Highlight]) -> SafeString:
    """The answer as HTML: escaped, line breaks as <br>, and each passage some hint matched in
    a <mark> that names the key point(s) (overlapping passages are split where they overlap)."""
    cuts = {0, len(text)}
    for highlight in highlights:
        for start, end in highlight.hint.spans:
            cuts.update((start, end))
    edges = sorted(cuts)
    parts = []
    for start, end in zip(edges, edges[1:], strict=False):
        piece = escape(text[start:end]).replace("\n", "<br>")
        owners = [h for h in highlights if any(s <= start and end <= e for s, e in h.hint.spans)]
        if not owners:
            parts.append(piece)
            continue
        title = "; ".join(f"key point {h.number}: {h.point}" for h in owners)
        # The number(s) once, where a passage ends.
        ending = ",".join(str(h.number) for h in owners if any(e == end for _, e in h.hint.spans))
        parts.append(
            format_html(
                '<mark class="hint-mark" title="Possibly {}" data-key-points="{}">{}{}</mark>',
                title,
                ",".join(str(h.number) for h in owners),
                mark_safe(piece),  # noqa: S308 — escaped just above
                format_html('<sup class="hint-mark-ref">{}</sup>', ending) if ending else "",
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 — every piece is escaped or built by format_html
