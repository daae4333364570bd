"""Whether an answer possibly covers a key point, and the words that say so: pure text, no
Django, deterministic, explainable.

An answer and a key point (or one of its aliases) are cut into words, lower case without
accents, stemmed with Snowball's English (Porter2) stemmer. A point is hinted when the
answer holds enough of the point's important words, weighted by how rare each is across the
bank (IDF: "heteroscedasticity" says more than "model"), with a bonus for pairs of the point's
words that appear side by side in the answer, and when none of this evidence is contradicted:
  - a word inside a negated clause ("not", "never", "no need to", "without", "instead of"...)
    only matches a word the point itself negates;
  - direction words ("increases"/"reduces", "high"/"low", "more"/"less") count as one word per
    direction, and a sentence of evidence that only goes the other way blocks the hint.
It only ever suggests; the user's tick is the truth."""

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# A phrase counts as possibly covered when its weighted share of matched words (pairs
# included) reaches HINT_SHARE, and at least two of its words match (one, for a one-word phrase).
HINT_SHARE = 0.6
# How much a pair of the phrase's neighbouring words, found near each other in the answer,
# weighs against the words themselves.
PAIR_WEIGHT = 0.5
# Two answer words "neighbour" when at most this many important words lie between them.
PAIR_GAP = 2

_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing during each either else
    etc even ever every few for from further had has have having he her here hers him his how
    however i if in into is it its itself just let like may me might most much
    must my of off often on once one only or other others our ours out
    over own per rather same several she should since so some such than that the their theirs
    them then there these they this those though through thus to too two until upon us
    usually very via was we well were what when where whether which while who whom whose why will
    with within would you your yours e g eg ie vs versus use uses used using
    make makes made way ways thing things get gets give gives given really simply
    s t d ll re ve m
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Words that negate their whole clause, and words that negate what follows them in it.
_NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "none",
        "nothing",
        "nobody",
        "neither",
        "nor",
        "cannot",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "wont",
        "wouldnt",
        "shouldnt",
        "cant",
        "couldnt",
        "hasnt",
        "havent",
        "hadnt",
        "mustnt",
        "neednt",
        "aint",
    }
)
_FORWARD_NEGATORS = frozenset({"without", "instead", "unlike", "rather", "except"})
# "non-parametric", "non linear": negates only the next word.
_PREFIX_NEGATORS = frozenset({"non"})
# A clause ends at punctuation or at one of these words.
_CLAUSE_WORDS = frozenset({"but", "however", "although", "though", "whereas", "while", "yet", "and", "so", "because"})
_CLAUSE_PUNCTUATION = re.compile(r"[.,;:!?()\[\]\n—–]|\s-\s")
_SENTENCE_PUNCTUATION = re.compile(r"[.;!?\n]")

# Direction words: each is one of two opposite directions on an axis. They match any word of
# the same direction, and a sentence going only the other way contradicts the point.
_DIRECTIONS = {
    "amount": (
        """increase increases increased increasing raise raises raised raising grow grows grew
        growing grown rise rises rose rising higher high more larger large bigger big greater
        boost boosts boosted inflate inflates inflated inflating expand expands expanded widen
        widens wider up upward longer add adds adding added maximize maximise maximizes
        maximises amplify amplifies""",
        """decrease decreases decreased decreasing reduce reduces reduced reducing lower lowers
        lowered lowering low less fewer smaller small shrink shrinks shrank shrinking shrunk
        cut cuts cutting drop drops dropped dropping fall falls fell falling deflate deflates
        narrow narrows narrower down downward shorter lessen lessens diminish diminishes
        minimize minimise minimizes minimises dampen dampens""",
    ),
    "speed": ("fast faster quick quicker quickly", "slow slower slowly"),
    "time": ("before earlier prior", "after later"),
    "strength": ("strong stronger", "weak weaker"),
    "position": ("above", "below beneath"),
    "frequency": ("always", "rarely seldom"),
}
_DIRECTION: dict[str, tuple[str, int]] = {}
for _axis, (_up, _down) in _DIRECTIONS.items():
    for _sign, _group in ((1, _up), (-1, _down)):
        for _word in _group.split():
            _DIRECTION[_word] = (_axis, _sign)

