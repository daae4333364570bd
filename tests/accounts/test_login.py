from tests.conftest import PASSWORD


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
