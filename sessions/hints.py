"""Whether an answer possibly covers a key point: pure text, no Django, deterministic.

Words are normalised (lower case, accents dropped), stop words removed and the rest cut to a
crude stem, so "winsorizing caps extremes" and "we winsorize by capping the extreme values"
share their important words. It only ever suggests; the user's tick is the truth."""

import re
import unicodedata
from functools import lru_cache

# A key point counts as possibly covered when at least this share of its important words
# appears in the answer (and at least two of them, for points with two or more).
HINT_SHARE = 0.4

_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either else
    etc even ever every few for from further had has have having he her here hers him his how
    however i if in into is it its itself just least less let like may me might more most much
    must my neither no nor not now of off often on once one only or other others our ours out
    over own per rather same several she should since so some such than that the their theirs
    them then there these they this those though through thus to too two under until up upon us
    usually very via was we well were what when where whether which while who whom whose why will
    with within without would yet you your yours e g eg ie vs versus use uses used using
    make makes made way ways thing things get gets give gives given instead really simply
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_WORD = re.compile(r"[a-z0-9]+")
# Tried longest first; a suffix is only cut when at least three letters remain.
_SUFFIXES = (
    "izations",
    "isations",
    "ization",
    "isation",
    "izing",
    "ising",
    "ations",
    "ation",
    "ized",
    "ised",
    "izes",
    "ises",
    "ally",
    "ize",
    "ise",
    "ing",
    "ed",
    "ly",
)
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A crude English stem, the same for the usual inflections of a word: capping, caps → cap;
    winsorizing, winsorize → winsor; extremes, extreme → extrem. Not linguistics, just stable."""
    if len(word) <= 3 or word.isdigit():
        return word
    # Plurals and third person.
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    # One derivational or verb suffix.
    for suffix in _SUFFIXES:
        rest = word[: -len(suffix)]
        if word.endswith(suffix) and len(rest) >= 3 and _VOWELS & set(rest):
            word = rest
            # capp(ing) → cap, fitt(ed) → fit; but miss(ing), roll(ed) keep theirs.
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS | set("lsz"):
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    return word


def words(text: str) -> list[str]:
    """Lower-case words without accents: "Théil-Sen's" → ["theil", "sen", "s"]."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return _WORD.findall(plain)


def important_stems(text: str) -> set[str]:
    """The stems of the words that carry meaning: no stop words, no single letters."""
    return {stem(word) for word in words(text) if word not in STOP_WORDS and len(word) > 1}


def possibly_covered(key_point: str, answer: str, prompt: str = "", answer_stems: set[str] | None = None) -> bool:
    """Whether the answer uses enough of the key point's important words to be worth a look.
    Words of the question's prompt do not count ("L1" and "L2" in every point of a question on
    L1 and L2 say nothing), unless the point has no other words. Pass `answer_stems` (from
    important_stems) when checking several points against one answer."""
    wanted = important_stems(key_point)
    wanted = (wanted - important_stems(prompt)) or wanted
    if not wanted:
        return False
    found = wanted & (answer_stems if answer_stems is not None else important_stems(answer))
    return len(found) >= min(2, len(wanted)) and len(found) >= HINT_SHARE * len(wanted)