# A number ("9,700", "0.60", "98.5") is one word; other words may hold apostrophes ("don't").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’][^\W_]+)*")
_THOUSANDS = re.compile(r",(?=\d{3}\b)")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The Porter2 stem of a lower-case word: capping, caps → cap; regularization,
    regularising → regular. Short words and numbers are left alone."""
    if len(word) <= 2 or word.isdigit():
        return word
    return _STEMMER.stemWord(word)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def words(text: str) -> list[str]:
    """Lower-case words without accents or apostrophes: "Théil-Sen's" → ["theil", "sens"]."""
    return [word for match in _TOKEN.finditer(text or "") if (word := _plain(match.group()).replace("'", ""))]


@dataclass(frozen=True)
class Word:
    """One important word of a text: its stem (or direction), where it is, and whether a
    negation covers it."""

    term: str
    start: int
    end: int
    index: int  # among the text's words, stop words included
    sentence: int
    negated: bool
    direction: tuple[str, int] | None = None


@dataclass(frozen=True)
class Text:
    """A text cut into its important words, once, to be matched against several phrases."""

    text: str
    words: tuple[Word, ...]

    @property
    def terms(self) -> set[str]:
        return {word.term for word in self.words}


def _number(word: str) -> str:
    """ "9,700" → "9700", "0.60" → "0.6", "2.0" → "2"."""
    word = _THOUSANDS.sub("", word).replace(",", ".")
    if "." in word:
        word = word.rstrip("0").rstrip(".") or "0"
    return word


def _term(word: str) -> str:
    if word[0].isdigit():
        return _number(word)
    direction = _DIRECTION.get(word)
    return f"<{direction[0]}{'+' if direction[1] > 0 else '-'}>" if direction else stem(word)


def analyse(text: str) -> Text:
    """The important words of `text`, with character spans into it, negation and sentences."""
    text = text or ""
    found: list[Word] = []
    clause_negated = False
    forward_negated = False
    prefix_negated = False
    pending: list[int] = []  # words of the current clause, negated back when a negator comes
    sentence = 0
    last_end = 0
    for index, match in enumerate(_TOKEN.finditer(text)):
        between = text[last_end : match.start()]
        last_end = match.end()
        word = _plain(match.group()).replace("'", "").replace("’", "")
        if not word:
            continue
        if _SENTENCE_PUNCTUATION.search(between):
            sentence += 1
        if _CLAUSE_PUNCTUATION.search(between) or word in _CLAUSE_WORDS:
            clause_negated = forward_negated = False
            pending = []
        if word in _NEGATORS:
            if not clause_negated:
                for position in pending:
                    old = found[position]
                    found[position] = Word(old.term, old.start, old.end, old.index, old.sentence, True, old.direction)
            clause_negated = True
            continue
        if word in _FORWARD_NEGATORS:
            forward_negated = True
            continue
        if word in _PREFIX_NEGATORS:
            prefix_negated = True
            continue
        if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
            prefix_negated = False
            continue
        negated = clause_negated or forward_negated or prefix_negated
        prefix_negated = False
        pending.append(len(found))
        found.append(Word(_term(word), match.start(), match.end(), index, sentence, negated, _DIRECTION.get(word)))
    return Text(text, tuple(found))


@lru_cache(maxsize=8192)
def _phrase(text: str) -> Text:
    return analyse(text)


def important_stems(text: str) -> set[str]:
    """The stems of the words of `text` that carry meaning: no stop words, no single letters."""
    return analyse(text).terms


class Weights:
    """How much each term counts: its inverse document frequency over `documents` (the bank's
    key points, each with its aliases). A term the bank never uses counts as the rarest."""

    def __init__(self, documents: Iterable[str] = ()):
        frequency: dict[str, int] = {}
        count = 0
        for document in documents:
            count += 1
            for term in analyse(document).terms:
                frequency[term] = frequency.get(term, 0) + 1
        self.documents = count
        self._idf = {term: math.log((count + 1) / (seen + 1)) + 1 for term, seen in frequency.items()}
        self._unknown = math.log(count + 1) + 1

    def __call__(self, term: str) -> float:
        # Direction words carry little on their own: they matter through contradiction.
        if term.startswith("<"):
            return 1.0
        return self._idf.get(term, self._unknown)


UNIFORM = Weights()


@dataclass(frozen=True)
class Hint:
    """Why a point is possibly covered: the phrase that matched (the point or an alias), the
    spans of the answer's words that match it, and the weighted share they cover."""

    phrase: str
    alias: bool
    spans: tuple[tuple[int, int], ...]
    share: float

    def evidence(self, answer: str) -> list[str]:
        """The matched passages of the answer, in order."""
        return [answer[start:end] for start, end in self.spans]


