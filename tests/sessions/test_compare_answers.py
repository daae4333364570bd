"""Two answers to one question compared: the word-level diff, the grade change, the key points
newly ticked; only the user's own answers."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.answer_diff import Segment, word_diff
from sessions.models import Status
from tests.conftest import make_question, make_session

URL = reverse("interviews:compare_answers", args=["roc-curve"])


def test_the_diff_is_word_by_word_and_keeps_the_spacing():
    assert word_diff("ROC plots TPR\nagainst FPR", "ROC plots recall\nagainst FPR and AUC") == [
        Segment("same", "ROC plots "),
        Segment("removed", "TPR"),
        Segment("added", "recall"),
        Segment("same", "\nagainst FPR"),
        Segment("added", " and AUC"),
    ]
    assert word_diff("", "") == [] and word_diff("same", "same") == [Segment("same", "same")]


def attempt(owner, question, text: str, grade: int | None, ticked: tuple[int, ...], days_ago: int):
    session = make_session(
        owner,
        [question],
        started_at=timezone.now() - timedelta(days=days_ago),
        answers={1: text},
        status=Status.SUBMITTED,
    )
    item = session.session_questions.get()
    points = [point.pk for point in item.key_points.all() if point.position in ticked]
    item.record_self_grade(grade, points, "", now=timezone.now() - timedelta(days=days_ago))
    return item


@pytest.fixture
def attempts(user):
    question = make_question()
    first = attempt(user, question, "ROC plots TPR against FPR.", 2, (1,), days_ago=9)
    second = attempt(user, question, "ROC plots TPR against FPR; AUC ranks positives.", 4, (1, 2), days_ago=2)
    return first, second


def test_without_a_choice_it_compares_the_two_latest(alice_client, attempts):
    html = alice_client.get(URL).content.decode()
    assert "Grade: <strong>Partial</strong> → <strong>Excellent</strong>" in html and "(up 2)" in html
    assert '<del class="diff-removed">FPR.</del><ins class="diff-added">FPR; AUC ranks positives.</ins>' in html
    assert "Key points newly covered" in html
    assert "<li>AUC is the probability a random positive ranks above a random negative</li>" in html
    assert "4 words added, 1 removed." in html


def test_the_order_chosen_does_not_matter(alice_client, attempts):
    first, second = attempts
    html = alice_client.get(URL, {"a": second.pk, "b": first.pk}).content.decode()
    assert "(up 2)" in html


def test_the_same_answer_twice_is_refused_with_a_message(alice_client, attempts):
    response = alice_client.get(URL, {"a": attempts[0].pk, "b": attempts[0].pk})
    assert response.status_code == 200
    assert "Choose two different answers to compare." in response.content.decode()
    assert "diff-text" not in response.content.decode()


@pytest.mark.parametrize("bad", ["abc", "99999999999999999999999", "-1", ""])
def test_a_bad_choice_never_crashes(alice_client, attempts, bad):
    response = alice_client.get(URL, {"a": bad, "b": attempts[1].pk})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode() or "This field is required" in response.content.decode()


def test_another_users_answers_cannot_be_chosen(client, other_user, attempts):
    client.force_login(other_user)
    response = client.get(URL, {"a": attempts[0].pk, "b": attempts[1].pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "AUC ranks positives" not in html and "Answer it again to compare" in html


def test_with_one_answer_it_says_so(alice_client, user):
    attempt(user, make_question(), "Only once", 3, (), days_ago=1)
    assert "You have one answer to this question" in alice_client.get(URL).content.decode()


def test_the_question_history_links_to_the_comparison(alice_client, attempts):
    html = alice_client.get(reverse("interviews:question_history", args=["roc-curve"])).content.decode()
    assert f'href="{URL}">Compare two of them</a>' in html
