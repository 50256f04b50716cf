import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HELP_NOW = reverse("care:help_now")


def main_of(response):
    html = response.content.decode()
    return html.split('<main id="main"')[1].split("</main>")[0]


def test_help_now_lives_at_its_own_address():
    assert HELP_NOW == "/help-now/"


def test_help_now_works_without_logging_in_and_before_setup(client):
    response = client.get(HELP_NOW)

    assert response.status_code == 200


def test_help_now_has_exactly_one_main_heading(client):
    assert client.get(HELP_NOW).content.decode().count("<h1") == 1


def test_help_now_says_first_that_withness_is_not_an_emergency_service(client):
    main = main_of(client.get(f"{HELP_NOW}?country=US"))

    first_section = main.split("</section>")[0]
    assert "not an emergency service" in first_section
    assert '<a class="emergency-number" href="tel:911">Call 911</a>' in first_section


def test_without_a_country_it_shows_the_directory_and_asks_which_country(client):
    main = main_of(client.get(HELP_NOW))

    assert "https://findahelpline.com" in main
    assert "Which country are you in?" in main
    assert '<select id="country" name="country">' in main
    assert "your local emergency number" in main
    assert 'class="emergency-number"' not in main


def test_the_country_chooser_works_without_javascript(client):
    main = main_of(client.get(HELP_NOW))

    assert f'<form method="get" action="{HELP_NOW}"' in main
    assert '<label for="country">' in main
    assert '<option value="NZ">New Zealand</option>' in main


def test_country_in_the_query_shows_its_lines_as_tel_and_sms_links(client):
    main = main_of(client.get(f"{HELP_NOW}?country=gb"))

    assert 'href="tel:999"' in main
    assert '<a class="button" href="tel:116123">Call 116 123</a>' in main
    assert 'href="sms:85258?body=SHOUT">Text SHOUT to 85258</a>' in main
    assert 'href="https://www.samaritans.org"' in main
    assert 'checked <time datetime="2026-11-23">23 November 2026</time>' in main
    assert "https://findahelpline.com" in main


def test_a_signed_in_person_sees_their_own_countrys_lines(owner_client, owner):
    owner.country = "AU"
    owner.save()

    main = main_of(owner_client.get(HELP_NOW))

    assert 'href="tel:000"' in main
    assert 'href="tel:131114"' in main
    assert "From the country in your settings." in main


def test_the_query_overrides_the_saved_country(owner_client):
    main = main_of(owner_client.get(f"{HELP_NOW}?country=NZ"))

    assert 'href="tel:111"' in main
    assert 'href="tel:1737"' in main
    assert 'href="tel:999"' not in main


def test_a_signed_in_person_without_a_country_is_asked_and_pointed_to_settings(owner_client, owner):
    owner.country = ""
    owner.save()

    main = main_of(owner_client.get(HELP_NOW))

    assert "Which country are you in?" in main
    assert reverse("accounts:settings") in main


def test_a_country_without_lines_falls_back_gracefully_with_a_message(client):
    response = client.get(f"{HELP_NOW}?country=PE")

    assert response.status_code == 200
    main = main_of(response)
    assert "We don’t have lines for Peru in withness yet." in main
    assert "https://findahelpline.com" in main
    assert "your local emergency number" in main


@pytest.mark.parametrize("junk", ["ZZ", "<script>alert(1)</script>", "x" * 5000, "%00", "🙂"])
def test_nonsense_in_the_query_gets_a_message_not_an_error(client, junk):
    response = client.get(HELP_NOW, {"country": junk})

    assert response.status_code == 200
    main = main_of(response)
    assert "We didn’t recognise that country." in main
    assert "<script>alert" not in main


def test_help_now_loads_nothing_from_other_hosts(client):
    html = client.get(f"{HELP_NOW}?country=US").content.decode()

    loaded = re.findall(r'<(?:script|link|img|iframe)\b[^>]*?\b(?:src|href)="([^"]*)"', html)
    assert loaded
    assert not [url for url in loaded if url.startswith(("http:", "https:", "//"))]
    assert "style=" not in html
    assert "<script>" not in html


def test_country_names_read_naturally_in_a_sentence(client):
    main = main_of(client.get(f"{HELP_NOW}?country=US"))

    assert "The emergency number in the United States." in main
    assert "People to call or text in the United States" in main
