"""The review's score once every question is graded: one scale out of 4 with the level's name,
the change since the previous session on the same topics, the key points missed (each question
linked) and one button that practises those questions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import InterviewSession, Status
from sessions.scores import level_name
from tests.conftest import make_question, make_session, make_topic

HTMX = {"HX-Request": "true"}


def review_url(session) -> str:
    return reverse("interviews:review", args=[session.pk])


def graded(session, grades: list[int], ticked: int = 0) -> InterviewSession:
    """Grades the questions in order, ticking the first `ticked` key points of each."""
    for item, grade in zip(session.session_questions.all(), grades, strict=True):
        points = list(item.key_points.values_list("pk", flat=True))[:ticked]
        item.record_self_grade(grade, points, "")
    return session


@pytest.fixture
def questions(db):
    stats, trees = make_topic("statistics", "Statistics"), make_topic("trees", "Trees")
    return [
        make_question(slug="p-values", prompt="What is a *p*-value?", topic=stats),
        make_question(slug="bagging", prompt="Why does bagging reduce variance?", topic=trees),
        make_question(slug="t-test", prompt="When is a t-test valid?", topic=stats),
    ]


def finished(user, questions, days_ago: int) -> InterviewSession:
    started = timezone.now() - timedelta(days=days_ago)
    return make_session(user, questions, started_at=started, answers={1: "An answer"}, status=Status.SUBMITTED)


@pytest.mark.parametrize(
    ("mean", "name"),
    [
        (1.0, "Missed"),
        (1.49, "Missed"),
        (1.5, "Partial"),
        (2.4, "Partial"),
        (2.5, "Good"),
        (3.33, "Good"),
        (3.5, "Excellent"),
        (4.0, "Excellent"),
    ],
)
def test_the_level_is_the_grade_nearest_the_mean(mean, name):
    assert level_name(mean) == name


def test_the_score_shows_the_mean_its_level_and_the_change_since_the_last_session_on_these_topics(
    alice_client, user, questions
):
    graded(finished(user, questions, days_ago=3), [3, 3, 2], ticked=3)  # 2.7
    graded(finished(user, questions[1:2], days_ago=2), [1], ticked=3)  # Other topics: not compared.
    session = graded(finished(user, questions, days_ago=1), [4, 3, 3], ticked=3)  # 3.3
    html = alice_client.get(review_url(session)).content.decode()
    assert "3.3<small>" in html
    assert '<span class="review-score-level score-level-good">Good</span>' in html
    assert "+0.6 since your last session on these topics" in html


def test_a_lower_score_says_how_much_lower(alice_client, user, questions):
    graded(finished(user, questions, days_ago=2), [4, 4, 4], ticked=3)
    session = graded(finished(user, questions, days_ago=1), [4, 3, 3], ticked=3)
    html = alice_client.get(review_url(session)).content.decode()
    assert "\u22120.7 since your last session on these topics" in html
    assert "review-score-change is-down" in html


def test_the_same_score_says_so(alice_client, user, questions):
    graded(finished(user, questions, days_ago=2), [2, 2, 2], ticked=3)
    session = graded(finished(user, questions, days_ago=1), [2, 2, 2], ticked=3)
    html = alice_client.get(review_url(session)).content.decode()
    assert "Same as your last session on these topics (2.0)" in html
    assert "Partial" in html


def test_no_change_is_shown_without_a_previous_session_on_these_topics(alice_client, user, questions):
    graded(finished(user, questions[1:2], days_ago=2), [4], ticked=3)
    later_only = graded(finished(user, questions, days_ago=1), [1, 2, 1], ticked=3)
    html = alice_client.get(review_url(later_only)).content.decode()
    assert "since your last session" not in html and "Same as your last session" not in html
    assert "score-level-missed" in html


def test_a_later_session_or_one_not_fully_graded_is_not_the_previous_one(alice_client, user, questions):
    partly = finished(user, questions, days_ago=3)
    questions_graded = partly.session_questions.all()[:1]
    questions_graded[0].record_self_grade(1, [], "")
    session = graded(finished(user, questions, days_ago=2), [3, 3, 3], ticked=3)
    graded(finished(user, questions, days_ago=1), [1, 1, 1], ticked=3)
    html = alice_client.get(review_url(session)).content.decode()
    assert "since your last session" not in html


def test_the_missed_key_points_are_listed_under_a_link_to_their_question(alice_client, user, questions):
    session = graded(finished(user, questions, days_ago=1), [4, 2, 3], ticked=2)
    session.session_questions.get(position=1).key_points.update(covered=True)
    html = alice_client.get(review_url(session)).content.decode()
    assert "Key points you missed" in html
    assert '<a href="/questions/bagging/">Why does bagging reduce variance?</a>' in html
    assert '<a href="/questions/t-test/">When is a t-test valid?</a>' in html
    assert '/questions/p-values/"' not in html.split("Key points you missed")[1]
    missed = html.split("Key points you missed")[1].split("</section>")[0]
    assert missed.count("<li>Precision-recall curves are more informative under heavy class imbalance</li>") == 2
    assert "Practise these 2 questions" in html
    practise = html.split("Practise these 2 questions")[0].rsplit("<form", 1)[1]
    assert practise.index('value="bagging"') < practise.index('value="t-test"')
    assert 'value="p-values"' not in practise


def test_every_point_made_says_so_and_offers_practising_again(alice_client, user, questions):
    session = graded(finished(user, questions, days_ago=1), [4, 4, 4], ticked=3)
    html = alice_client.get(review_url(session)).content.decode()
    assert "You made every key point." in html
    assert "Practise again" in html and "Practise these" not in html


def test_a_question_gone_from_the_bank_is_listed_but_not_practised(alice_client, user, questions):
    session = graded(finished(user, questions, days_ago=1), [2, 2, 2], ticked=3)
    session.session_questions.get(position=2).key_points.update(covered=False)
    questions[1].is_active = False
    questions[1].save()
    html = alice_client.get(review_url(session)).content.decode()
    assert 'Why does bagging reduce variance? <span class="muted small">(no longer in the bank)</span>' in html
    assert "Practise again" in html and "Practise these" not in html


def test_practise_these_starts_a_session_of_those_questions_in_their_order(alice_client, user, questions):
    response = alice_client.post(reverse("interviews:start"), {"question": ["t-test", "bagging"]})
    session = InterviewSession.objects.get(owner=user, status=Status.IN_PROGRESS)
    assert response.status_code == 302 and response.url == reverse("interviews:interview", args=[session.pk])
    assert list(session.session_questions.values_list("question__slug", flat=True)) == ["t-test", "bagging"]
    assert session.minutes == 6 and session.format_label == "Missed points"


def test_practise_these_skips_unknown_or_malformed_slugs_and_refuses_when_none_is_left(alice_client, user, questions):
    alice_client.post(reverse("interviews:start"), {"question": ["gone", "bagging", "not a slug!"]})
    session = InterviewSession.objects.get(owner=user)
    assert list(session.session_questions.values_list("question__slug", flat=True)) == ["bagging"]
    session.abandon()
    response = alice_client.post(reverse("interviews:start"), {"question": ["gone", "../x"]})
    assert response.status_code == 200 and InterviewSession.objects.count() == 1
    assert "That question is no longer in the bank." in response.content.decode()


def test_the_htmx_grade_that_completes_the_set_brings_the_score_out_of_band(alice_client, user, questions):
    graded(finished(user, questions, days_ago=2), [2, 2, 2], ticked=3)
    session = finished(user, questions, days_ago=1)
    for item in session.session_questions.all()[:2]:
        item.record_self_grade(3, list(item.key_points.values_list("pk", flat=True)), "")
    last = session.session_questions.get(position=3)
    first_point = last.key_points.first().pk
    url = reverse("interviews:grade", args=[session.pk, 3])
    html = alice_client.post(url, {"grade": "4", "covered": [first_point]}, headers=HTMX).content.decode()
    assert "<html" not in html
    assert 'id="review-result" class="card review-result is-complete"' in html and 'hx-swap-oob="true"' in html
    assert "3.3<small>" in html and "score-level-good" in html
    assert "Score <strong>3.3&thinsp;/&thinsp;4</strong> (Good)" in html  # the sticky progress bar, out of band
    assert "+1.3 since your last session on these topics" in html
    assert '<a href="/questions/t-test/">When is a t-test valid?</a>' in html
    assert "Practise this question" in html


def test_the_htmx_grade_before_the_last_shows_no_score_yet(alice_client, user, questions):
    session = finished(user, questions, days_ago=1)
    url = reverse("interviews:grade", args=[session.pk, 1])
    html = alice_client.post(url, {"grade": "4"}, headers=HTMX).content.decode()
    assert "1 of 3 graded. Grade every question to see your score" in html
    assert "Key points you missed" not in html and "score-level-" not in html
