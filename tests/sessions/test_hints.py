"""The "possibly covered" hint: deterministic word matching, negation, direction, aliases and
the evidence it shows. Its quality on the labelled set is test_hint_quality.py."""

from datetime import timedelta

import pytest

from sessions.durations import format_duration
from sessions.hints import Weights, analyse, find_hint, important_stems, possibly_covered, stem, words

WINSORIZING = "Winsorizing caps extreme values at a percentile"


def test_a_paraphrase_with_other_inflections_is_hinted():
    assert possibly_covered(WINSORIZING, "we winsorize by capping the extremes at the 99th percentile")


def test_an_unrelated_answer_is_not_hinted():
    assert not possibly_covered(WINSORIZING, "I would drop the rows with missing values and retrain the model")


def test_an_empty_answer_is_never_hinted():
    assert find_hint(WINSORIZING, "") is None
    assert find_hint(WINSORIZING, "   \n") is None


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
        ("Random forests average deep trees", "An RF averages many deep trees"),
        ("Standardize features before k-means", "standardise the columns first, then run kmeans"),
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
        ("standardise", "standardize", "standardization", "standardisation"),
    ],
)
def test_the_usual_inflections_and_spellings_share_a_stem(forms):
    assert len({stem(word) for word in forms}) == 1


def test_short_words_and_numbers_are_left_alone():
    assert [stem(word) for word in ("l1", "pca", "99", "bus")] == ["l1", "pca", "99", "bus"]


def test_words_are_lower_case_and_split_on_punctuation():
    assert words("Box-Cox, and L2!") == ["box", "cox", "and", "l2"]
    assert words("k-means, don't, 9,700") == ["k-means", "dont", "9,700"]


def test_numbers_are_compared_as_numbers():
    point = "Builds the confusion matrix with TP 150, FP 100 and TN 9,700"
    assert possibly_covered(point, "tp = 150, fp = 100, tn = 9700")


@pytest.mark.parametrize(
    "seconds, shown",
    [(None, ""), (45, "45 s"), (125, "2 min 05 s"), (3720, "1 h 02 min")],
)
def test_durations_read_naturally(seconds, shown):
    assert format_duration(None if seconds is None else timedelta(seconds=seconds)) == shown


def test_words_of_the_prompt_do_not_count():
    prompt = "What are L1 and L2 regularization, and how do they differ?"
    point = "L1 penalizes the sum of absolute weights"
    answer = "L1 shrinks things."
    assert not possibly_covered(point, answer, prompt=prompt)
    assert possibly_covered(point, "L1 penalizes the absolute weights", prompt=prompt)


def test_a_point_made_only_of_prompt_words_still_counts_them():
    assert possibly_covered("ROC curve", "the ROC curve", prompt="What is the ROC curve?")


# Negation -----------------------------------------------------------------------------------


def test_a_point_inside_a_negated_clause_is_no_evidence():
    point = "K-means needs scaled features"
    assert not possibly_covered(point, "There is no need to scale the features before k-means")
    assert not possibly_covered(point, "K-means doesn't need scaled features, it is scale invariant.")
    assert possibly_covered(point, "Before k-means you need to scale the features.")


@pytest.mark.parametrize("negation", ["never", "not", "without", "instead of", "rather than"])
def test_each_negation_word_blocks_the_evidence(negation):
    answer = {
        "never": "you never standardize the features for k-means",
        "not": "for k-means you do not standardize the features",
        "without": "k-means works without standardizing the features",
        "instead of": "run k-means on raw units instead of standardized features",
        "rather than": "k-means on raw units rather than standardized features",
    }[negation]
    assert not possibly_covered("Standardize the features before k-means", answer)


def test_negation_stops_at_the_end_of_its_clause():
    answer = "Bagging does not reduce bias, but it reduces variance."
    assert possibly_covered("Bagging reduces variance", answer)
    assert not possibly_covered("Bagging reduces bias", answer)


