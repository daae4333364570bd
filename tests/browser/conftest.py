"""Browser tests drive Debian's Chromium through pytest-playwright against pytest-django's
live server. Without Chromium they are skipped with one line saying why, unless
REQUIRE_BROWSER=1 (as in CI), where a missing browser is an error."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test's thread; Django refuses ORM calls from
# such a thread unless told that this is safe, which it is here (nothing else runs in it).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> str | None:
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if Path(path).is_file():
        return path
    return shutil.which("chromium")


CHROMIUM = find_chromium()


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath).replace(os.sep, "/")]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if CHROMIUM or not browser_items:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            "REQUIRE_BROWSER=1 but no Chromium was found at /usr/bin/chromium or CHROMIUM_PATH: "
            "install it with 'apt-get install chromium'."
        )
    skip = pytest.mark.skip(reason="no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)")
    for item in browser_items:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def plain_static_file_names(settings):
    """The live server serves static files from their source folders (staticfiles' finders),
    which know nothing of the hashed names that the manifest storage would put in pages."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def login(live_server, context):
    """Logs a user in through the real log-in form and returns the page."""

    def log_in(page, username: str, password: str):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return log_in
