from datetime import timedelta

from django.utils import timezone

from sessions.models import SelfGrade, Status
from tests.conftest import grade_all, make_history, make_question, make_session

URL = "/interviews/history/questions/roc-curve/"


def answered(owner, question, text: str, days_ago: int, status: str = Status.SUBMITTED):
    return make_session(
        owner, [question], started_at=timezone.now() - timedelta(days=days_ago), answers={1: text}, status=status
    )


def test_every_answer_to_the_question_newest_first_with_dates_and_grades(alice_client, user):
    question = make_question()
    old = answered(user, question, "My first, vague answer", days_ago=10)
    grade_all(old, grade=1)
    new = answered(user, question, "ROC plots TPR against FPR; AUC ranks", days_ago=1)
    grade_all(new, grade=4)
    SelfGrade.objects.filter(session_question__session=new).update(note="Much better")

    response = alice_client.get(URL)
    text = response.text
    assert response.status_code == 200
    assert "What is the ROC curve and when should you use it?" in text
    assert text.index("ROC plots TPR against FPR") < text.index("My first, vague answer")
    assert "Excellent" in text and "Missed" in text
    assert "Much better" in text
    assert timezone.localtime(old.started_at).strftime("%-d %b %Y") in text
    assert f'href="/interviews/history/{new.pk}/"' in text
    assert "Key points: 1 of 3 covered" in text
    assert "2 answers in finished sessions" in text


def test_only_finished_sessions_count(alice_client, user):
    question = make_question()
    answered(user, question, "Submitted, not graded", days_ago=1)
    answered(user, question, "Still typing", days_ago=0, status=Status.IN_PROGRESS)
    text = alice_client.get(URL).text
    assert "Still typing" not in text
    assert "Submitted, not graded" in text
    assert "Needs grading" in text


def test_a_new_user_has_not_answered_it_yet(alice_client):
    make_question()
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert "You have not answered this question yet" in response.text


def test_with_htmx_it_returns_only_the_list(alice_client, user):
    question = make_question()
    answered(user, question, "An answer", days_ago=1)
    response = alice_client.get(URL, headers={"HX-Request": "true"})
    assert response.text.lstrip().startswith('<div id="answer-history"')
    assert "<html" not in response.text
    assert "An answer" in response.text


def test_with_htmx_and_no_answers_it_returns_the_empty_state(alice_client):
    make_question()
    response = alice_client.get(URL, headers={"HX-Request": "true"})
    assert "<html" not in response.text
    assert "You have not answered this question yet" in response.text


def test_answers_to_other_questions_are_left_out(alice_client, user):
    make_question()
    other = make_question("bias-variance", prompt="Explain the bias-variance trade-off.")
    answered(user, other, "Bias and variance", days_ago=1)
    assert "Bias and variance" not in alice_client.get(URL).text


def test_another_users_answers_never_appear(alice_client, other_user):
    question = make_question()
    answered(other_user, question, "Bob's answer", days_ago=1)
    text = alice_client.get(URL).text
    assert "Bob's answer" not in text
    assert "You have not answered this question yet" in text


def test_an_unknown_question_is_not_found(alice_client):
    assert alice_client.get("/interviews/history/questions/no-such-question/").status_code == 404


def test_it_pages_long_histories_twenty_at_a_time(alice_client, user):
    question = make_question()
    make_history(user, 25, questions=[question])
    first = alice_client.get(URL)
    assert len(first.context["page"].object_list) == 20
    assert 'hx-get="/interviews/history/questions/roc-curve/?page=2"' in first.text
    second = alice_client.get(URL, {"page": 2}, headers={"HX-Request": "true"})
    assert len(second.context["page"].object_list) == 5


def test_it_requires_log_in(client, db):
    make_question()
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_it_rejects_post(alice_client):
    make_question()
    assert alice_client.post(URL).status_code == 405
