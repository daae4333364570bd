"""Log-in throttling (django-axes) and the rate limits on sign-up and password reset: a clear
429 page that keeps what was typed, and the limits reset as they should."""

import pytest
from django.contrib.auth.models import User
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def fail_login(client, username="alice", times=1):
    for _ in range(times):
        response = client.post("/accounts/login/", {"username": username, "password": "not-the-password"})
    return response


def test_five_wrong_passwords_pause_log_in_for_that_username_with_a_clear_429(client, user):
    assert fail_login(client, times=4).status_code == 200
    response = fail_login(client)
    assert response.status_code == 429
    assert "Too many failed log-ins for this account" in response.text
    assert "paused for 15 minutes" in response.text
    assert 'value="alice"' in response.text
    assert int(response["Retry-After"]) == 15 * 60


def test_the_right_password_is_refused_too_while_paused(client, user):
    fail_login(client, times=5)
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_is_per_username_so_another_account_still_logs_in(client, user):
    User.objects.create_user("bob", password=PASSWORD)
    fail_login(client, times=5)
    response = client.post("/accounts/login/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="bob").pk)


def test_a_successful_log_in_clears_the_failures(client, user):
    fail_login(client, times=4)
    assert client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 302
    client.post("/accounts/logout/")
    assert fail_login(client, times=4).status_code == 200


def test_the_pause_ends_after_the_cool_off(client, user, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt

    fail_login(client, times=5)
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 302


def signup_data(n):
    return {
        "username": f"newcomer{n}",
        "email": f"newcomer{n}@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }


def test_sign_ups_from_one_address_are_limited_per_hour_and_the_typed_fields_come_back(client, settings):
    settings.SIGNUP_LIMIT_PER_HOUR = 2
    for n in range(2):
        assert client.post("/accounts/signup/", signup_data(n)).status_code == 302
        client.post("/accounts/logout/")
    response = client.post("/accounts/signup/", signup_data(2))
    assert response.status_code == 429
    assert "Too many sign-ups from your network in the last hour" in response.text
    assert 'value="newcomer2"' in response.text
    assert 'value="newcomer2@example.com"' in response.text
    assert PASSWORD not in response.text
    assert 0 < int(response["Retry-After"]) <= 3600
    assert not User.objects.filter(username="newcomer2").exists()


def test_another_address_can_still_sign_up(client, settings):
    settings.SIGNUP_LIMIT_PER_HOUR = 1
    client.post("/accounts/signup/", signup_data(0))
    client.post("/accounts/logout/")
    assert client.post("/accounts/signup/", signup_data(1)).status_code == 429
    response = client.post("/accounts/signup/", signup_data(1), REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302


@pytest.mark.parametrize("behind_proxy, expected", [(False, 429), (True, 302)])
def test_the_address_comes_from_the_proxy_only_when_configured(client, settings, behind_proxy, expected):
    settings.SIGNUP_LIMIT_PER_HOUR = 1
    settings.BEHIND_PROXY = behind_proxy
    client.post("/accounts/signup/", signup_data(0), HTTP_X_FORWARDED_FOR="203.0.113.1")
    client.post("/accounts/logout/")
    response = client.post("/accounts/signup/", signup_data(1), HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.2")
    assert response.status_code == expected


def test_password_reset_mails_at_most_three_links_an_hour_to_one_address(client, user):
    user.email = "alice@example.com"
    user.save()
    for _ in range(3):
        assert client.post("/accounts/password/reset/", {"email": "alice@example.com"}).status_code == 302
    response = client.post("/accounts/password/reset/", {"email": "Alice@Example.com"})
    assert response.status_code == 429
    assert "Too many reset requests in the last hour" in response.text
    assert 'value="Alice@Example.com"' in response.text
    assert len(mail.outbox) == 3


def test_password_reset_requests_from_one_address_are_limited(client, settings):
    settings.PASSWORD_RESET_LIMIT_PER_HOUR = 2
    for n in range(2):
        assert client.post("/accounts/password/reset/", {"email": f"x{n}@example.com"}).status_code == 302
    assert client.post("/accounts/password/reset/", {"email": "x9@example.com"}).status_code == 429
