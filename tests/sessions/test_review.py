"""The review page of a finished session."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from questions.models import KeyPoint
from sessions.evidence import bank_weights
from sessions.models import Answer, SelfGrade, Status
from tests.conftest import grade_all, log_in_queries, make_question, make_questions, make_session, make_topic


def review_url(session) -> str:
    return reverse("interviews:review", args=[session.pk])


def test_it_shows_each_answer_beside_the_rendered_model_answer(alice_client, user):
    session = make_session(user, answers={1: "First line\nsecond <b>line</b>"}, status=Status.SUBMITTED)
    response = alice_client.get(review_url(session))
    assert response.status_code == 200
    html = response.content.decode()
    assert "First line<br>second &lt;b&gt;line&lt;/b&gt;" in html
    assert "<b>line</b>" not in html
    assert html.count("No answer") == 2
    assert "<strong>true positive rate</strong>" in html
    assert html.count("Model answer") == 3


def test_it_shows_the_key_points_as_a_checklist_and_the_four_grades_with_their_meaning(alice_client, user):
    session = make_session(user, answers={1: "An answer"}, status=Status.SUBMITTED)
    item = session.session_questions.get(position=1)
    html = alice_client.get(review_url(session)).content.decode()
    for point in item.key_points.all():
        assert f'name="covered" value="{point.pk}"' in html
        assert point.text in html
    assert html.count('type="radio"') == 4 * 3
    for meaning in (
        "Wrong, or no answer.",
        "a gap an interviewer would probe",
        "The key points, clearly.",
        "trade-off",
    ):
        assert meaning in html
    assert 'name="note"' in html


def test_it_includes_the_math_and_review_scripts(alice_client, user):
    session = make_session(user, status=Status.SUBMITTED)
    html = alice_client.get(review_url(session)).content.decode()
    assert "js/math" in html and "vendor/katex/katex" in html and "js/review" in html


def test_it_shows_a_late_draft_apart_and_does_not_count_it(alice_client, user):
    session = make_session(user, answers={1: "On time"}, status=Status.EXPIRED)
    Answer.objects.filter(session_question__session=session, session_question__position=1).update(
        late_text="Too late <i>draft</i>"
    )
    html = alice_client.get(review_url(session)).content.decode()
    assert "Late draft, not counted" in html
    assert "Too late &lt;i&gt;draft&lt;/i&gt;" in html


def test_it_hints_key_points_whose_words_the_answer_uses_without_ticking_them(alice_client, user):
    question = make_question(
        slug="outliers",
        key_points=("Winsorizing caps extreme values at a percentile", "Robust models such as RANSAC or Theil-Sen"),
    )
    session = make_session(
        user,
        [question],
        answers={1: "We winsorize by capping the extremes at the 99th percentile."},
        status="submitted",
    )
    html = alice_client.get(review_url(session)).content.decode()
    assert html.count("possibly covered</span>") == 1
    assert " checked" not in html


def test_it_marks_the_words_that_fired_a_hint_in_the_escaped_answer_and_lists_them_under_the_point(alice_client, user):
    question = make_question(
        slug="regularization",
        prompt="What does regularization do to a linear model?",
        key_points=("Regularization shrinks the coefficients", "Cross-validation picks lambda"),
    )
    KeyPoint.objects.filter(question=question, position=1).update(aliases=["pulls the weights toward zero"])
    answer = (
        'It\'s <script>alert("x")</script> a penalty: we pull the weights closer to zero & "lambda" <b>is</b> tuned.'
    )
    session = make_session(user, [question], answers={1: answer}, status=Status.SUBMITTED)
    html = alice_client.get(review_url(session)).content.decode()

    assert "<script>alert" not in html and "<b>is</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&amp; &quot;lambda&quot; &lt;b&gt;is&lt;/b&gt; tuned." in html
    assert (
        '<mark class="hint-mark" title="Possibly key point 1: Regularization shrinks the coefficients" '
        'data-key-points="1">pull the weights closer to zero<sup class="hint-mark-ref">1</sup></mark>'
    ) in html
    # Without JavaScript, under the point: the words and the alias they match.
    assert '<q class="hint-quote">pull the weights closer to zero</q>' in html
    assert "(matches “pulls the weights toward zero”)" in html
    assert html.count("possibly covered</span>") == 1
    assert " checked" not in html


def test_an_answer_without_hints_has_no_marks(alice_client, user):
    session = make_session(user, answers={1: "Something else <i>entirely</i>"}, status=Status.SUBMITTED)
    html = alice_client.get(review_url(session)).content.decode()
    assert "<mark" not in html and "hint-quote" not in html
    assert "Something else &lt;i&gt;entirely&lt;/i&gt;" in html


def test_it_shows_the_time_spent_where_the_saves_tell_it(alice_client, user):
    session = make_session(user, answers={1: "One", 2: "Two"}, status=Status.SUBMITTED)
    first = Answer.objects.get(session_question__session=session, session_question__position=1)
    first.time_spent_seconds = 125
    first.save()
    second = Answer.objects.get(session_question__session=session, session_question__position=2)
    second.saved_at = second.first_saved_at + timedelta(seconds=40)
    second.save()
    html = alice_client.get(review_url(session)).content.decode()
    # Against the question's suggested 3 minutes.
    assert '<span class="review-time">2 min 05 s of 3 min</span>' in html
    assert '<span class="review-time">40 s of 3 min</span>' in html
    assert html.count(" of 3 min</span>") == 2


def test_an_answer_that_ran_over_its_suggested_time_says_so(alice_client, user):
    session = make_session(user, answers={1: "One"}, status=Status.SUBMITTED)
    Answer.objects.filter(session_question__session=session, session_question__position=1).update(
        time_spent_seconds=250
    )
    html = alice_client.get(review_url(session)).content.decode()
    assert '<span class="review-time pace-over">4 min 10 s of 3 min</span>' in html


def test_it_shows_progress_while_grading_is_partial(alice_client, user):
    session = make_session(user, answers={1: "One"}, status=Status.SUBMITTED)
    item = session.session_questions.get(position=1)
    item.record_self_grade(3, [], "")
    html = alice_client.get(review_url(session)).content.decode()
    assert "1 of 3 graded" in html
    assert "Your score" in html and "mean grade" not in html


def test_it_shows_the_score_and_a_summary_once_all_are_graded(alice_client, user):
    stats, trees = make_topic("statistics", "Statistics"), make_topic("trees", "Trees and ensembles")
    questions = [make_question(slug="a", topic=stats), make_question(slug="b", topic=trees)]
    session = make_session(user, questions, answers={1: "One", 2: "Two"}, status=Status.SUBMITTED)
    grade_all(session, grade=4)
    SelfGrade.objects.filter(session_question__position=2).update(grade=2)
    html = alice_client.get(review_url(session)).content.decode()
    assert "All 2 graded." in html
    assert "3.0<small>" in html
    assert "33% of key points covered (2 of 6)" in html
    assert "Strongest: Statistics (4.0 out of 4). Weakest: Trees and ensembles (2.0 out of 4)." in html


def test_it_sends_an_in_progress_session_back_to_the_interview_without_the_model_answer(alice_client, user):
    session = make_session(user, answers={1: "Still typing"})
    response = alice_client.get(review_url(session))
    assert response.status_code == 302
    assert response.url == reverse("interviews:interview", args=[session.pk])


def test_an_overdue_session_is_expired_and_shown_for_review(alice_client, user):
    session = make_session(user, answers={1: "Ran out of time"}, started_at=timezone.now() - timedelta(hours=1))
    response = alice_client.get(review_url(session))
    assert response.status_code == 200
    session.refresh_from_db()
    assert (session.status, session.finished_at) == (Status.EXPIRED, session.deadline)


def test_it_is_a_404_for_another_users_session(client, user, other_user):
    session = make_session(user, status=Status.SUBMITTED)
    client.force_login(other_user)
    assert client.get(review_url(session)).status_code == 404


def test_it_sends_an_anonymous_visitor_to_log_in(client, user):
    session = make_session(user, status=Status.SUBMITTED)
    response = client.get(review_url(session))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_rejects_post(alice_client, user):
    session = make_session(user, status=Status.SUBMITTED)
    assert alice_client.post(review_url(session)).status_code == 405


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.EXPIRED, Status.ABANDONED])
def test_every_finished_status_can_be_reviewed(alice_client, user, status):
    session = make_session(user, status=status)
    assert alice_client.get(review_url(session)).status_code == 200


def test_its_htmx_variant_is_the_same_page(alice_client, user):
    session = make_session(user, status=Status.SUBMITTED)
    response = alice_client.get(review_url(session), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" in response.content.decode()


def finished_session(user, question_count: int):
    questions = make_questions(question_count, topic=make_topic(f"topic-{question_count}"))
    session = make_session(user, questions, answers={1: "One", 2: "Two"}, status=Status.SUBMITTED)
    grade_all(session)
    return session


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_it_costs_a_bounded_number_of_queries(alice_client, user, django_assert_max_num_queries):
    session = finished_session(user, 3)
    alice_client.get(review_url(session))  # The first view also locks the answers.
    # Log-in, then the session with its score, its questions, their key points, the means per
    # topic; fully graded, the score's moment: the previous session on these topics and its
    # score, and the key points missed.
    with django_assert_max_num_queries(log_in_queries() + 4 + 3):
        response = alice_client.get(review_url(session))
    assert response.status_code == 200


def test_the_number_of_queries_does_not_grow_with_the_number_of_questions(alice_client, user):
    counts = []
    for question_count in (3, 20):
        url = review_url(finished_session(user, question_count))
        alice_client.get(url)  # Warm up: content types and other per-process caches; locks the answers.
        counts.append(count_queries(alice_client, url))
    assert counts[0] == counts[1]


def test_the_number_of_queries_does_not_grow_with_the_number_of_answers(alice_client, user):
    """The hints of every answer use the bank's weights, looked up once per page, not per answer."""
    counts = []
    for question_count in (3, 20):
        questions = make_questions(question_count, topic=make_topic(f"answered-{question_count}"))
        answers = {n: f"An answer about precision and recall, number {n}" for n in range(1, question_count + 1)}
        session = make_session(user, questions, answers=answers, status=Status.SUBMITTED)
        url = review_url(session)
        alice_client.get(url)  # Warm up; locks the answers.
        counts.append(count_queries(alice_client, url))
    assert counts[0] == counts[1]


