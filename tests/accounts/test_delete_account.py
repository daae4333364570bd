"""Deleting one's account: the password confirms it, everything the user wrote goes, nobody else's."""

from django.contrib.auth.models import User
from django.test import Client

from accounts.models import Profile
from sessions.models import Answer, InterviewSession, SelfGrade, SessionKeyPoint, SessionQuestion, Status
from tests.conftest import PASSWORD, make_questions, make_session, make_user

URL = "/accounts/delete/"


def test_the_page_explains_what_goes_and_offers_the_export_first(alice_client):
    text = alice_client.get(URL).text
    assert "cannot be undone" in text
    assert 'href="/interviews/history/export.csv"' in text and 'href="/interviews/history/export.json"' in text
    assert 'type="password"' in text


def test_the_settings_page_links_to_it(alice_client):
    assert f'href="{URL}"' in alice_client.get("/accounts/settings/").text


def test_the_right_password_deletes_the_user_their_sessions_answers_grades_and_notes(alice_client, user):
    questions = make_questions(3)
    session = make_session(user, questions, answers={1: "Mine"}, status=Status.SUBMITTED)
    session.session_questions.get(position=1).record_self_grade(3, [], "My note")
    other = make_session(make_user("bob"), questions, answers={1: "Bob's"}, status=Status.SUBMITTED)

    response = alice_client.post(URL, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Your account and everything you wrote in it are deleted." in response.text
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()
    assert list(InterviewSession.objects.all()) == [other]
    assert SessionQuestion.objects.filter(session=session).count() == 0
    assert not Answer.objects.filter(text="Mine").exists() and Answer.objects.filter(text="Bob's").exists()
    assert not SelfGrade.objects.exists()
    assert SessionKeyPoint.objects.filter(session_question__session=other).exists()
    # Logged out: the next page asks to log in.
    assert alice_client.get("/interviews/history/").status_code == 302


def test_a_wrong_password_deletes_nothing_and_says_so(alice_client, user):
    make_session(user)
    response = alice_client.post(URL, {"password": "not it"})
    assert response.status_code == 200
    assert "That is not your password. Your account is unchanged." in response.text
    assert User.objects.filter(pk=user.pk).exists() and InterviewSession.objects.count() == 1


def test_an_empty_password_is_refused(alice_client, user):
    response = alice_client.post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].has_error("password", "required")
    assert User.objects.filter(pk=user.pk).exists()


def test_it_needs_a_log_in_and_refuses_other_methods(alice_client, db):
    assert Client().get(URL).url.startswith("/accounts/login/")
    assert alice_client.put(URL).status_code == 405
