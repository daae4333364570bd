from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.conftest import PASSWORD, make_user


def test_a_visitor_signs_up_logs_out_and_logs_back_in(live_server, page):
    page.goto(live_server.url)
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Email (optional)").fill("erin@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Welcome, erin")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Create a free account")).to_be_visible()

    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="erin")).to_be_visible()


def test_an_anonymous_visitor_is_sent_to_log_in_and_then_back(live_server, page, db):
    make_user("frank")
    page.goto(f"{live_server.url}/interviews/history/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/interviews/history/")
    page.get_by_label("Username").fill("frank")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{live_server.url}/interviews/history/")
    expect(page.get_by_role("heading", name="History")).to_be_visible()


def test_a_wrong_password_is_refused_and_the_username_kept(live_server, page, db):
    make_user("gina")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("gina")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("That username and password do not match an account").first).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("gina")


def test_the_sign_up_form_takes_the_browser_time_zone(live_server, browser, db):
    context = browser.new_context(timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("hana")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Welcome, hana")).to_be_visible()
    assert User.objects.get(username="hana").profile.time_zone == "Asia/Tokyo"
    context.close()
