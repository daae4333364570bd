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


def exported_at(client) -> str:
    return client.get("/interviews/history/export.json").json()["exported_at"]


def test_a_new_time_zone_shows_on_the_very_next_page(alice_client, user):
    assert exported_at(alice_client).endswith("+00:00")
    alice_client.post("/accounts/settings/", {"time_zone": "Asia/Tokyo", "desired_retention": "0.9"})
    assert exported_at(alice_client).endswith("+09:00")


def test_the_time_zone_is_read_once_per_log_in_and_kept_in_the_session(client, user):
    Profile.objects.create(user=user, time_zone="Asia/Kolkata")
    client.force_login(user)
    assert exported_at(client).endswith("+05:30")
    assert client.session["time_zone"] == "Asia/Kolkata"
    # A change made elsewhere (another device, the admin) shows from the next log-in.
    Profile.objects.filter(user=user).update(time_zone="Asia/Tokyo")
    assert exported_at(client).endswith("+05:30")
    client.force_login(user)
    client.post("/accounts/logout/")
    client.force_login(user)
    assert exported_at(client).endswith("+09:00")
