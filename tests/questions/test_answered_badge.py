"""The bank says, to a logged-in user, which questions they answered, beside their last grade."""

from questions.models import Question
from sessions.models import Status
from tests.conftest import make_question, make_session, make_topic, make_user

URL = "/questions/"
BADGE = '<span class="badge badge-answered">'


def row_of(html: str, slug: str) -> str:
    return html.split(f'href="/questions/{slug}/"')[1].split('<li class="bank-item">')[0]


def test_a_question_answered_in_a_finished_session_is_marked_answered_beside_its_last_grade(alice_client, user):
    topic = make_topic("statistics", "Statistics")
    answered, graded, skipped = (make_question(slug=slug, topic=topic) for slug in ("answered", "graded", "skipped"))
    make_session(user, [answered, skipped], answers={1: "Some text"}, status=Status.SUBMITTED)
    later = make_session(user, [graded], answers={1: "More text"}, status=Status.EXPIRED)
    later.session_questions.get().record_self_grade(4, [], "")
    html = alice_client.get(URL).text
    assert BADGE in row_of(html, "answered") and "Not graded yet" in row_of(html, "answered")
    assert BADGE in row_of(html, "graded") and "Last grade: <strong>Excellent</strong>" in row_of(html, "graded")
    assert BADGE not in row_of(html, "skipped")


def test_an_answer_in_a_running_or_abandoned_session_or_another_user_s_does_not_count(alice_client, user):
    question = make_question(slug="roc-curve")
    make_session(make_user("bob"), [question], answers={1: "Bob's"}, status=Status.SUBMITTED)
    make_session(user, [question], answers={1: "Left"}, status=Status.ABANDONED)
    make_session(user, [question], answers={1: "Still typing"})
    assert BADGE not in alice_client.get(URL).text


def test_the_question_page_says_answered_too(alice_client, user):
    question = make_question(slug="roc-curve")
    make_session(user, [question], answers={1: "Text"}, status=Status.SUBMITTED)
    assert BADGE in alice_client.get(Question.objects.get().get_absolute_url()).text


def test_a_visitor_sees_neither_badge_nor_schedule(client, user):
    question = make_question(slug="roc-curve")
    make_session(user, [question], answers={1: "Text"}, status=Status.SUBMITTED)
    for url in (URL, question.get_absolute_url()):
        html = client.get(url).text
        assert BADGE not in html and "Not graded yet" not in html and "Practise now" not in html
