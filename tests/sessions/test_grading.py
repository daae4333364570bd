"""Saving the ticks, grade and note of one question, and the session's score."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sessions.models import SelfGrade, SessionKeyPoint, Status
from sessions.scores import TopicScore as TopicResult
from sessions.scores import session_result
from tests.conftest import make_question, make_session, make_topic

HTMX = {"HX-Request": "true"}


def grade_url(session, position: int = 1) -> str:
    return reverse("interviews:grade", args=[session.pk, position])


@pytest.fixture
def finished(user):
    return make_session(user, answers={1: "An answer", 2: "Another"}, status=Status.SUBMITTED)


def point_ids(session, position: int = 1) -> list[int]:
    return list(session.session_questions.get(position=position).key_points.values_list("pk", flat=True))


def test_a_plain_post_saves_and_goes_back_to_the_question(alice_client, finished):
    first, _, third = point_ids(finished)
    response = alice_client.post(grade_url(finished), {"covered": [first, third], "grade": "3", "note": "Say AUC."})
    assert response.status_code == 302
    assert response.url == reverse("interviews:review", args=[finished.pk]) + "?saved=1#question-1"
    grade = SelfGrade.objects.get(session_question__session=finished, session_question__position=1)
    assert (grade.grade, grade.note, grade.graded_at) == (3, "Say AUC.", grade.updated_at)
    covered = SessionKeyPoint.objects.filter(session_question__session=finished, covered=True)
    assert set(covered.values_list("pk", flat=True)) == {first, third}


def test_the_page_after_a_plain_save_says_saved_on_that_question(alice_client, finished):
    alice_client.post(grade_url(finished), {"grade": "2"})
    html = alice_client.get(reverse("interviews:review", args=[finished.pk]) + "?saved=1").content.decode()
    assert "✓ Saved: Partial" in html


def test_htmx_gets_the_question_panel_and_the_progress_out_of_band(alice_client, finished):
    response = alice_client.post(grade_url(finished), {"grade": "4"}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="grading-1"' in html and 'id="grading-2"' not in html
    assert "✓ Saved: Excellent" in html
    assert 'id="review-progress" class="review-progress" hx-swap-oob="true"' in html
    assert "1 of 3 graded" in html
    assert 'id="review-result"' in html


def test_unticking_a_point_saves_it_as_not_covered(alice_client, finished):
    first, second, _ = point_ids(finished)
    alice_client.post(grade_url(finished), {"covered": [first, second], "grade": "3"})
    alice_client.post(grade_url(finished), {"covered": [second], "grade": "3"}, headers=HTMX)
    assert list(SessionKeyPoint.objects.filter(covered=True).values_list("pk", flat=True)) == [second]


def test_ticks_alone_save_before_any_grade(alice_client, finished):
    first = point_ids(finished)[0]
    response = alice_client.post(grade_url(finished), {"covered": [first]}, headers=HTMX)
    assert response.status_code == 200
    assert SessionKeyPoint.objects.get(pk=first).covered
    assert not SelfGrade.objects.exists()
    assert "✓ Saved · not graded yet" in response.content.decode()


def test_a_later_change_keeps_the_first_grading_time(alice_client, finished):
    first_time = timezone.now() - timedelta(days=2)
    item = finished.session_questions.get(position=1)
    item.record_self_grade(2, [], "old", now=first_time)
    alice_client.post(grade_url(finished), {"grade": "4", "note": "better"}, headers=HTMX)
    grade = SelfGrade.objects.get()
    assert (grade.grade, grade.note, grade.graded_at) == (4, "better", first_time)
    assert grade.updated_at > first_time
    assert grade.was_changed


def test_saving_the_same_grade_again_does_not_count_as_a_change(finished):
    item = finished.session_questions.get(position=1)
    at = timezone.now() - timedelta(hours=1)
    item.record_self_grade(3, [], "note", now=at)
    item.record_self_grade(3, [], "note")
    assert SelfGrade.objects.get().updated_at == at


def test_a_missing_grade_keeps_the_current_one(alice_client, finished):
    alice_client.post(grade_url(finished), {"grade": "3"})
    alice_client.post(grade_url(finished), {"note": "only a note"})
    grade = SelfGrade.objects.get()
    assert (grade.grade, grade.note) == (3, "only a note")


@pytest.mark.parametrize("bad", ["0", "5", "x", "3.5", "-1"])
def test_a_grade_outside_one_to_four_is_refused_and_nothing_written(alice_client, finished, bad):
    first = point_ids(finished)[0]
    response = alice_client.post(grade_url(finished), {"covered": [first], "grade": bad, "note": "Keep me"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a grade from 1 (Missed) to 4 (Excellent)." in html
    assert "Keep me</textarea>" in html
    assert not SelfGrade.objects.exists()
    assert not SessionKeyPoint.objects.filter(covered=True).exists()


def test_a_refused_grade_over_htmx_shows_the_message_in_the_panel(alice_client, finished):
    response = alice_client.post(grade_url(finished), {"grade": "9", "note": "Keep me"}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "Not saved: Choose a grade from 1 (Missed) to 4 (Excellent)." in html
    assert "Keep me</textarea>" in html
    assert not SelfGrade.objects.exists()


def test_a_key_point_of_another_question_is_refused_and_nothing_written(alice_client, finished):
    own = point_ids(finished, 1)[0]
    foreign = point_ids(finished, 2)[0]
    response = alice_client.post(grade_url(finished), {"covered": [own, foreign], "grade": "3", "note": "Mine"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "That key point is not part of this question." in html
    assert "Mine</textarea>" in html
    assert not SelfGrade.objects.exists()
    assert not SessionKeyPoint.objects.filter(covered=True).exists()


def test_a_key_point_id_that_is_not_a_number_is_refused(alice_client, finished):
    response = alice_client.post(grade_url(finished), {"covered": ["abc"], "grade": "3"}, headers=HTMX)
    assert "That key point is not part of this question." in response.content.decode()
    assert not SelfGrade.objects.exists()


@pytest.mark.parametrize("huge", ["99999999999999999999", "9223372036854775808", "1234567890123456789"])
def test_a_key_point_id_too_large_for_the_database_is_refused_not_an_error(alice_client, finished, huge):
    response = alice_client.post(grade_url(finished), {"covered": [huge], "grade": "3", "note": "Mine"})
    assert response.status_code == 400
    assert response.context["cards"][0].form.has_error("covered", "invalid_choice")
    html = response.content.decode()
    assert "That key point is not part of this question." in html
    assert "Mine</textarea>" in html
    assert not SelfGrade.objects.exists()


def test_a_note_before_any_grade_is_kept_in_the_form_while_the_ticks_save(alice_client, finished):
    first = point_ids(finished)[0]
    response = alice_client.post(
        grade_url(finished), {"covered": [first], "note": "Next time: mention AUC"}, headers=HTMX
    )
    html = response.content.decode()
    assert "Choose a grade to save the note too." in html
    assert "Next time: mention AUC</textarea>" in html
    assert SessionKeyPoint.objects.get(pk=first).covered
    assert not SelfGrade.objects.exists()


def test_a_plain_post_of_a_note_before_any_grade_shows_the_page_again_with_the_note(alice_client, finished):
    response = alice_client.post(grade_url(finished), {"note": "Next time: mention AUC"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert "Next time: mention AUC</textarea>" in html
    assert "Choose a grade to save the note too." in html


def test_the_note_typed_before_the_grade_is_saved_with_it(alice_client, finished):
    alice_client.post(grade_url(finished), {"note": "Say AUC"}, headers=HTMX)
    alice_client.post(grade_url(finished), {"note": "Say AUC", "grade": "2"}, headers=HTMX)
    assert (SelfGrade.objects.get().grade, SelfGrade.objects.get().note) == (2, "Say AUC")


def test_a_note_is_escaped_when_shown_again(alice_client, finished):
    alice_client.post(grade_url(finished), {"grade": "1", "note": "<script>alert(1)</script>"})
    html = alice_client.get(reverse("interviews:review", args=[finished.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in html


def test_it_rejects_get(alice_client, finished):
    assert alice_client.get(grade_url(finished)).status_code == 405


def test_it_is_a_404_for_another_users_session(client, finished, other_user):
    client.force_login(other_user)
    assert client.post(grade_url(finished), {"grade": "4"}).status_code == 404
    assert not SelfGrade.objects.exists()


def test_it_is_a_404_while_the_session_is_in_progress(alice_client, user):
    session = make_session(user, answers={1: "typing"})
    assert alice_client.post(grade_url(session), {"grade": "4"}).status_code == 404
    assert not SelfGrade.objects.exists()


def test_it_is_a_404_for_a_question_the_session_does_not_have(alice_client, finished):
    assert alice_client.post(grade_url(finished, 9), {"grade": "4"}).status_code == 404


def test_it_sends_an_anonymous_visitor_to_log_in(client, finished):
    response = client.post(grade_url(finished), {"grade": "4"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not SelfGrade.objects.exists()


# --- The session's result ---------------------------------------------------------------------


def test_the_result_of_a_partly_graded_session(finished):
    items = list(finished.session_questions.all())
    items[0].record_self_grade(4, [items[0].key_points.first().pk], "")
    result = session_result(finished)
    assert (result.graded_count, result.question_count) == (1, 3)
    assert result.needs_grading and not result.is_complete
    assert result.mean_grade == 4
    assert (result.key_points_covered, result.key_points_total, result.covered_percent) == (1, 9, 11)


def test_the_result_of_a_fully_graded_session_names_strongest_and_weakest_topics(user):
    stats, trees, sql = make_topic("stats", "Statistics"), make_topic("trees", "Trees"), make_topic("sql", "SQL")
    questions = [
        make_question(slug="q1", topic=stats),
        make_question(slug="q2", topic=stats),
        make_question(slug="q3", topic=trees),
        make_question(slug="q4", topic=sql),
    ]
    session = make_session(user, questions, status=Status.SUBMITTED)
    for item, grade in zip(session.session_questions.all(), [4, 3, 1, 2], strict=True):
        item.record_self_grade(grade, item.key_points.values_list("pk", flat=True)[: grade - 1], "")
    result = session_result(session)
    assert result.is_complete
    assert result.mean_grade == 2.5
    assert result.covered_percent == round(100 * (3 + 2 + 0 + 1) / 12)
    assert result.topics == (
        TopicResult("Trees", 1, 1.0),
        TopicResult("SQL", 1, 2.0),
        TopicResult("Statistics", 2, 3.5),
    )
    assert result.summary == "Strongest: Statistics (3.5 out of 4). Weakest: Trees (1.0 out of 4)."


def test_the_summary_of_a_single_topic_session(finished):
    for item in finished.session_questions.all():
        item.record_self_grade(3, [], "")
    assert session_result(finished).summary == "Every question was on Model evaluation: a mean of 3.0 out of 4."


def test_the_summary_when_topics_tie(user):
    questions = [
        make_question(slug="a", topic=make_topic("a", "A")),
        make_question(slug="b", topic=make_topic("b", "B")),
    ]
    session = make_session(user, questions, status=Status.SUBMITTED)
    for item in session.session_questions.all():
        item.record_self_grade(2, [], "")
    assert session_result(session).summary == "Even across topics: A and B all at 2.0 out of 4."


def test_the_score_follows_a_changed_grade(alice_client, finished):
    for position in (1, 2, 3):
        alice_client.post(grade_url(finished, position), {"grade": "2"})
    assert session_result(finished).mean_grade == 2
    response = alice_client.post(grade_url(finished, 3), {"grade": "4"}, headers=HTMX)
    assert session_result(finished).mean_grade == (2 + 2 + 4) / 3
    assert "Score <strong>2.7&thinsp;/&thinsp;4</strong>" in response.content.decode()


def test_an_ungraded_session_has_no_score(finished):
    result = session_result(finished)
    assert (result.graded_count, result.mean_grade, result.summary) == (0, None, "")
    assert result.covered_percent == 0
