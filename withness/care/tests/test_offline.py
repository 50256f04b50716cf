import json
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db


def test_the_manifest_lives_where_base_html_links_it(client):
    response = client.get("/manifest.webmanifest")

    assert reverse("care:manifest") == "/manifest.webmanifest"
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "withness"
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"


def test_the_manifest_icons_are_our_own_files_at_the_sizes_they_claim(client):
    manifest = json.loads(client.get("/manifest.webmanifest").content)

    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"any", "192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert icon["src"].startswith("/static/care/icons/")
        found = finders.find(icon["src"].removeprefix("/static/"))
        assert found, icon["src"]
        if icon["type"] == "image/png":
            width, height = (int(n) for n in icon["sizes"].split("x"))
            assert Image.open(found).size == (width, height)


def test_the_service_worker_is_served_from_the_root_as_javascript(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert '"/help-now/"' in body and '"/care/safety-plan/"' in body
    assert "http" not in body  # no other hosts, ever


def test_the_service_worker_only_answers_get(client):
    assert client.post("/sw.js").status_code == 405
    assert client.post("/manifest.webmanifest").status_code == 405


def test_help_now_and_the_plan_register_it_from_a_file_not_inline(client, owner_client):
    from django.test import Client

    for html in (
        Client().get(reverse("care:help_now")).content.decode(),
        owner_client.get(reverse("care:safety_plan")).content.decode(),
    ):
        assert '<script src="/static/care/offline.js" defer></script>' in html
        assert "<script>" not in html
    registration = Path(finders.find("care/offline.js")).read_text()
    assert 'register("/sw.js", { scope: "/" })' in registration


def test_the_policy_lets_the_worker_and_manifest_load_from_this_site_only(client):
    policy = client.get(reverse("care:help_now"))["Content-Security-Policy"]

    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy
