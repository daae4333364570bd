from datetime import timedelta

import pytest
from django.utils import timezone

from sessions.models import InterviewSession, Status
from sessions.services import SessionInProgress, begin_interview, draw_questions
from tests.conftest import make_question, make_questions, make_session, make_topic

URL = "/interviews/start/"


@pytest.fixture
def bank(db):
    """Twelve active questions over two topics, and one retired question."""
    stats, ml = make_topic("statistics", position=1), make_topic("machine-learning", position=2)
    questions = make_questions(6, topic=stats) + make_questions(6, topic=ml, difficulty="hard")
    make_question(slug="retired", topic=stats, is_active=False)
    return questions


def test_it_offers_the_three_presets_and_a_custom_form(alice_client, bank):
    response = alice_client.get(URL)
    assert response.status_code == 200
    for text in ("Quick", "3 questions · 10 min", "Standard", "5 questions · 25 min", "Full", "10 questions · 45 min"):
        assert text in response.text
    assert 'name="topics"' in response.text
    assert 'name="difficulty"' in response.text


def test_a_preset_starts_a_session_and_goes_to_the_interview(alice_client, user, bank):
    response = alice_client.post(URL, {"question_count": 3, "minutes": 10, "preset": "quick"})
    session = InterviewSession.objects.get(owner=user)
    assert response.status_code == 302
    assert response.url == f"/interviews/{session.pk}/"
    assert (session.format, session.question_count, session.status) == ("quick", 3, Status.IN_PROGRESS)
    assert session.deadline - session.started_at == timedelta(minutes=10)
    assert session.session_questions.count() == 3


def test_the_custom_form_draws_only_active_questions_of_the_chosen_topic_and_difficulty(alice_client, user, bank):
    ml = make_topic("machine-learning")
    response = alice_client.post(URL, {"question_count": 4, "minutes": 30, "topics": [ml.pk], "difficulty": "hard"})
    assert response.status_code == 302
    session = InterviewSession.objects.get(owner=user)
    assert session.format == "custom"
    assert {item.topic for item in session.session_questions.all()} == {ml}
    assert {item.difficulty for item in session.session_questions.all()} == {"hard"}
    assert list(session.topics.all()) == [ml]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("question_count", 0, "min_value"),
        ("question_count", 21, "max_value"),
        ("minutes", 0, "min_value"),
        ("minutes", 181, "max_value"),
        ("minutes", "ten", "invalid"),
    ],
)
def test_the_custom_form_refuses_numbers_out_of_range(alice_client, bank, field, value, code):
    data = {"question_count": 5, "minutes": 25, field: value}
    response = alice_client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].has_error(field, code)
    assert not InterviewSession.objects.exists()


@pytest.mark.parametrize("topic", ["99999999999999999999", "9223372036854775808", "1234567890123456789", "x"])
def test_a_topic_id_that_cannot_be_a_topic_is_refused_as_an_invalid_choice(alice_client, bank, topic):
    response = alice_client.post(URL, {"question_count": 3, "minutes": 10, "topics": [topic]})
    assert response.status_code == 200
    assert response.context["form"].has_error("topics", "invalid_choice")
    assert "Select a valid choice." in response.text
    assert not InterviewSession.objects.exists()


def test_too_few_matching_questions_are_said_and_the_number_available_offered(alice_client, bank):
    stats = make_topic("statistics")
    response = alice_client.post(URL, {"question_count": 8, "minutes": 20, "topics": [stats.pk]})
    assert response.status_code == 200
    assert response.context["form"].has_error("__all__", "too_few")
    assert "Only 6 of the 8 questions you asked for match" in response.text
    assert "Start with the 6 available" in response.text
    # The form keeps what was typed.
    assert 'value="8"' in response.text and 'value="20"' in response.text
    assert response.text.count(" checked") == 1
    assert not InterviewSession.objects.exists()


def test_accepting_fewer_starts_with_the_questions_available(alice_client, user, bank):
    stats = make_topic("statistics")
    data = {"question_count": 8, "minutes": 20, "topics": [stats.pk], "accept_fewer": "on"}
    assert alice_client.post(URL, data).status_code == 302
    assert InterviewSession.objects.get(owner=user).question_count == 6


def test_it_says_so_when_no_question_matches(alice_client, bank):
    stats = make_topic("statistics")
    response = alice_client.post(URL, {"question_count": 3, "minutes": 10, "topics": [stats.pk], "difficulty": "hard"})
    assert response.context["form"].has_error("__all__", "none_available")
    assert "Start with the" not in response.text


def test_questions_not_answered_recently_come_first(user, other_user, db):
    questions = make_questions(6)
    earlier = timezone.now() - timedelta(days=3)
    make_session(user, questions[:3], started_at=earlier, answers={1: "a", 2: "b", 3: "c"}, status=Status.SUBMITTED)
    # Another user's answers do not count, and neither do questions left blank.
    make_session(other_user, questions[3:5], answers={1: "x", 2: "y"}, status=Status.SUBMITTED)
    make_session(user, [questions[5]], started_at=earlier, status=Status.SUBMITTED)
    drawn = draw_questions(user)
    assert set(drawn[:3]) == set(questions[3:])
    assert set(drawn[3:]) == set(questions[:3])


