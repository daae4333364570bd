import re

from django.core import mail

from tests.conftest import PASSWORD, make_user


def test_password_change_needs_log_in(client, db):
    response = client.get("/accounts/password/change/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/accounts/password/change/"


def test_password_change_works(alice_client, user):
    new = "a-much-longer-new-secret-7"
    response = alice_client.post(
        "/accounts/password/change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_sends_a_link_that_works(client, db):
    make_user("dana", email="dana@example.com")
    response = client.post("/accounts/password/reset/", {"email": "dana@example.com"}, follow=True)
    assert "Check your email" in response.text
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert "Choose a new password" in page.text
    new = "brand-new-password-315"
    done = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "Your password is set" in done.text


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"}, follow=True)
    assert "Check your email" in response.text
    assert len(mail.outbox) == 0