def _score(phrase: Text, answer: Text, ignored: set[str], weights: Weights) -> tuple[float, list[Word]] | None:
    """The weighted share of `phrase` the answer covers, and the answer words that cover it;
    None when a direction is contradicted or too few words match."""
    wanted = [word for word in phrase.words if word.term not in ignored] or list(phrase.words)
    if not wanted:
        return None
    # A phrase word matches an answer word of the same term and the same polarity.
    by_key: dict[tuple[str, bool], list[Word]] = {}
    for word in answer.words:
        by_key.setdefault((word.term, word.negated), []).append(word)
    matches = {index: by_key.get((word.term, word.negated), []) for index, word in enumerate(wanted)}
    matched = [index for index, found in matches.items() if found]
    distinct = {wanted[index].term for index in matched}
    if len(distinct) < min(2, len({word.term for word in wanted})):
        return None

    # Choose one occurrence per matched word: the ones closest together, anchored on each
    # occurrence of the rarest matched word in turn.
    anchor = max(matched, key=lambda index: weights(wanted[index].term))
    best: list[Word] | None = None
    best_spread = math.inf
    for start in matches[anchor]:
        chosen = [min(matches[index], key=lambda word: abs(word.index - start.index)) for index in matched]
        spread = sum(abs(word.index - start.index) for word in chosen)
        if spread < best_spread:
            best, best_spread = chosen, spread
    assert best is not None

    total = sum(weights(word.term) for word in wanted)
    got = sum(weights(wanted[index].term) for index in matched)
    # Pairs: neighbouring words of the phrase found near each other in the answer.
    chosen_by_index = dict(zip(matched, best, strict=True))
    positions = {id(word): order for order, word in enumerate(answer.words)}
    for first, second in zip(range(len(wanted)), range(1, len(wanted)), strict=False):
        pair = PAIR_WEIGHT * (weights(wanted[first].term) + weights(wanted[second].term)) / 2
        total += pair
        a, b = chosen_by_index.get(first), chosen_by_index.get(second)
        if a is not None and b is not None and abs(positions[id(a)] - positions[id(b)]) <= PAIR_GAP + 1:
            got += pair

    # Contradiction: in the sentences holding the evidence, a direction the phrase takes is
    # absent while its opposite is present.
    sentences = {word.sentence for word in best}
    there = {word.direction for word in answer.words if word.sentence in sentences and word.direction}
    there_negated = {
        word.direction for word in answer.words if word.sentence in sentences and word.direction and word.negated
    }
    for word in phrase.words:
        if word.direction is None:
            continue
        axis, sign = word.direction
        if (axis, sign) not in there and (axis, -sign) in there and (axis, -sign) not in there_negated:
            return None
    return got / total, best


def _spans(words: Sequence[Word], answer: str) -> tuple[tuple[int, int], ...]:
    """The words' spans, neighbours (within a few words of each other in one sentence) merged
    into one passage."""
    spans: list[list[int]] = []
    previous: Word | None = None
    for word in sorted(words, key=lambda word: word.start):
        if (
            previous is not None
            and word.sentence == previous.sentence
            and word.index - previous.index <= PAIR_GAP + 2
            and not _CLAUSE_PUNCTUATION.search(answer[previous.end : word.start])
        ):
            spans[-1][1] = word.end
        else:
            spans.append([word.start, word.end])
        previous = word
    return tuple((start, end) for start, end in spans)


def find_hint(
    point: str,
    answer: str | Text,
    aliases: Sequence[str] = (),
    prompt: str = "",
    weights: Weights = UNIFORM,
) -> Hint | None:
    """The best evidence that `answer` covers the key point `point` (or one of its `aliases`),
    or None. Words of the question's `prompt` do not count ("L1" and "L2" in every point of a
    question on L1 and L2 say nothing), unless a phrase has no other words. Pass the answer as
    analyse(answer) when checking several points against it."""
    answer = answer if isinstance(answer, Text) else analyse(answer)
    if not answer.words:
        return None
    ignored = _phrase(prompt).terms if prompt else set()
    best: Hint | None = None
    for phrase, alias in ((point, False), *((alias, True) for alias in aliases)):
        scored = _score(_phrase(phrase), answer, ignored, weights)
        if scored is None:
            continue
        share, found = scored
        if share >= HINT_SHARE and (best is None or share > best.share):
            best = Hint(phrase, alias, _spans(found, answer.text), share)
    return best


def possibly_covered(
    point: str, answer: str | Text, aliases: Sequence[str] = (), prompt: str = "", weights: Weights = UNIFORM
) -> bool:
    """Whether the answer is worth a look for this key point: find_hint() found evidence."""
    return find_hint(point, answer, aliases, prompt, weights) is not None