def test_the_least_recently_answered_come_before_the_most_recent(user, db):
    questions = make_questions(2)
    now = timezone.now()
    make_session(user, [questions[0]], started_at=now - timedelta(days=9), answers={1: "a"}, status=Status.SUBMITTED)
    make_session(user, [questions[1]], started_at=now - timedelta(days=1), answers={1: "b"}, status=Status.SUBMITTED)
    assert draw_questions(user) == questions


def test_with_a_session_in_progress_it_offers_to_resume_it_or_abandon_it(alice_client, user, bank):
    running = make_session(user, bank[:3], minutes=10)
    response = alice_client.get(URL)
    assert "You have an interview in progress" in response.text
    assert f'href="/interviews/{running.pk}/">Resume it' in response.text
    assert f'href="/interviews/{running.pk}/?confirm=abandon">Abandon it' in response.text
    assert "Start the interview" not in response.text


def test_starting_another_while_one_runs_is_refused_with_the_same_offer(alice_client, user, bank):
    running = make_session(user, bank[:3], minutes=10)
    response = alice_client.post(URL, {"question_count": 3, "minutes": 10})
    assert response.status_code == 409
    assert "Finish it or abandon it before you start another" in response.text
    assert f"/interviews/{running.pk}/" in response.text
    assert InterviewSession.objects.filter(owner=user).count() == 1


def test_two_starts_racing_give_one_session_and_one_clear_refusal(user, bank):
    """What the database constraint backs: the second start of a race, after the view's check."""
    begin_interview(user, bank[:3], 10)
    with pytest.raises(SessionInProgress):
        begin_interview(user, bank[3:6], 10)
    assert InterviewSession.objects.filter(owner=user).count() == 1


def test_an_overdue_session_is_expired_and_does_not_block_a_new_start(alice_client, user, bank):
    old = make_session(user, bank[:3], minutes=10, started_at=timezone.now() - timedelta(minutes=30))
    assert alice_client.post(URL, {"question_count": 3, "minutes": 10}).status_code == 302
    old.refresh_from_db()
    assert (old.status, old.finished_at) == (Status.EXPIRED, old.deadline)


def test_another_users_session_in_progress_does_not_block_mine(alice_client, other_user, bank):
    make_session(other_user, bank[:3])
    assert alice_client.post(URL, {"question_count": 3, "minutes": 10}).status_code == 302


def test_it_rejects_other_methods(alice_client, bank):
    assert alice_client.put(URL).status_code == 405


def test_it_needs_log_in(client, db):
    assert client.get(URL).url == f"/accounts/login/?next={URL}"


def test_the_htmx_variant_is_the_same_page(alice_client, bank):
    response = alice_client.get(URL, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Start the interview" in response.text


def test_topics_in_the_address_are_ticked_on_the_form(alice_client):
    topic = make_topic("regularization", "Regularization")
    make_question("ridge", topic=topic)
    response = alice_client.get(f"/interviews/start/?topics={topic.pk}&topics=not-a-number")
    assert response.status_code == 200
    assert [str(value) for value in response.context["form"]["topics"].value()] == [str(topic.pk), "not-a-number"]
    assert response.text.count(" checked") == 1
    assert f'name="topics" value="{topic.pk}"' in response.text


@pytest.fixture
def loop_bank(db):
    """Enough questions for the product analytics screen, and one of each other topic."""
    topics = {slug: make_topic(slug, position=i) for i, slug in enumerate(("product-metrics", "ab-testing", "sql"))}
    topics["behavioural"] = make_topic("behavioural", position=4)
    for topic in topics.values():
        make_questions(2, topic=topic)
    return topics


def test_it_offers_the_screening_rounds_with_what_they_mix_and_how_long_they_take(alice_client, loop_bank):
    response = alice_client.get(URL)
    for text in ("Product analytics screen", "ML engineer screen", "Statistics screen", "5 questions · 40 min"):
        assert text in response.text
    assert "a SQL query and one behavioural question" in response.text


def test_a_screening_round_draws_its_mix_of_topics_in_order_and_its_time(alice_client, user, loop_bank):
    response = alice_client.post(URL, {"loop": "product-analytics"})
    assert response.status_code == 302
    session = InterviewSession.objects.get(owner=user)
    assert (session.format, session.question_count, session.format_label) == (
        "product-analytics",
        5,
        "Product analytics screen",
    )
    assert session.deadline - session.started_at == timedelta(minutes=40)
    asked = [item.topic.slug for item in session.session_questions.all()]
    assert asked == ["product-metrics", "product-metrics", "ab-testing", "sql", "behavioural"]


def test_a_screening_round_the_bank_cannot_fill_says_so_and_starts_nothing(alice_client, user, loop_bank):
    response = alice_client.post(URL, {"loop": "statistics"})
    assert response.status_code == 200
    assert "too few questions for the Statistics screen" in response.text
    assert not InterviewSession.objects.exists()


def test_an_unknown_screening_round_is_an_error_not_a_session(alice_client, user, loop_bank):
    response = alice_client.post(URL, {"loop": "astrology"})
    assert response.status_code == 200
    assert not InterviewSession.objects.exists()


def test_a_custom_session_with_a_presets_numbers_stays_custom(alice_client, user, bank):
    alice_client.post(URL, {"question_count": 3, "minutes": 10})
    session = InterviewSession.objects.get(owner=user)
    assert (session.format, session.format_label) == ("custom", "Custom")


def test_it_says_the_clock_starts_on_the_click(alice_client, bank):
    assert "The clock starts as soon as you click" in alice_client.get(URL).text