def test_a_negated_point_is_matched_by_a_negated_answer():
    point = "It is not the probability that the null hypothesis is true"
    assert possibly_covered(point, "The p-value isn't the probability that the null hypothesis is true.")
    assert not possibly_covered(point, "It is the probability that the null hypothesis is true.")


def test_two_negations_cancel_out():
    point = "A large p-value does not prove there is no effect"
    assert possibly_covered(point, "a large p-value doesn't prove that there is no effect")
    assert not possibly_covered(point, "a large p-value proves there is no effect")


# Direction and contradiction ------------------------------------------------------------------


def test_a_reversed_direction_blocks_the_hint():
    point = "More training data reduces variance"
    assert not possibly_covered(point, "More training data increases the variance")
    assert possibly_covered(point, "More training data lowers the variance.")


def test_direction_words_of_one_direction_are_interchangeable():
    assert possibly_covered("High bias means underfitting", "a large bias: the model is underfitting")
    assert not possibly_covered("High bias means underfitting", "Low bias means underfitting")


def test_each_direction_is_checked_on_the_word_it_bears_on():
    point = "Allows higher learning rates and makes training less sensitive to initialization"
    assert not possibly_covered(
        point, "It needs lower learning rates and makes training more sensitive to initialization"
    )
    assert possibly_covered(
        point, "You can use higher learning rates, and training is less sensitive to initialization"
    )


def test_naming_the_rival_instead_of_the_point_s_subject_blocks_the_hint():
    point = "L1 sets some weights exactly to zero, performing feature selection"
    prompt = "What are L1 and L2 regularization?"
    assert not possibly_covered(point, "L2 is the one that sets weights exactly to zero", prompt=prompt)
    assert possibly_covered(point, "L1 sets weights exactly to zero", prompt=prompt)


# Aliases, weights and evidence ----------------------------------------------------------------


def test_an_alias_supports_a_paraphrase_the_point_s_words_miss():
    point = "Regularization shrinks the coefficients"
    answer = "we pull the weights closer to zero"
    assert not possibly_covered(point, answer)
    hint = find_hint(point, answer, aliases=("pulls the weights toward zero",))
    assert hint is not None and hint.alias and hint.phrase == "pulls the weights toward zero"
    assert hint.evidence(answer) == ["pull the weights closer to zero"]


def test_the_precision_paraphrase_is_hinted_through_its_alias():
    point = "Precision is the share of flagged cases that are truly positive"
    answer = "Of the rows we flag, how many really are fraud"
    assert not possibly_covered(point, answer)
    assert possibly_covered(point, answer, aliases=("of the ones we flag, how many really are positive",))


def test_the_point_itself_is_preferred_when_it_matches_as_well():
    hint = find_hint(WINSORIZING, "Winsorizing caps extreme values at a percentile", aliases=("clip the tails",))
    assert hint is not None and not hint.alias and hint.phrase == WINSORIZING


def test_the_evidence_spans_are_the_matched_words_of_the_answer():
    answer = "First I'd look at the data.\nThen we winsorize: cap the extremes at a percentile."
    hint = find_hint(WINSORIZING, answer)
    assert hint is not None
    assert hint.evidence(answer) == ["winsorize", "cap the extremes at a percentile"]
    for start, end in hint.spans:
        assert 0 <= start < end <= len(answer)


def test_rare_words_weigh_more_than_common_ones():
    weights = Weights(["the model loss", "model data", "model loss data", "heteroscedasticity of residuals"])
    assert weights("model") < weights("heteroscedast") <= weights("never-seen-term")
    point = "Heteroscedasticity makes the model's standard errors wrong"
    assert possibly_covered(point, "heteroscedasticity: standard errors are off", weights=weights)
    assert not possibly_covered(point, "the model is wrong", weights=weights)


def test_an_answer_is_analysed_once_for_many_points():
    answer = analyse("We winsorize by capping the extremes at the 99th percentile")
    assert possibly_covered(WINSORIZING, answer)
    assert not possibly_covered("Robust models such as RANSAC or Theil-Sen", answer)
