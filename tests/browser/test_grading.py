"""Grading a finished session in a real browser, with the mouse for ticks and the keyboard for
grades, on a laptop and on a phone-sized screen."""

import pytest
from playwright.sync_api import expect

from sessions.models import SelfGrade, SessionKeyPoint, Status
from tests.conftest import PASSWORD, make_questions, make_session, make_topic, make_user

ANSWERS = {
    1: "The ROC curve plots the true positive rate against the false positive rate.",
    2: "AUC is the probability that a random positive ranks above a random negative.",
    3: "I am not sure.",
    5: "Precision-recall curves help with imbalance.",
}


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 740}], ids=["laptop", "phone"]
)
def test_a_user_ticks_key_points_grades_every_question_with_the_keyboard_and_sees_the_score(
    live_server, page, login, viewport
):
    page.set_viewport_size(viewport)
    user = make_user("ivy")
    session = make_session(user, make_questions(5, topic=make_topic()), answers=ANSWERS, status=Status.SUBMITTED)
    login(page, "ivy", PASSWORD)
    page.goto(f"{live_server.url}/interviews/{session.pk}/review/")

    expect(page.get_by_text("0 of 5 graded", exact=True)).to_be_visible()
    first = page.locator("#question-1")
    expect(first.get_by_text("possibly covered").first).to_be_visible()
    first.get_by_label("ROC plots true positive rate against false positive rate").check()
    expect(first.get_by_text("✓ Saved · not graded yet")).to_be_visible()

    # 1-4 grade the question in view, n moves to the next ungraded one.
    for position, key in zip(range(1, 6), "43214", strict=True):
        if position > 1:
            page.keyboard.press("n")
            expect(page.locator(f"#question-{position}")).to_be_focused()
        page.keyboard.press(key)
        expect(page.locator(f"#question-{position} .review-save-status")).to_contain_text("✓ Saved")
        if position < 5:
            expect(page.get_by_text(f"{position} of 5 graded", exact=True)).to_be_visible()

    expect(page.locator("#review-progress")).to_contain_text("All 5 graded.")
    result = page.locator("#review-result")
    result.scroll_into_view_if_needed()
    expect(result).to_contain_text("2.8 / 4")
    expect(result).to_contain_text("of key points covered (1 of 15)")
    expect(result).to_contain_text("Every question was on Model evaluation")
    assert sorted(SelfGrade.objects.values_list("grade", flat=True)) == [1, 2, 3, 4, 4]
    assert SessionKeyPoint.objects.filter(covered=True).count() == 1

    # A grade changed later moves the score.
    page.locator("#question-3").get_by_label("4 Excellent").check()
    expect(page.locator("#review-result")).to_contain_text("3.2 / 4")
    no_horizontal_scroll = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert no_horizontal_scroll


def test_the_keys_do_nothing_while_typing_a_note(live_server, page, login):
    user = make_user("jay")
    session = make_session(user, answers={1: "An answer"}, status=Status.SUBMITTED)
    login(page, "jay", PASSWORD)
    page.goto(f"{live_server.url}/interviews/{session.pk}/review/")
    note = page.locator("#question-1").get_by_label("Private note")
    note.fill("")
    note.type("Say 3 things, then n")
    expect(note).to_have_value("Say 3 things, then n")
    assert not SelfGrade.objects.exists()
    page.locator("#question-1").get_by_label("2 Partial").check()
    expect(page.locator("#question-1 .review-save-status")).to_contain_text("✓ Saved: Partial")
    assert SelfGrade.objects.get().note == "Say 3 things, then n"
