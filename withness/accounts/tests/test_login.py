import pytest
from django.urls import reverse

from withness.accounts.forms import LoginForm
from withness.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")


def test_login_signs_the_person_in_and_goes_home(client, owner, password):
    response = client.post(LOGIN, {"username": "robin", "password": password})

    assert response.status_code == 302
    assert response.url == reverse("journal:home")
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_login_follows_next_within_the_site(client, owner, password):
    settings_url = reverse("accounts:settings")

    response = client.post(f"{LOGIN}?next={settings_url}", {
        "username": "robin", "password": password, "next": settings_url,
    })  # fmt: skip

    assert response.url == settings_url


def test_a_wrong_password_gets_a_plain_message(client, owner):
    response = client.post(LOGIN, {"username": "robin", "password": "nope"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "don’t match an account here" in html
    assert "_auth_user_id" not in client.session


def test_a_paused_sign_in_points_to_the_recovery_code_not_to_a_reset_by_the_operator(
    client, owner, password
):
    for _ in range(5):
        response = client.post(LOGIN, {"username": "robin", "password": "nope"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "paused for about 15 minutes" in html
    # A password set by whoever runs the instance can't open the journal's words; the code can.
    assert "set a new one for you" not in html
    assert f'href="{reverse("accounts:recover")}"' in html
    assert client.post(LOGIN, {"username": "robin", "password": password}).status_code == 429


def test_the_login_page_has_one_heading_and_labelled_inputs(client, owner):
    html = client.get(LOGIN).content.decode()

    assert html.count("<h1") == 1
    assert '<label for="id_username">' in html
    assert '<label for="id_password">' in html


def test_login_before_setup_goes_to_setup(client, db):
    assert client.get(LOGIN).url == reverse("accounts:setup")


@pytest.mark.parametrize(("mode", "linked"), [("open", True), ("invite", False), ("closed", False)])
def test_login_links_to_signup_only_when_anyone_can_sign_up(client, owner, settings, mode, linked):
    settings.SIGNUP = mode

    html = client.get(LOGIN).content.decode()

    assert (reverse("accounts:signup") in html) is linked


def test_logout_by_post_ends_the_session(owner_client):
    response = owner_client.post(LOGOUT)

    assert response.url == LOGIN
    assert "_auth_user_id" not in owner_client.session


def test_logout_by_get_asks_instead_of_logging_out(owner_client):
    response = owner_client.get(LOGOUT)

    assert response.status_code == 200
    assert 'action="/account/logout/"' in response.content.decode()
    assert "_auth_user_id" in owner_client.session


def test_settings_has_a_logout_button(owner_client):
    html = owner_client.get(reverse("accounts:settings")).content.decode()

    assert f'<form method="post" action="{LOGOUT}"' in html


def test_a_switched_off_account_hears_so_when_the_password_is_right_and_stays_signed_out(
    client, owner, password
):
    UserFactory(username="kit", is_active=False)

    response = client.post(LOGIN, {"username": "kit", "password": password})

    assert response.status_code == 200
    assert "This account is switched off" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_switched_off_account_with_a_wrong_password_looks_like_any_wrong_password(client, owner):
    UserFactory(username="kit", is_active=False)

    html = client.post(LOGIN, {"username": "kit", "password": "nope"}).content.decode()

    assert "don’t match an account here" in html
    assert "switched off" not in html


def test_a_right_password_on_a_switched_off_account_does_not_count_towards_the_pause(
    client, owner, password
):
    # The right password is not a guess: five of them in a row still hear why, not "paused".
    UserFactory(username="kit", is_active=False)

    for _ in range(6):
        response = client.post(LOGIN, {"username": "kit", "password": password})

    assert response.status_code == 200
    assert "This account is switched off" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_on_a_switched_off_account_still_pause_sign_in(client, owner, password):
    UserFactory(username="kit", is_active=False)

    for _ in range(5):
        client.post(LOGIN, {"username": "kit", "password": "nope"})
    response = client.post(LOGIN, {"username": "kit", "password": password})

    assert response.status_code == 429
    assert "switched off" not in response.content.decode()


@pytest.mark.parametrize(("paused", "told"), [(False, True), (True, False)])
def test_while_paused_a_switched_off_account_is_not_told_its_password_was_right(
    rf, owner, password, paused, told
):
    # The form itself, not the page: axes shows its own page while paused, but the form
    # must not lean on that to keep a right password from showing.
    UserFactory(username="kit", is_active=False)
    request = rf.post(LOGIN)
    request.axes_locked_out = paused

    form = LoginForm(request, data={"username": "kit", "password": password})

    assert not form.is_valid()
    assert ("switched off" in str(form.errors)) is told


def test_only_the_name_whose_password_proved_right_is_not_counted():
    from types import SimpleNamespace

    from withness.accounts.backends import is_not_a_guess

    marked = SimpleNamespace(switched_off="robin")
    assert is_not_a_guess(marked, {"username": "robin"})
    assert not is_not_a_guess(marked, {"username": "sam"})
    assert not is_not_a_guess(marked, None)
    assert not is_not_a_guess(SimpleNamespace(), {"username": "robin"})
