import pytest
from django.urls import reverse

from withness.accounts import services
from withness.accounts.models import User

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:setup")


def account(**overrides):
    data = {
        "username": "robin",
        "password1": "quiet-harbour-42",
        "password2": "quiet-harbour-42",
        "time_zone": "Europe/Berlin",
        "country": "DE",
    }
    return data | overrides


def test_the_home_page_sends_a_new_instance_to_setup(client):
    response = client.get(reverse("journal:home"))

    assert response.status_code == 302
    assert response.url == SETUP


def test_setup_shows_one_heading_and_a_label_for_every_input(client):
    html = client.get(SETUP).content.decode()

    assert html.count("<h1") == 1
    for field in ("username", "password1", "password2", "time_zone", "country"):
        assert f'<label for="id_{field}">' in html


def test_setup_speaks_plainly_about_where_the_journal_is_kept(client):
    html = client.get(SETUP).content.decode()

    assert "Your journal is kept here, on this withness." in html
    assert "instance" not in html


def test_setup_defaults_the_time_zone_to_utc_and_lets_the_script_guess(client):
    response = client.get(SETUP)

    html = response.content.decode()
    assert response.context["form"]["time_zone"].value() == "UTC"
    assert 'data-time-zone="guess"' in html
    assert "accounts/timezone.js" in html


def test_setup_creates_the_owner_logs_them_in_and_goes_home(client, settings):
    settings.PASSWORD_HASHERS = settings.PASSWORD_HASHERS[1:]  # as outside tests: Argon2 first
    response = client.post(SETUP, account())

    assert response.status_code == 302
    assert response.url == reverse("accounts:recovery_code")
    owner = User.objects.get()
    assert owner.username == "robin"
    assert owner.is_superuser and owner.is_staff
    assert owner.time_zone == "Europe/Berlin"
    assert owner.country == "DE"
    assert owner.check_password("quiet-harbour-42")
    assert owner.password.startswith("argon2")
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_setup_happens_only_once(client):
    client.post(SETUP, account())
    client.logout()

    response = client.post(SETUP, account(username="someone-else"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert list(User.objects.values_list("username", flat=True)) == ["robin"]


def test_setup_redirects_to_login_once_an_owner_exists(client, owner):
    response = client.get(SETUP)

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")


def test_owner_create_checks_again_inside_its_transaction(owner):
    # As if another tab finished set-up between this tab's check and its submit.
    with pytest.raises(services.OwnerExists):
        services.owner_create(username="late", password="x-y-z-123", time_zone="UTC", country="")

    assert not User.objects.filter(username="late").exists()


def test_setup_rejects_a_common_password_next_to_the_password_field(client):
    response = client.post(SETUP, account(password1="password", password2="password"))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "This password is too common." in errors["password1"]
    assert "password2" not in errors
    html = response.content.decode()
    assert 'id="id_password1_error"' in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.exists()


def test_setup_rejects_a_short_numeric_password(client):
    response = client.post(SETUP, account(password1="12345", password2="12345"))

    errors = response.context["form"].errors["password1"]
    assert any("too short" in error for error in errors)
    assert any("entirely numeric" in error for error in errors)


def test_setup_says_when_the_two_passwords_differ(client):
    response = client.post(SETUP, account(password2="quiet-harbour-43"))

    assert response.context["form"].errors["password2"] == [
        "The two passwords don’t match. Type the same one in both boxes."
    ]
    assert not User.objects.exists()


def test_setup_rejects_an_unknown_time_zone_with_a_clear_message(client):
    response = client.post(SETUP, account(time_zone="Mars/Olympus_Mons"))

    [error] = response.context["form"].errors["time_zone"]
    assert "We don’t know a time zone called “Mars/Olympus_Mons”" in error
    assert not User.objects.exists()


def test_setup_rejects_an_unknown_country(client):
    response = client.post(SETUP, account(country="XX"))

    assert "country" in response.context["form"].errors
    assert not User.objects.exists()


def test_setup_accepts_no_country(client):
    client.post(SETUP, account(country=""))

    assert User.objects.get().country == ""


@pytest.mark.parametrize(
    "junk",
    [{}, {"username": ""}, {"username": "a" * 500}, {"time_zone": "x" * 5000}, {"country": "<b>"}],
)
def test_setup_never_errors_on_malformed_input(client, junk):
    response = client.post(SETUP, account(**junk) if junk else {})

    assert response.status_code == 200
    assert not User.objects.exists()


def test_after_a_mistake_elsewhere_it_says_why_the_password_boxes_are_empty(client):
    retype = "the password boxes are emptied after any mistake"
    assert retype not in client.get(SETUP).content.decode()
    response = client.post(SETUP, account(time_zone="Mars/Olympus_Mons"))
    html = response.content.decode()
    assert response.status_code == 200 and "time zone called" in html
    assert retype in html and 'name="password1"' in html
    assert 'value="quiet-harbour-42"' not in html
