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
from dataclasses import dataclass, replace
from functools import lru_cache

import snowballstemmer

# A phrase counts as possibly covered when the strength of its match (the weighted share of its
# words found in one sentence, and of its pairs of neighbouring words found side by side)
# reaches HINT_SHARE, and at least two of its words match (one, for a one-word phrase).
HINT_SHARE = 0.3
# How much the pairs weigh against the words.
PAIR_WEIGHT = 0.5
# Two answer words "neighbour" when at most this many important words lie between them.
PAIR_GAP = 2
# The shortest stem that matches the longer stems it starts.
PREFIX = 5
# Evidence is void when this share of the phrase's weight is said there with the opposite polarity.
DENIED_SHARE = 0.15
# A word weighs 1 / (1 + LOCAL × the number of the question's other key points using it).
LOCAL = 1

_STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing during each either else
    etc even ever every few for from further had has have having he her here hers him his how
    however i if in into is it its itself just let like may me might most much
    must my of off often on once one only or other others our ours out
    over own per rather same several she should since so some such than that the their theirs
    them then there these they this those though through thus to too two under until upon us
    usually very via was we well were what when where whether which while who whom whose why will
    with within would you your yours e g eg ie vs versus use uses used using
    make makes made way ways thing things get gets give gives given really simply
    s t d ll re ve m
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Words that are another word negated.
_UNPREFIXED = {
    "unbiased": "biased",
    "unaffected": "affected",
    "undisputed": "disputed",
    "unsettled": "settled",
    "unstable": "stable",
    "insensitive": "sensitive",
    "unequal": "equal",
    "incorrect": "correct",
    "invalid": "valid",
    "unimportant": "important",
    "unreliable": "reliable",
    "inconsistent": "consistent",
    "unchanged": "changed",
    "uncorrelated": "correlated",
    "unnormalized": "normalized",
    "unscaled": "scaled",
    "unlabelled": "labelled",
    "unlabeled": "labeled",
}
# SQL keywords written in capitals are words, not stop words: "in the ON clause, not in WHERE".
_SQL_KEYWORDS = frozenset(["where", "on", "by", "as", "having", "from", "select"])
# A negator before one of these negates its whole clause: "scaling isn't needed".
_NEED = frozenset(
    {"need", "needed", "needs", "necessary", "required", "require", "requires"}
    | {"matter", "matters", "important", "essential", "useful"}
)
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
        # Dismissals negate too: "scaling is unnecessary", "a plain join is useless here".
        "unnecessary",
        "needless",
        "optional",
        "irrelevant",
        "useless",
        "pointless",
    }
)
_FORWARD_NEGATORS = frozenset({"without", "instead", "unlike", "rather", "except"})
# "non-parametric", "non linear": negates only the next word.
_PREFIX_NEGATORS = frozenset({"non"})
# A clause ends at punctuation or at one of these words.
_CLAUSE_WORDS = frozenset({"but", "however", "although", "though", "whereas", "while", "yet", "and", "so", "because"})
_CLAUSE_PUNCTUATION = re.compile(r"[.,;:!?\n—–]|\s-\s")
_SENTENCE_PUNCTUATION = re.compile(r"[.;!?\n]")

# Direction words: each is one of two opposite directions on an axis. They match any word of
# the same direction, and a sentence going only the other way contradicts the point.
_DIRECTIONS = {
    "amount": (
        """increase increases increased increasing raise raises raised raising grow grows grew
        growing grown rise rises rose rising higher high more larger large bigger big greater
        huge boost boosts boosted inflate inflates inflated inflating expand expands expanded widen
        widens wider up upward longer extra lot lots maximize maximise maximizes
        maximises amplify amplifies""",
        """decrease decreases decreased decreasing reduce reduces reduced reducing lower lowers
        lowered lowering low less fewer smaller small shrink shrinks shrank shrinking shrunk
        tiny little slight slightly cut cuts cutting drop drops dropped dropping fall falls fell
        falling deflate deflates narrow narrows narrower down downward shorter lessen lessens diminish diminishes
        minimize minimise minimizes minimises dampen dampens""",
    ),
    "speed": ("fast faster quick quicker quickly", "slow slower slowly"),
    "time": ("before earlier prior", "after later"),
    "strength": ("strong stronger", "weak weaker"),
    "position": ("above", "below beneath"),
    "frequency": ("always", "rarely seldom"),
    "quality": ("better improve improves improved", "worse hurt hurts degrade degrades degraded"),
}
_DIRECTION: dict[str, tuple[str, int]] = {}
for _axis, (_up, _down) in _DIRECTIONS.items():
    for _sign, _group in ((1, _up), (-1, _down)):
        for _word in _group.split():
            _DIRECTION[_word] = (_axis, _sign)

