"""An htmx request from a browser whose log-in expired reloads the whole page at the log-in form."""

import pytest

HTMX = {"HX-Request": "true"}


@pytest.mark.parametrize("url", ["/interviews/history/?page=2", "/interviews/history/?status=submitted&topic=sql"])
def test_an_htmx_request_when_logged_out_gets_hx_redirect_to_log_in_with_next(client, db, url):
    response = client.get(url, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/accounts/login/?next=")
    assert "log in" not in response.content.decode().lower()


def test_a_public_page_is_untouched(client, db):
    response = client.get("/", headers=HTMX)
    assert response.status_code == 200
    assert "HX-Redirect" not in response


def test_a_plain_request_when_logged_out_is_still_redirected(client, db):
    response = client.get("/interviews/history/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/interviews/history/")


def test_a_logged_in_htmx_request_is_untouched(alice_client):
    response = alice_client.get("/interviews/history/", headers=HTMX)
    assert response.status_code == 200
    assert "HX-Redirect" not in response


def test_an_htmx_request_to_the_public_bank_gets_the_fragment_without_logging_in(client, db):
    response = client.get("/questions/?q=roc", headers=HTMX)
    assert response.status_code == 200
    assert "HX-Redirect" not in response