def test_it_shows_the_headline_and_follow_ups_the_question_had_when_the_session_started(alice_client, user):
    from questions.models import Question

    question = make_question(slug="with-follow-ups")
    Question.objects.filter(pk=question.pk).update(headline="Lead with TPR against FPR.", follow_ups=["And PR curves?"])
    question.refresh_from_db()
    session = make_session(user, questions=[question], status=Status.SUBMITTED)
    # A later edit of the bank does not change what this attempt shows.
    Question.objects.filter(pk=question.pk).update(headline="Changed later.", follow_ups=["Changed later?"])
    for url in (review_url(session), reverse("interviews:session_detail", args=[session.pk])):
        text = alice_client.get(url).text
        assert "<strong>In short:</strong> Lead with TPR against FPR." in text
        assert "<li>And PR curves?</li>" in text
        assert "Changed later" not in text


def test_an_expired_session_says_in_a_sentence_what_expired_means(alice_client, user):
    session = make_session(user, answers={1: "A"}, status=Status.EXPIRED)
    text = alice_client.get(f"/interviews/{session.pk}/review/").text
    assert "Expired: the time ran out, so what you had saved by the deadline was submitted for you." in text


def test_the_bank_s_word_weights_are_counted_once_and_again_only_when_the_bank_changes(db):
    make_question(slug="weights-a")
    first = bank_weights()
    assert bank_weights() is first
    make_question(slug="weights-b", key_points=("Heteroscedasticity inflates the standard errors",))
    second = bank_weights()
    assert second is not first and second.documents == first.documents + 1
    assert second("heteroscedast") > second("posit")
