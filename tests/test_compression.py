"""What goes over the wire compressed: pages and JSON by GZipMiddleware, static files by
whitenoise from the brotli and gzip files collectstatic writes beside each one."""

import gzip
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static


def test_a_page_is_gzipped_for_a_browser_that_accepts_it(alice_client):
    response = alice_client.get("/questions/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "Question bank" in gzip.decompress(response.content).decode()


def test_a_page_is_plain_for_a_client_that_does_not_ask(alice_client):
    response = alice_client.get("/questions/")
    assert not response.has_header("Content-Encoding")
    assert "Question bank" in response.text


def test_the_csrf_token_differs_in_every_compressed_response(alice_client):
    """BREACH guesses a secret from the compressed size over many responses: Django masks the
    CSRF token anew in each one, so no two responses hold the same bytes for it."""
    pages = [alice_client.get("/accounts/settings/", headers={"Accept-Encoding": "gzip"}) for _ in range(2)]
    tokens = [
        gzip.decompress(page.content).decode().split('name="csrfmiddlewaretoken" value="')[1][:64] for page in pages
    ]
    assert tokens[0] != tokens[1]


def test_collectstatic_writes_brotli_and_gzip_files_and_whitenoise_serves_brotli(client):
    url = static("css/app.css")
    stored = Path(settings.STATIC_ROOT) / url.removeprefix(settings.STATIC_URL)
    assert stored.with_name(stored.name + ".br").exists()
    assert stored.with_name(stored.name + ".gz").exists()
    response = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
