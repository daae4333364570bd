"""Our own error pages: in the product's look, with a way back, and no internals."""

from django.test import Client


def test_an_unknown_page_is_our_404_with_a_way_back(alice_client):
    response = alice_client.get("/no-such-page/")
    assert response.status_code == 404
    text = response.text
    assert "This page does not exist" in text and 'href="/"' in text
    assert "Traceback" not in text and "Page not found (404)" not in text


def test_another_users_session_is_the_same_404(alice_client, db):
    from tests.conftest import make_session, make_user

    theirs = make_session(make_user("bob"))
    response = alice_client.get(f"/interviews/{theirs.pk}/")
    assert response.status_code == 404
    assert "This page does not exist" in response.text


def test_a_post_without_its_csrf_token_gets_our_explanation(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/interviews/start/", {"question_count": 3, "minutes": 10})
    assert response.status_code == 403
    assert "That form had expired" in response.text
    assert "CSRF verification failed" not in response.text and "Reason given" not in response.text


def test_the_500_page_renders_without_a_request_context_or_the_database(rf):
    """Django's server_error view renders 500.html with no context: the page must need neither a
    user nor a query, so it still shows while the database is down (this test has no database
    access at all: any query would fail it)."""
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    text = response.content.decode()
    assert "Something went wrong on our side" in text and 'href="/"' in text
