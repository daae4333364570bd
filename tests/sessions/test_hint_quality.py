"""The "possibly covered" hint measured on the labelled set (tests/sessions/hint_cases/).
`bench/hints.py` prints the same table with every false and missed hint, for tuning; run
these tests with -s to see the table."""

import pytest
import yaml

from tests.sessions.hint_measure import BANK, KINDS, bank, case_problems, load_pairs, measure, table

# Issue 13's goals: hints a candidate can trust.
PRECISION = 0.85
RECALL = 0.70
TRICKY_PRECISION = 0.60
# Not reached yet on the tricky kind: no change may fall below today's figure.
TRICKY_PRECISION_TODAY = 0.50
# "No more than a few" false hints on answers that only echo the question's words.
WEAK_FALSE_HINTS = 3


def figures() -> dict[str, float]:
    result = measure(load_pairs())
    print()
    print(table(result))
    return {
        "precision": result.overall.precision,
        "recall": result.overall.recall,
        "tricky precision": result.kinds["tricky"].precision,
        "weak false hints": result.kinds["weak"].false_hints,
    }


def test_the_labelled_set_names_real_questions_and_key_points():
    assert case_problems() == []


def test_the_labelled_set_is_large_and_covers_every_area_and_kind():
    pairs = load_pairs()
    assert len(pairs) >= 300
    questions = {pair.question.slug for pair in pairs}
    assert len(questions) >= 25
    assert {pair.kind for pair in pairs} == set(KINDS)
    areas = {topic["slug"]: topic["area"] for topic in yaml.safe_load((BANK / "topics.yaml").read_text())}
    assert {areas[bank()[slug].topic] for slug in questions} == set(areas.values())


def test_the_hint_meets_the_goals_overall_and_hardly_fires_on_weak_answers():
    measured = figures()
    assert measured["precision"] >= PRECISION
    assert measured["recall"] >= RECALL
    assert measured["weak false hints"] <= WEAK_FALSE_HINTS
    assert measured["tricky precision"] >= TRICKY_PRECISION_TODAY


@pytest.mark.xfail(strict=True, reason="not reached yet: precision 0.51 on tricky answers (issue 13)")
def test_the_hint_meets_the_goal_on_tricky_answers():
    assert figures()["tricky precision"] >= TRICKY_PRECISION