# A number ("9,700", "0.60", "98.5") is one word; other words may hold apostrophes ("don't").
# A number ("9,700", "0.60", "98.5") is one word; so is a letter joined to a word by a hyphen
# ("k-means", "p-value", "t-test"); other words may hold apostrophes ("don't").
# Words that name one of two things a question often contrasts: evidence for a phrase naming
# one is contradicted when, where the evidence is, the answer names only the other ("L2 sets
# weights exactly to zero" is no evidence for "L1 sets some weights exactly to zero").
_RIVALS = (
    "l1 l2",
    "lasso ridge",
    "l1 ridge",
    "lasso l2",
    "null alternative",
    "input output",
    "train test",
    "training test",
    "median mean",
    "precision recall",
    "parallel sequential",
    "deep shallow",
    "bagging boosting",
    "forest boosting",
    "left inner",
    "same different",
    "linear quadratic",
    "constant grows",
    "type-i type-ii",
    "sigmoid relu",
    "tanh relu",
    "encoder decoder",
    "bias variance",
    "overfit underfit",
    "overfitting underfitting",
    "increase constant",
    "local global",
    "early last",
    "first last",
    "positive negative",
    "unbiased biased",
    "offline online",
    "pessimistic optimistic",
    "overstate understate",
    "dependent independent",
    "sigmoid tanh",
    "hard soft",
    "whole training",
    "entire training",
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]-[^\W_]+|[^\W_]+(?:['’][^\W_]+)*")
_THOUSANDS = re.compile(r",(?=\d{3}\b)")
_STEMMER = snowballstemmer.stemmer("english")

# Abbreviations candidates write under time pressure, as the words they stand for.
_ABBREVIATIONS = {
    "rf": "random forest",
    "rfs": "random forests",
    "gbm": "gradient boosting",
    "gbms": "gradient boosting",
    "gbdt": "gradient boosting",
    "gbt": "gradient boosting",
    "xgboost": "gradient boosting",
    "lightgbm": "gradient boosting",
    "nn": "neural network",
    "nns": "neural networks",
    "gd": "gradient descent",
    "sgd": "stochastic gradient descent",
    "cv": "cross validation",
    "ci": "confidence interval",
    "cis": "confidence intervals",
    "h0": "null hypothesis",
    "h1": "alternative hypothesis",
    "sd": "standard deviation",
    "std": "standard deviation",
    "ml": "machine learning",
    "fp": "false positive",
    "fps": "false positives",
    "fn": "false negative",
    "fns": "false negatives",
    "tp": "true positive",
    "tps": "true positives",
    "tn": "true negative",
    "tns": "true negatives",
    "pos": "positive",
    "neg": "negative",
    "prob": "probability",
    "probs": "probabilities",
    "coef": "coefficient",
    "coefs": "coefficients",
    "coeff": "coefficient",
    "coeffs": "coefficients",
    "avg": "average",
    "sq": "squared",
    "err": "error",
    "acc": "accuracy",
    "val": "validation",
    "dist": "distribution",
    "distrib": "distribution",
    "distribs": "distributions",
    "corr": "correlation",
    "cov": "covariance",
    "var": "variance",
    "obs": "observations",
    "info": "information",
    "approx": "approximately",
    "min": "minimum",
    "max": "maximum",
    "stat": "statistic",
    "stats": "statistics",
    "yrs": "years",
    "prev": "previous",
    "num": "number",
    "pvalue": "p-value",
    "kmeans": "k-means",
    "knn": "k-nn",
}
# Words that say the same thing here, counted as the first of their group.
_SYNONYMS = (
    "weight coefficient",
    "centroid centre center",
    "feature variable column predictor",
    "observation row record",
    "average mean",
    "probability chance",
    "penalize penalise punish penalty penalties",
    "error mistake",
    "sensitive affected",
    "disputed questioned challenged contested doubted",
    "threshold cutoff cut-off",
    "detect catch",
    "rerun restart",
    "duplicate repeat",
    "predict forecast",
)
_SYNONYM: dict[str, str] = {}


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The Porter2 stem of a lower-case word: capping, caps → cap; regularization,
    regularising → regular. Short words and numbers are left alone."""
    if len(word) <= 2 or word.isdigit():
        return word
    return _STEMMER.stemWord(_american(word))


_BRITISH = (
    (re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w{3})our(s?)$"), r"or\1"),
    (re.compile(r"(?<=\w{2})tre(s?)$"), r"ter\1"),
)


def _american(word: str) -> str:
    """One spelling for both: standardise → standardize, behaviour → behavior, centre → center."""
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def words(text: str) -> list[str]:
    """Lower-case words without accents or apostrophes: "Théil-Sen's" → ["theil", "sens"]."""
    return [word for match in _TOKEN.finditer(text or "") if (word := _plain(match.group()).replace("'", ""))]


for _group in _SYNONYMS:
    _first, *_others = _group.split()
    for _word in _others:
        _SYNONYM[stem(_word)] = stem(_first)


_RIVAL: dict[str, set[str]] = {}
for _pair in _RIVALS:
    _a, _b = (stem(_word) for _word in _pair.split())
    _RIVAL.setdefault(_a, set()).add(_b)
    _RIVAL.setdefault(_b, set()).add(_a)


@dataclass(frozen=True)
class Word:
    """One important word of a text: its term (stem, synonym or direction), where it is, and
    whether a negation covers it. `target` is the term a direction word bears on ("reduces
    variance", "bias is high")."""

    term: str
    start: int
    end: int
    index: int  # among the text's words, stop words included
    sentence: int
    clause: int
    negated: bool
    direction: tuple[str, int] | None = None
    target: str | None = None


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


def _direction_term(direction: tuple[str, int]) -> str:
    return f"<{direction[0]}{'+' if direction[1] > 0 else '-'}>"


def _term(word: str) -> str:
    if word[0].isdigit():
        return _number(word)
    direction = _DIRECTION.get(word)
    if direction:
        return _direction_term(direction)
    stemmed = stem(word)
    return _SYNONYM.get(stemmed, stemmed)


def analyse(text: str) -> Text:
    """The important words of `text`, with character spans into it, negation and sentences.

    Negation: "not", "never", "no", "n't"... negate the rest of their clause, or all of it
    when they end it ("is not needed"); two of them cancel out ("does not prove there is no
    effect"). "without", "instead of", "rather than" negate the rest of their clause; "non"
    negates the next word."""
    text = text or ""
    raw = []  # (word, start, end, index, sentence, clause)
    sentence = clause = 0
    last_end = 0
    for index, match in enumerate(_TOKEN.finditer(text)):
        between = text[last_end : match.start()]
        last_end = match.end()
        word = _plain(match.group()).replace("'", "")
        if not word:
            continue
        if _SENTENCE_PUNCTUATION.search(between):
            sentence += 1
        if _CLAUSE_PUNCTUATION.search(between) or word in _CLAUSE_WORDS:
            clause += 1
        for part in _ABBREVIATIONS.get(word, word).split():
            raw.append((part, match.start(), match.end(), index, sentence, clause))

    def important(word: str) -> bool:
        return not ((word in STOP_WORDS and word not in _DIRECTION) or (len(word) < 2 and not word.isdigit()))

    # A negator negates the rest of its clause; one that ends its clause ("scaling is not
    # needed", "correctness doesn't matter") negates the whole clause.
    negations = [0] * len(raw)
    for position, (word, *_, clause) in enumerate(raw):
        # "too noisy to use" negates its clause too.
        too_to = word == "too" and any(
            later[0] == "to" and later[5] == clause for later in raw[position + 2 : position + 4]
        )
        if not (word in _NEGATORS or too_to):
            continue
        rest = [other for other in range(position + 1, len(raw)) if raw[other][5] == clause]
        following = [raw[other][0] for other in rest if important(raw[other][0]) and raw[other][0] not in _NEGATORS]
        # "... aren't needed for drift monitoring", "... doesn't matter much": the whole clause.
        whole = len(following) <= 1 or following[0] in _NEED
        for other in range(len(raw)):
            if raw[other][5] == clause and (other > position or whole):
                negations[other] += 1
    found: list[Word] = []
    forward = prefix = False
    current = -1
    for position, (word, start, end, index, sentence, clause) in enumerate(raw):
        if clause != current:
            current, forward, prefix = clause, False, False
        if word in _NEGATORS:
            continue
        if word in _FORWARD_NEGATORS:
            forward = True
            continue
        if word in _PREFIX_NEGATORS:
            prefix = True
            continue
        if not important(word) and not (word in _SQL_KEYWORDS and text[start:end].isupper()):
            prefix = False
            continue
        negated = (negations[position] % 2 == 1) ^ forward ^ prefix
        prefix = False
        direction = _DIRECTION.get(word)
        if direction and negated:
            # "not shrinking" goes the other way: a direction, not a negated word.
            direction, negated = (direction[0], -direction[1]), False
            found.append(Word(_direction_term(direction), start, end, index, sentence, clause, False, direction))
            continue
        if word in _UNPREFIXED:
            # "unbiased", "insensitive": the word itself, negated.
            word, negated = _UNPREFIXED[word], not negated
        found.append(Word(_term(word), start, end, index, sentence, clause, negated, direction))

    # What each direction word or number bears on: the next other word of its clause, else the
    # previous.
    for position, word in enumerate(found):
        if word.term[0].isdigit():
            near = [
                other.term
                for other in found[max(0, position - 2) : position + 3]
                if other.clause == word.clause and not other.term[0].isdigit()
            ]
            found[position] = replace(word, target=" ".join(sorted(near)) or None)
            continue
        if word.direction is None:
            continue
        target = None
        for step in (1, 2, -1, -2):
            other = position + step
            if (
                0 <= other < len(found)
                and found[other].clause == word.clause
                and found[other].direction is None
                and not found[other].term[0].isdigit()
            ):
                target = found[other].term
                break
        found[position] = replace(word, target=target)
    return Text(text, tuple(found))


@lru_cache(maxsize=8192)
def _phrase(text: str) -> Text:
    return analyse(text)


def important_stems(text: str) -> set[str]:
    """The stems of the words of `text` that carry meaning: no stop words, no single letters."""
    return analyse(text).terms


def _terms(text: str) -> set[str]:
    """The terms of `text` as analyse() finds them, without its negation and spans: cheap, for
    counting document frequencies."""
    found = set()
    for match in _TOKEN.finditer(text or ""):
        word = _plain(match.group()).replace("'", "")
        for part in _ABBREVIATIONS.get(word, word).split() if word else ():
            part = _UNPREFIXED.get(part, part)
            if part in _NEGATORS or part in _FORWARD_NEGATORS or part in _PREFIX_NEGATORS:
                continue
            if (part in STOP_WORDS and part not in _DIRECTION) or (len(part) < 2 and not part.isdigit()):
                continue
            found.add(_term(part))
    return found


class Weights:
    """How much each term counts: its inverse document frequency over `documents` (the bank's
    key points, each with its aliases). A term the bank never uses counts as the rarest."""

    def __init__(self, documents: Iterable[str] = ()):
        frequency: dict[str, int] = {}
        count = 0
        for document in documents:
            count += 1
            for term in _terms(document):
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


class _Local:
    """The bank's weights, divided down for the words the question's other key points share:
    in a question on k-means, "centroid" says little about which of its points an answer makes."""

    def __init__(self, weights: Weights, others: Sequence[str]):
        self.weights = weights
        self.shared: dict[str, int] = {}
        for other in others:
            for term in _phrase(other).terms:
                self.shared[term] = self.shared.get(term, 0) + 1

    def __call__(self, term: str) -> float:
        return self.weights(term) / (1 + LOCAL * self.shared.get(term, 0))


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


def _rivalled(phrase: Text, family: frozenset[str], evidence: list[Word], answer: Text) -> bool:
    """Whether a clause holding evidence names the rival of what the phrase names there, and
    not the thing itself: "L2 sets weights to zero" against "L1 (lasso) sets weights to
    zero"; "forests reduce bias" against "forests reduce variance, boosting reduces bias".
    Each answer clause is compared with the phrase's clause it shares most words with; the
    point's other phrasings (`family`) name the same things."""
    parts: dict[int, set[str]] = {}
    for word in phrase.words:
        parts.setdefault(word.clause, set()).add(word.term)
    by_clause: dict[int, tuple[set[str], set[str], int]] = {}
    for word in answer.words:
        named, stated, _ = by_clause.setdefault(word.clause, (set(), set(), word.sentence))
        named.add(word.term)
        if not word.negated:
            stated.add(word.term)
    for clause in {word.clause for word in evidence}:
        named = by_clause[clause][0]
        best = max(parts.values(), key=lambda terms: len(terms & named))
        others = set().union(*(terms for terms in parts.values() if terms is not best))
        own = best | (family - others)
        for term in own & _RIVAL.keys():
            rivals = _RIVAL[term] - own
            if not rivals:
                continue
            # The point's names for the thing ("L1", "lasso") against its rivals ("L2", "ridge").
            names = {other for other in own if _RIVAL.get(other, set()) & rivals}
            # "Forests overfit, so they need early stopping": "they" are the last ones named.
            sentence = by_clause[clause][2]
            for candidate in range(clause, -1, -1):
                there, said, where = by_clause.get(candidate, (set(), set(), -1))
                if where != sentence:
                    break
                if there & (names | rivals):
                    # A rival said (not negated: "unlike L2") while none of the point's names is.
                    if said & rivals and not there & names:
                        return True
                    break
    return False


def _numbers_differ(phrase: Text, evidence: list[Word], answer: Text) -> bool:
    """Whether the answer, where its evidence is, gives other numbers for what the phrase
    counts: "FP is 250" against "100 false positives"."""
    sentences = {word.sentence for word in evidence}
    around = [word for word in answer.words if word.sentence in sentences]
    for word in phrase.words:
        if not word.term[0].isdigit() or word.target is None:
            continue
        near = set(word.target.split())
        values = {
            other.term
            for other in around
            if other.term[0].isdigit() and other.target and near & set(other.target.split())
        }
        if values and word.term not in values:
            return True
    return False


def _contradicted(phrase: Text, evidence: list[Word], answer: Text, family: frozenset[str] = frozenset()) -> bool:
    """Whether the answer, where its evidence is, contradicts the phrase: a rival named
    instead, other numbers, or the opposite direction on the same word ("reduces variance"
    against "increases the variance"; for a direction word bearing on nothing the answer
    mentions, anywhere in those sentences)."""
    if _rivalled(phrase, family, evidence, answer) or _numbers_differ(phrase, evidence, answer):
        return True
    sentences = {word.sentence for word in evidence}
    around = [word for word in answer.words if word.sentence in sentences and word.direction]
    for word in phrase.words:
        if word.direction is None:
            continue
        axis, sign = word.direction
        aimed = [other.direction[1] for other in around if other.direction[0] == axis and other.target == word.target]
        if word.target is not None and aimed:
            if sign not in aimed:
                return True
            continue
        signs = {other.direction[1] for other in around if other.direction[0] == axis}
        if signs == {-sign}:
            return True
    return False


def _score(
    phrase: Text,
    answer: Text,
    ignored: set[str],
    weights: Weights,
    family: frozenset[str] = frozenset(),
    family_polarity: frozenset[tuple[str, bool]] = frozenset(),
) -> tuple[float, list[Word]] | None:
    """The weighted share of `phrase` that one sentence of the answer covers (the best one),
    and the answer words that cover it; None when a direction is contradicted or too few
    words match."""
    wanted = [word for word in phrase.words if word.term not in ignored] or list(phrase.words)
    if not wanted:
        return None
    # At least two of the phrase's words must match (the prompt's words count here, not in
    # the share), or its only word.
    needed = min(2, len({word.term for word in phrase.words}))
    context = {(word.term, word.negated) for word in phrase.words if word.term in ignored and word not in wanted}
    total = sum(weights(word.term) for word in wanted)
    pairs = [
        (weights(first.term) + weights(second.term)) / 2 for first, second in zip(wanted, wanted[1:], strict=False)
    ]
    total_pairs = sum(pairs)

    by_sentence: dict[int, list[Word]] = {}
    for word in answer.words:
        by_sentence.setdefault(word.sentence, []).append(word)
    best: tuple[float, list[Word]] | None = None
    for words_there in by_sentence.values():
        # A phrase word matches an answer word of the same term and the same polarity, or one
        # whose stem starts with its own (Porter2 leaves "imbalance" and "imbalanced" apart).
        by_key: dict[tuple[str, bool], list[Word]] = {}
        for word in words_there:
            by_key.setdefault((word.term, word.negated), []).append(word)
            for length in range(PREFIX, len(word.term)):
                by_key.setdefault((word.term[:length], word.negated), []).append(word)
        matches = {index: by_key.get((word.term, word.negated), []) for index, word in enumerate(wanted)}
        matched = [index for index, found in matches.items() if found]
        if not matched or len({wanted[index].term for index in matched}) + len(context & set(by_key)) < needed:
            continue
        # One occurrence per matched word: the ones closest together, anchored on each
        # occurrence of the rarest matched word in turn.
        anchor = max(matched, key=lambda index: weights(wanted[index].term))
        chosen: list[Word] = []
        spread = math.inf
        for start in matches[anchor]:
            candidate = [min(matches[index], key=lambda word: abs(word.index - start.index)) for index in matched]
            candidate_spread = sum(abs(word.index - start.index) for word in candidate)
            if candidate_spread < spread:
                chosen, spread = candidate, candidate_spread
        got = sum(weights(wanted[index].term) for index in matched)
        got_pairs = 0.0
        order = {id(word): position for position, word in enumerate(words_there)}
        by_index = dict(zip(matched, chosen, strict=True))
        for first, pair in enumerate(pairs):
            a, b = by_index.get(first), by_index.get(first + 1)
            if a is not None and b is not None and abs(order[id(a)] - order[id(b)]) <= PAIR_GAP + 1:
                got_pairs += pair
        # Counter-evidence: the phrase's words said there with the opposite polarity ("they
        # read only the current input, not the previous hidden state").
        # Any phrasing of the point counts ("sigmoid and tanh don't saturate" denies "saturating
        # sigmoid and tanh" even where the evidence is for an alias).
        polarity = {(word.term, word.negated) for word in words_there}
        denied = sum(
            weights(term)
            for term, negated in family_polarity
            if term not in ignored
            and (term, not negated) in polarity
            and (term, negated) not in polarity
            and (term, not negated) not in family_polarity
        )
        if denied >= DENIED_SHARE * total:
            continue
        if _contradicted(phrase, chosen, answer, family):
            continue
        scored = (got / total, got_pairs / total_pairs if total_pairs else got / total)
        if best is None or _strength(*scored) > _strength(*best[0]):
            # The prompt's words count for nothing, but they are part of what the user sees matched.
            shown = chosen + [
                min(by_key[key], key=lambda word: min(abs(word.index - other.index) for other in chosen))
                for key in context
                if key in by_key
            ]
            best = (scored, shown)
    if best is None:
        return None
    return best


def _strength(words_share: float, pairs_share: float) -> float:
    """How well a phrase is matched: the weighted share of its words the evidence holds, and of
    its neighbouring pairs of words found side by side."""
    return (words_share + PAIR_WEIGHT * pairs_share) / (1 + PAIR_WEIGHT)


def _enough(words_share: float, pairs_share: float) -> bool:
    return _strength(words_share, pairs_share) >= HINT_SHARE


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
    others: Sequence[str] = (),
) -> Hint | None:
    """The best evidence that `answer` covers the key point `point` (or one of its `aliases`),
    or None. Words of the question's `prompt` do not count ("L1" and "L2" in every point of a
    question on L1 and L2 say nothing), unless a phrase has no other words; words of the
    question's `others` key points (each with its aliases, as one text) count less. Pass the
    answer as analyse(answer) when checking several points against it."""
    answer = answer if isinstance(answer, Text) else analyse(answer)
    if not answer.words:
        return None
    ignored = _phrase(prompt).terms if prompt else set()
    if others:
        weights = _Local(weights, others)

    best: Hint | None = None
    phrases = ((point, False), *((alias, True) for alias in aliases))
    family = frozenset().union(*(_phrase(phrase).terms for phrase, _ in phrases))
    family_polarity = frozenset((word.term, word.negated) for phrase, _ in phrases for word in _phrase(phrase).words)
    for phrase, alias in phrases:
        scored = _score(_phrase(phrase), answer, ignored, weights, family, family_polarity)
        if scored is None:
            continue
        (words_share, pairs_share), found = scored
        share = _strength(words_share, pairs_share)
        if _enough(words_share, pairs_share) and (best is None or share > best.share):
            best = Hint(phrase, alias, _spans(found, answer.text), share)
    return best


def possibly_covered(
    point: str, answer: str | Text, aliases: Sequence[str] = (), prompt: str = "", weights: Weights = UNIFORM
) -> bool:
    """Whether the answer is worth a look for this key point: find_hint() found evidence."""
    return find_hint(point, answer, aliases, prompt, weights) is not None
