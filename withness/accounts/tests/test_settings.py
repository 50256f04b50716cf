from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from withness.accounts.models import Invite
from withness.accounts.templatetags import account_settings

pytestmark = pytest.mark.django_db

SETTINGS = reverse("accounts:settings")


def test_settings_sends_anonymous_visitors_to_login(client, owner):
    response = client.get(SETTINGS)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={SETTINGS}"


def test_settings_has_one_heading_labelled_fields_and_a_password_link(owner_client):
    html = owner_client.get(SETTINGS).content.decode()

    assert html.count("<h1") == 1
    assert '<label for="id_time_zone">' in html
    assert '<label for="id_country">' in html
    assert reverse("accounts:password_change") in html
    assert 'aria-current="page"' in html


def test_settings_saves_time_zone_and_country(owner_client, owner):
    response = owner_client.post(SETTINGS, {"time_zone": "Pacific/Auckland", "country": "nz"})

    assert response.url == SETTINGS
    owner.refresh_from_db()
    assert (owner.time_zone, owner.country) == ("Pacific/Auckland", "NZ")


def test_settings_rejects_an_unknown_time_zone_with_a_message_and_keeps_what_was_saved(
    owner_client, owner
):
    response = owner_client.post(SETTINGS, {"time_zone": "Atlantis/Capital", "country": "FR"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "We don’t know a time zone called “Atlantis/Capital”" in html
    assert 'id="id_time_zone_error"' in html
    owner.refresh_from_db()
    assert (owner.time_zone, owner.country) == ("Europe/London", "GB")


def test_settings_rejects_an_unknown_country_with_a_message(owner_client, owner):
    response = owner_client.post(SETTINGS, {"time_zone": "UTC", "country": "ZZ"})

    assert "Pick a country from the list" in response.content.decode()
    owner.refresh_from_db()
    assert owner.country == "GB"


def test_a_saved_zone_left_off_the_list_is_still_offered(owner_client, owner):
    owner.time_zone = "US/Pacific"
    owner.save()

    form = owner_client.get(SETTINGS).context["form"]

    assert form["time_zone"].value() == "US/Pacific"
    assert '<option value="US/Pacific" selected>' in str(form["time_zone"])


def test_settings_offers_the_device_time_zone_through_the_script(owner_client):
    html = owner_client.get(SETTINGS).content.decode()

    assert 'data-time-zone="offer"' in html
    assert "accounts/timezone.js" in html


@time_machine.travel(datetime(2026, 11, 23, 12, 0, tzinfo=UTC), tick=False)
def test_times_show_in_the_persons_own_time_zone(owner_client, owner):
    owner.time_zone = "Asia/Tokyo"
    owner.save()

    html = owner_client.get(SETTINGS).content.decode()

    assert "21:00, Monday 23 November" in html


@time_machine.travel(datetime(2026, 11, 23, 12, 0, tzinfo=UTC), tick=False)
def test_times_follow_a_newly_saved_time_zone(owner_client):
    owner_client.post(SETTINGS, {"time_zone": "America/New_York", "country": "US"})

    html = owner_client.get(SETTINGS).content.decode()

    assert "07:00, Monday 23 November" in html


def test_sections_from_other_areas_render_in_order_and_missing_ones_are_skipped(
    owner_client, settings, tmp_path, monkeypatch
):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "settings_section.html").write_text(
        '<section id="extra-section">for {{ user.username }} '
        '<input name="csrfmiddlewaretoken" value="{{ csrf_token }}"></section>'
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    sections = ["extra/settings_section.html", "nowhere/settings_section.html"]
    monkeypatch.setattr(
        account_settings, "SETTINGS_SECTIONS", [*sections, "care/settings_section.html"]
    )

    html = owner_client.get(SETTINGS).content.decode()

    assert "for robin" in html
    assert 'name="csrfmiddlewaretoken" value=""' not in html
    assert html.index('id="extra-section"') < html.index('id="help-now"')


def test_the_care_section_points_to_help_now(owner_client):
    html = owner_client.get(SETTINGS).content.decode()

    assert 'id="help-now"' in html
    assert reverse("care:help_now") in html


def who_can_join(html: str) -> str:
    return html[html.index('id="signup-heading"') : html.index("</section>", html.index("signup"))]


@pytest.mark.parametrize(
    ("mode", "plain"),
    [
        ("closed", "Nobody new can join: sign-up is off here, and there are no invite links."),
        ("open", "Anyone who can reach this withness can make their own account here"),
        ("invite", "People can make an account here with an invite link from you."),
    ],
)
def test_who_can_join_says_it_plainly_first_and_the_setting_last_in_small_print(
    owner_client, settings, mode, plain
):
    settings.SIGNUP = mode

    section = who_can_join(owner_client.get(SETTINGS).content.decode())

    admin_line = section.index('<p class="small muted">For whoever runs this withness:')
    assert section.index(plain) < admin_line
    assert section.index("WITHNESS_SIGNUP") > admin_line  # the setting's name only in that line
    assert "restart withness" in section[admin_line:]


def test_the_owner_sees_how_to_open_signup_when_it_is_closed(owner_client):
    html = owner_client.get(SETTINGS).content.decode()

    assert "<code>WITHNESS_SIGNUP=invite</code> and restart withness" in html


def test_people_other_than_the_owner_do_not_see_who_can_join(outsider_client, owner):
    html = outsider_client.get(SETTINGS).content.decode()

    assert "Who can join" not in html


def test_the_owner_makes_an_invite_link_to_copy(owner_client, owner, settings):
    settings.SIGNUP = "invite"

    response = owner_client.post(reverse("accounts:invite_create"), {"note": "for Sam"})

    assert response.url == f"{SETTINGS}#invites"
    invite = Invite.objects.get()
    assert invite.created_by == owner and invite.note == "for Sam"
    html = owner_client.get(SETTINGS).content.decode()
    assert f'value="http://testserver/account/signup/?code={invite.code}" readonly' in html


@time_machine.travel(datetime(2026, 11, 23, 12, 0, tzinfo=UTC), tick=False)
def test_invite_expiry_shows_in_the_owners_time_zone(owner_client, owner, settings):
    settings.SIGNUP = "invite"
    owner.time_zone = "Australia/Sydney"
    owner.save()
    Invite.objects.create(created_by=owner)

    html = owner_client.get(SETTINGS).content.decode()

    assert "7 December, 23:00" in html


def test_an_overlong_invite_note_is_refused_with_a_message(owner_client, settings):
    settings.SIGNUP = "invite"

    response = owner_client.post(reverse("accounts:invite_create"), {"note": "x" * 81}, follow=True)

    assert "80 characters or fewer" in response.content.decode()
    assert not Invite.objects.exists()


def test_the_owner_can_take_an_invite_back(owner_client, owner, settings):
    settings.SIGNUP = "invite"
    invite = Invite.objects.create(created_by=owner)

    owner_client.post(reverse("accounts:invite_revoke", args=[invite.pk]))

    assert not Invite.objects.exists()
    response = Client().get(f"{reverse('accounts:signup')}?code={invite.code}")
    assert "isn’t working" in response.content.decode()


def test_a_used_invite_stays_as_history(owner_client, owner, outsider, settings):
    invite = Invite.objects.create(created_by=owner, used_by=outsider)

    owner_client.post(reverse("accounts:invite_revoke", args=[invite.pk]))

    assert Invite.objects.filter(pk=invite.pk).exists()


def test_only_the_owner_can_make_invites(outsider_client, owner, settings):
    settings.SIGNUP = "invite"

    response = outsider_client.post(reverse("accounts:invite_create"))

    assert response.status_code == 404
    assert not Invite.objects.exists()


def test_nobody_else_can_take_back_the_owners_invite(outsider_client, owner):
    invite = Invite.objects.create(created_by=owner)

    response = outsider_client.post(reverse("accounts:invite_revoke", args=[invite.pk]))

    assert response.status_code == 404
    assert Invite.objects.filter(pk=invite.pk).exists()


def test_invite_actions_only_answer_post(owner_client):
    assert owner_client.get(reverse("accounts:invite_create")).status_code == 405


@pytest.mark.parametrize(
    "page", ["portability:import", "portability:imported", "portability:delete_account"]
)
def test_pages_reached_from_settings_keep_settings_marked_in_the_menu(owner_client, page):
    html = owner_client.get(reverse(page)).content.decode()

    assert f'<a href="{SETTINGS}" aria-current="page">Settings</a>' in html


def test_other_pages_mark_their_own_menu_item(owner_client):
    html = owner_client.get(reverse("journal:history")).content.decode()

    assert f'<a href="{SETTINGS}" aria-current="page">' not in html
    assert f'<a href="{reverse("journal:history")}" aria-current="page">History</a>' in html
