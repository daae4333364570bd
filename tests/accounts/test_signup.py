import pytest
from django.contrib.auth.models import User

from accounts.models import Profile
from tests.conftest import PASSWORD, make_user


def signup_data(**overrides) -> dict:
    data = {
        "username": "carol",
        "email": "carol@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "time_zone": "Europe/Paris",
    }
    return data | overrides


def test_it_shows_the_form(client, db):
    response = client.get("/accounts/signup/")
    assert response.status_code == 200
    assert "Create your account" in response.text


def test_it_creates_the_user_logs_them_in_and_keeps_their_time_zone(client, db):
    response = client.post("/accounts/signup/", signup_data(), follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Welcome, carol" in response.text
    user = User.objects.get(username="carol")
    assert response.context["user"] == user
    assert Profile.objects.get(user=user).time_zone == "Europe/Paris"


def test_it_accepts_no_email_and_an_unknown_time_zone(client, db):
    client.post("/accounts/signup/", signup_data(email="", time_zone="Mars/Olympus"))
    user = User.objects.get(username="carol")
    assert user.email == ""
    assert user.profile.time_zone == "UTC"


def test_it_rejects_a_taken_username_and_keeps_what_was_typed(client, db):
    make_user("carol")
    response = client.post("/accounts/signup/", signup_data())
    assert response.status_code == 200
    assert "That username is taken: try another." in response.text
    assert response.context["form"].has_error("username", "unique")
    assert 'value="carol@example.com"' in response.text
    assert User.objects.filter(username="carol").count() == 1


def test_it_rejects_a_weak_password(client, db):
    response = client.post("/accounts/signup/", signup_data(password1="12345678", password2="12345678"))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["password1"]
    assert {error.code for error in errors} >= {"password_too_common", "password_entirely_numeric"}
    assert "Too common: this password is on lists attackers try first." in response.text
    assert not User.objects.filter(username="carol").exists()


def test_it_rejects_passwords_that_differ(client, db):
    response = client.post("/accounts/signup/", signup_data(password2="another-password-99"))
    assert response.context["form"].errors.as_data()["password2"][0].code == "password_mismatch"


def test_it_sends_a_logged_in_user_home(alice_client):
    response = alice_client.get("/accounts/signup/")
    assert response.status_code == 302
    assert response.url == "/"


def test_it_goes_on_to_the_page_the_visitor_wanted(client, db):
    page = client.get("/accounts/signup/?next=/interviews/history/")
    assert '<input type="hidden" name="next" value="/interviews/history/">' in page.text
    response = client.post("/accounts/signup/", signup_data(next="/interviews/history/"))
    assert response.url == "/interviews/history/"


def test_it_never_sends_the_new_user_to_another_site(client, db):
    response = client.post("/accounts/signup/", signup_data(next="https://evil.example.com/"))
    assert response.url == "/"


@pytest.mark.parametrize("bad_next", ["history", "interviews:history", "//evil.example.com/", "javascript:alert(1)"])
def test_a_next_that_is_not_a_path_of_this_site_is_ignored(client, db, bad_next):
    response = client.post("/accounts/signup/", signup_data(next=bad_next))
    assert response.status_code == 302
    assert response.url == "/"


def test_a_logged_in_user_with_a_bare_word_next_goes_home_not_to_an_error(alice_client):
    response = alice_client.get("/accounts/signup/?next=history")
    assert (response.status_code, response.url) == (302, "/")


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/signup/",
        "/accounts/login/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/complete/",
    ],
)
def test_the_account_pages_refuse_other_methods(client, db, url):
    assert client.put(url).status_code == 405
    assert client.delete(url).status_code == 405


def test_settings_and_password_change_refuse_put(alice_client):
    for url in ("/accounts/settings/", "/accounts/password/change/", "/accounts/password/change/done/"):
        assert alice_client.put(url).status_code == 405, url


def test_it_shows_every_problem_at_once_each_next_to_its_field(client, db):
    make_user("carol")
    response = client.post(
        "/accounts/signup/", signup_data(email="not-an-email", password1="12345678", password2="123456789")
    )
    form = response.context["form"]
    assert form.has_error("username", "unique")
    assert form.has_error("email", "invalid")
    assert form.has_error("password1", "password_entirely_numeric")
    assert form.has_error("password2", "password_mismatch")
    # Each message sits in its field's group, after the label and before the input.
    text = response.text
    assert text.index('for="id_password1"') < text.index("Add a letter or a symbol") < text.index('id="id_password1"')


def test_its_copy_is_ours_not_djangos(client, db):
    response = client.post("/accounts/signup/", signup_data(username="", password1="", password2=""))
    text = response.text
    for djangos in ("Required. 150 characters", "This field is required", "Password confirmation", "Username:"):
        assert djangos not in text
    assert "Choose a username." in text and "Choose a password." in text


def test_one_welcome_after_sign_up(client, db):
    response = client.post("/accounts/signup/", signup_data(), follow=True)
    assert response.text.count("Welcome") == 1
