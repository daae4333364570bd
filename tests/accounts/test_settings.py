from accounts.models import Profile


def test_it_changes_the_time_zone(alice_client, user):
    response = alice_client.post(
        "/accounts/settings/", {"time_zone": "Asia/Tokyo", "desired_retention": "0.9"}, follow=True
    )
    assert "Your settings are saved." in response.text
    assert Profile.objects.get(user=user).time_zone == "Asia/Tokyo"


def test_it_refuses_an_unknown_time_zone(alice_client, user):
    response = alice_client.post("/accounts/settings/", {"time_zone": "Nowhere/Else"})
    assert response.status_code == 200
    assert "Choose a time zone from the list" in response.text


def test_it_needs_log_in(client, db):
    assert client.get("/accounts/settings/").url == "/accounts/login/?next=/accounts/settings/"
