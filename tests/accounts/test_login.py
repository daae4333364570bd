from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session

from tests.conftest import PASSWORD, log_in_queries


def test_it_logs_in_and_redirects_to_next(client, user):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD, "next": "/questions/"})
    assert response.status_code == 302
    assert response.url == "/questions/"


def test_a_wrong_password_says_so_without_telling_which_field_and_keeps_the_username(client, user):
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong-password"})
    assert response.status_code == 200
    assert "That username and password do not match an account" in response.text
    assert 'value="alice"' in response.text
    assert "_auth_user_id" not in client.session


def test_an_unknown_username_gets_the_same_message(client, user):
    response = client.post("/accounts/login/", {"username": "nobody", "password": PASSWORD})
    assert "That username and password do not match an account" in response.text
    assert 'value="nobody"' in response.text


def test_logout_needs_post(alice_client):
    assert alice_client.get("/accounts/logout/").status_code == 405
    response = alice_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in alice_client.session


def test_it_never_redirects_to_another_site(client, user):
    for target in ("https://evil.example.com/", "//evil.example.com", "/\\evil.example.com"):
        response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD, "next": target})
        assert response.url == "/", target


def test_a_username_longer_than_any_account_gets_the_usual_message(client, user):
    response = client.post("/accounts/login/", {"username": "x" * 5000, "password": PASSWORD})
    assert response.status_code == 200
    assert "That username and password do not match an account" in response.text


def test_a_log_out_ends_the_log_in_for_a_stolen_copy_of_the_cookie(client, user):
    client.force_login(user)
    stolen = client.cookies["sessionid"].value
    assert client.get("/interviews/history/").status_code == 200
    client.post("/accounts/logout/")

    client.cookies["sessionid"] = stolen
    response = client.get("/interviews/history/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_log_out_by_another_app_server_ends_the_log_in_here(client, user):
    """Another gunicorn worker logs the session out: it deletes the session from the database and
    from its cache. Without a shared cache (REDIS_URL) this process's cache is not that worker's,
    so only the row goes; a session read from a per-process cache would stay logged in here."""
    client.force_login(user)
    key = client.cookies["sessionid"].value
    assert client.get("/interviews/history/").status_code == 200
    if settings.REDIS_URL:
        import_module(settings.SESSION_ENGINE).SessionStore(key).delete()
    else:
        Session.objects.filter(session_key=key).delete()

    response = client.get("/interviews/history/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_logged_in_page_reads_only_the_user_beyond_its_own_queries(client, user, django_assert_num_queries):
    """The floor under every page: the session (from the cache when there is a shared one), the
    user; never the profile, whose time zone the session keeps."""
    client.force_login(user)
    client.get("/accounts/settings/")  # The first request of a log-in reads the time zone.
    with django_assert_num_queries(log_in_queries() + 1):  # the settings page's own: the profile
        response = client.get("/accounts/settings/")
    assert response.status_code == 200
