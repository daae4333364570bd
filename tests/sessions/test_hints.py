"""The "possibly covered" hint: deterministic word matching."""

from datetime import timedelta

import pytest

from sessions.durations import format_duration
from sessions.hints import important_stems, possibly_covered, stem, words

WINSORIZING = "Winsorizing caps extreme values at a percentile"


def test_a_paraphrase_with_other_inflections_is_hinted():
    assert possibly_covered(WINSORIZING, "we winsorize by capping the extremes at the 99th percentile")


def test_an_unrelated_answer_is_not_hinted():
    assert not possibly_covered(WINSORIZING, "I would drop the rows with missing values and retrain the model")


def test_an_empty_answer_is_never_hinted():
    assert not possibly_covered(WINSORIZING, "")


def test_one_shared_word_is_not_enough():
    assert not possibly_covered(WINSORIZING, "The values were fine.")


def test_stop_words_alone_never_match():
    assert not possibly_covered("It is what it is", "it is what it is")
    assert important_stems("It is what it is") == set()


@pytest.mark.parametrize(
    "point, answer",
    [
        (
            "Robust losses (absolute error, Huber) limit the influence of large residuals",
            "A Huber loss limits the influence of big residuals",
        ),
        ("L1 regularization gives sparse weights", "Regularising with L1 makes the weights sparse."),
        (
            "Precision-recall curves are more informative under class imbalance",
            "PR: precision and recall curve, imbalanced classes",
        ),
    ],
)
def test_known_paraphrases_are_hinted(point, answer):
    assert possibly_covered(point, answer)


def test_case_accents_and_punctuation_do_not_matter():
    assert possibly_covered("Theil-Sen estimator is robust", "THÉIL SEN: a robust estimator!")


@pytest.mark.parametrize(
    "forms",
    [
        ("winsorizing", "winsorize", "winsorized", "winsorization", "winsorisation"),
        ("capping", "caps", "cap", "capped"),
        ("extreme", "extremes"),
        ("classes", "class"),
        ("regularization", "regularize", "regularizing", "regularised"),
        ("transformation", "transformations", "transforming", "transforms"),
        ("quadratic", "quadratically"),
    ],
)
def test_the_usual_inflections_share_a_stem(forms):
    assert len({stem(word) for word in forms}) == 1


def test_short_words_and_numbers_are_left_alone():
    assert [stem(word) for word in ("l1", "pca", "99", "bus")] == ["l1", "pca", "99", "bus"]


def test_words_are_lower_case_and_split_on_punctuation():
    assert words("Box-Cox, and L2!") == ["box", "cox", "and", "l2"]


@pytest.mark.parametrize(
    "seconds, shown",
    [(None, ""), (45, "45 s"), (125, "2 min 05 s"), (3720, "1 h 02 min")],
)
def test_durations_read_naturally(seconds, shown):
    assert format_duration(None if seconds is None else timedelta(seconds=seconds)) == shown


def test_words_of_the_prompt_do_not_count():
    prompt = "What are L1 and L2 regularization, and how do they differ?"
    point = "L1 penalizes the sum of absolute weights, L2 the sum of squared weights"
    answer = "L1 gives sparse weights, L2 shrinks them."
    assert possibly_covered(point, answer)
    assert not possibly_covered(point, answer, prompt=prompt)


def test_a_point_made_only_of_prompt_words_still_counts_them():
    assert possibly_covered("ROC curve", "the ROC curve", prompt="What is the ROC curve?")
