from html.parser import HTMLParser

import pytest


def test_the_landing_page_says_what_the_app_does(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Practise data-science interviews" in response.text
    assert 'href="/accounts/login/"' in response.text
    assert 'href="/accounts/signup/"' in response.text


@pytest.mark.parametrize("url", ["/interviews/start/", "/interviews/history/", "/accounts/settings/"])
def test_protected_pages_redirect_anonymous_visitors_to_log_in_with_next(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={url}"


def test_the_layout_has_navigation_user_name_and_log_out(alice_client):
    response = alice_client.get("/")
    for text in ("Practice", "Question bank", "History", "alice", "Log out"):
        assert text in response.text


class Scripts(HTMLParser):
    """The <script> elements of a page: their attributes and whether they have inline code."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.found.append({**dict(attrs), "code": ""})

    def handle_data(self, data):
        if self.found and self.lasttag == "script" and data.strip():
            self.found[-1]["code"] += data


@pytest.mark.parametrize(
    "url", ["/", "/questions/", "/interviews/start/", "/interviews/history/", "/accounts/settings/"]
)
def test_pages_have_no_inline_script_and_send_htmx_the_csrf_token(alice_client, url):
    response = alice_client.get(url)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert 'hx-headers=\'{"X-CSRFToken": "' in response.text
    scripts = Scripts(response.text).found
    assert any("/static/django_htmx/htmx-2.min" in script.get("src", "") for script in scripts)
    assert [script for script in scripts if not script.get("src") or script["code"]] == []
