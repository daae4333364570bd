"""Calibration: blind re-grades of old answers, the drift between first and blind grades, and
where ticks and hints disagree. A re-grade is never a review for the scheduler."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.calibration import DRIFT_MIN_REGRADES, calibration_of, tick_disagreements
from sessions.models import BlindRegrade, Review, ReviewCard, SelfGrade, Status
from tests.conftest import make_question, make_session, make_topic

URL = reverse("interviews:regrade")


def old_answer(
    owner,
    question,
    text: str = "ROC plots true positive rate against false positive rate.",
    grade=3,
    days=10,
    ticked=(),
    note="",
):
    at = timezone.now() - timedelta(days=days)
    session = make_session(owner, [question], started_at=at, answers={1: text}, status=Status.SUBMITTED)
    item = session.session_questions.get()
    points = [point.pk for point in item.key_points.all() if point.position in ticked]
    item.record_self_grade(grade, points, note, now=at + timedelta(minutes=20))
    return item


def test_the_page_shows_an_old_answer_without_its_grade_ticks_or_note(alice_client, user):
    item = old_answer(user, make_question(), grade=4, ticked=(1,), note="My private remark")
    html = alice_client.get(URL).content.decode()
    assert "ROC plots true positive rate against false positive rate." in html
    assert f'action="{reverse("interviews:save_regrade", args=[item.pk])}"' in html
    assert "My private remark" not in html
    assert " checked" not in html and "Excellent</strong>" not in html
    assert 'type="checkbox"' not in html


def test_answers_younger_than_a_week_are_not_offered(alice_client, user):
    old_answer(user, make_question(), days=3)
    assert "No old answer to re-grade" in alice_client.get(URL).content.decode()


def test_ungraded_empty_and_already_regraded_answers_are_not_offered(alice_client, user):
    make_session(
        user,
        [make_question(slug="ungraded")],
        started_at=timezone.now() - timedelta(days=9),
        answers={1: "x"},
        status=Status.SUBMITTED,
    )
    old_answer(user, make_question(slug="empty"), text="")
    done = old_answer(user, make_question(slug="done"))
    BlindRegrade.objects.create(session_question=done, first_grade=3, grade=3, regraded_at=timezone.now())
    assert "No old answer to re-grade" in alice_client.get(URL).content.decode()


def test_a_blind_grade_is_saved_beside_the_first_and_changes_nothing_else(alice_client, user):
    item = old_answer(user, make_question(), grade=4)
    card = ReviewCard.objects.get()
    response = alice_client.post(reverse("interviews:save_regrade", args=[item.pk]), {"grade": "2"}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "Re-graded Partial; you first graded it Excellent." in response.content.decode()
    regrade = BlindRegrade.objects.get()
    assert (regrade.first_grade, regrade.grade) == (4, 2)
    assert SelfGrade.objects.get().grade == 4
    assert Review.objects.count() == 1
    after = ReviewCard.objects.get()
    assert (after.due, after.stability) == (card.due, card.stability)


def test_a_second_post_for_the_same_answer_is_a_404_and_keeps_the_first(alice_client, user):
    item = old_answer(user, make_question())
    url = reverse("interviews:save_regrade", args=[item.pk])
    alice_client.post(url, {"grade": "2"})
    assert alice_client.post(url, {"grade": "4"}).status_code == 404
    assert BlindRegrade.objects.get().grade == 2


@pytest.mark.parametrize("bad", ["", "5", "0", "good"])
def test_a_bad_grade_stores_nothing_and_shows_the_answer_again(alice_client, user, bad):
    item = old_answer(user, make_question())
    response = alice_client.post(reverse("interviews:save_regrade", args=[item.pk]), {"grade": bad})
    assert response.status_code == 400
    assert "Choose a grade from 1 (Missed) to 4 (Excellent)." in response.content.decode()
    assert "ROC plots true positive rate" in response.content.decode()
    assert not BlindRegrade.objects.exists()


def test_another_users_answer_is_a_404(client, user, other_user):
    item = old_answer(user, make_question())
    client.force_login(other_user)
    assert client.post(reverse("interviews:save_regrade", args=[item.pk]), {"grade": "1"}).status_code == 404
    assert "ROC plots" not in client.get(URL).content.decode()
    assert not BlindRegrade.objects.exists()


@pytest.fixture
def regraded(user):
    """Statistics: first 4, 4, 3 then blind 2, 3, 3. SQL: first 2, 3 then blind 3, 3."""
    stats, sql = make_topic("statistics"), make_topic("sql")
    pairs = [(stats, 4, 2), (stats, 4, 3), (stats, 3, 3), (sql, 2, 3), (sql, 3, 3)]
    for n, (topic, first, blind) in enumerate(pairs):
        item = old_answer(user, make_question(slug=f"q{n}", topic=topic), grade=first)
        BlindRegrade.objects.create(session_question=item, first_grade=first, grade=blind, regraded_at=timezone.now())


def test_drift_is_shown_from_five_regrades_overall_and_per_topic(user, regraded, django_assert_num_queries):
    with django_assert_num_queries(1):
        calibration = calibration_of(user)
    overall = calibration.overall
    assert (overall.regrades, overall.mean_difference, overall.bias) == (5, pytest.approx(4 / 5), pytest.approx(2 / 5))
    assert overall.runs_high
    stats, sql = calibration.topics
    assert (stats.name, stats.mean_difference, stats.bias) == ("Statistics", 1.0, 1.0)
    assert (sql.name, sql.mean_difference, sql.bias) == ("Sql", 0.5, -0.5)


def test_fewer_than_five_regrades_show_no_drift(user):
    item = old_answer(user, make_question())
    BlindRegrade.objects.create(session_question=item, first_grade=3, grade=1, regraded_at=timezone.now())
    calibration = calibration_of(user)
    assert not calibration.shown and calibration.still_needed == DRIFT_MIN_REGRADES - 1


def test_the_page_and_the_dashboard_show_the_drift(alice_client, regraded):
    for html in (alice_client.get(URL).content.decode(), alice_client.get("/").content.decode()):
        assert "Over 5 blind re-grades your grades differ by <strong>0.8</strong> on average." in html
        assert "Your first grades run <strong>high</strong>, by 0.4" in html
        assert "<tr><td>Statistics</td><td>3</td><td>1.0</td><td>+1.0</td></tr>" in html


def test_the_dashboard_offers_a_regrade_when_an_old_answer_waits(alice_client, user):
    old_answer(user, make_question())
    html = alice_client.get("/").content.decode()
    assert f'href="{URL}">Re-grade an old answer</a>' in html
    assert "After 5 more blind re-grades" in html


def test_ticks_and_hints_disagree_per_topic(user):
    question = make_question()
    # Point 1 is in the answer's words and ticked (agree); point 3 ticked without its words;
    # point 2 neither (agree).
    old_answer(user, question, text="ROC plots true positive rate against false positive rate.", ticked=(1, 3))
    [row] = tick_disagreements(user)
    assert (row.topic, row.key_points, row.ticked_not_hinted, row.hinted_not_ticked) == ("Model evaluation", 3, 1, 0)
