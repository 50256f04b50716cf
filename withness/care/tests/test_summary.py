import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from withness.care import services
from withness.care.models import ShareLink, ShareLinkView, TherapistSummary
from withness.care.questionnaires import WHO5
from withness.care.summary import Section, initials
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)

pytestmark = pytest.mark.django_db

NEW = reverse("care:summary_new")
ALL = [s.value for s in Section if s != Section.NOTES]  # the parts with their own tick box


def journal(owner):
    sam = PersonFactory(owner=owner, name="Samira Okafor")
    today = owner.today()
    now = timezone.now()
    for n in range(6):
        InteractionFactory(
            owner=owner, people=[sam], started_at=now - timedelta(days=n, hours=1),
            note="Walked by the canal with Samira" if n == 0 else "",
        )  # fmt: skip
        CheckInFactory(owner=owner, day=today - timedelta(days=n), pleasant=1.5, energy=5.5)
    SolitudeFactory(owner=owner, note="Slept all afternoon", chosen=False, restorative=False)
    services.questionnaire_answer(user=owner, questionnaire=WHO5, answers=[3, 3, 2, 4, 1])
    services.safety_plan_save(user=owner, settle_alone="Cold water on my face")
    return sam


def form_data(owner, **extra):
    today = owner.today()
    return {
        "start": (today - timedelta(days=13)).isoformat(),
        "end": today.isoformat(),
        "sections": ALL,
        **extra,
    }


def make(client, owner, **extra):
    response = client.post(NEW, form_data(owner, **extra))
    assert response.status_code == 302, response.content.decode()[:3000]
    return TherapistSummary.objects.for_user(owner).latest("pk")


def test_initials_never_show_the_whole_name():
    assert initials("Samira Okafor") == "S.O."
    assert initials("jo") == "J."


def test_a_preview_shows_each_chosen_section_with_people_as_initials(owner_client, owner):
    journal(owner)

    summary = make(owner_client, owner)
    html = owner_client.get(reverse("care:summary", args=[summary.pk])).content.decode()

    for section in ALL:
        assert Section(section).label in html
    assert Section.NOTES.label not in html  # no notes ticked, so no notes part
    assert "S.O." in html
    assert "Samira" not in html.split("<article")[1].split("</article>")[0]
    assert "tends to leave me more settled" in html
    assert "Cold water on my face" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert "<td>52</td>" in html
    assert html.count("<h1") == 1


def test_names_appear_only_when_chosen_and_labels_replace_initials(owner_client, owner):
    sam = journal(owner)

    labelled = make(owner_client, owner, **{f"label_{sam.pk}": "my friend"})
    named = make(owner_client, owner, show_names="on")

    assert "my friend" in str(labelled.snapshot) and "Samira" not in str(labelled.snapshot)
    assert "Samira Okafor" in str(named.snapshot)


def test_notes_are_included_only_when_picked_one_by_one(owner_client, owner):
    journal(owner)
    response = owner_client.get(NEW)
    assert "Walked by the canal with Samira" in response.content.decode()
    # By its words: the solitude note comes first when it fell on the day before.
    choices = response.context["form"].fields["notes"].choices
    key = next(key for key, label in choices if "canal" in label)

    summary = make(owner_client, owner, notes=[key])

    text = str(summary.snapshot)
    assert "Walked by the canal" in text
    assert "Slept all afternoon" not in text


def note_key(client, text):
    choices = client.get(NEW).context["form"].fields["notes"].choices
    return next(key for key, label in choices if text in label)


def test_ticking_a_note_is_what_includes_the_notes_part(owner_client, owner):
    journal(owner)
    html = owner_client.get(NEW).content.decode()
    # No separate "Notes I picked" box that could sit unticked above a ticked note.
    assert Section.NOTES.label not in html
    assert "Only the notes you tick go in. Tick none, and the summary has no notes." in html

    summary = make(owner_client, owner, sections=[], notes=[note_key(owner_client, "canal")])

    assert [s["key"] for s in summary.snapshot["sections"]] == ["notes"]
    assert "Walked by the canal" in str(summary.snapshot)


def test_how_people_are_shown_is_explained_before_the_full_names_choice(owner_client, owner):
    journal(owner)
    html = owner_client.get(NEW).content.decode()

    explained = html.index("Each person appears as their initials, or a label you write here")
    assert explained < html.index("Label for Samira Okafor") < html.index("full names instead")


def test_showing_the_notes_for_new_dates_keeps_every_other_choice(owner_client, owner):
    sam = journal(owner)
    # "Show people and notes for these dates" sends the whole form by POST, as "refresh".
    data = form_data(owner, sections=["states"], show_names="on", **{f"label_{sam.pk}": "Sis"})

    response = owner_client.post(NEW, {**data, "refresh": "1"})

    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound  # nothing checked: no error for a choice not made yet
    assert form["sections"].value() == ["states"]  # the safety plan stays unticked
    assert form["show_names"].value() is True
    assert form[f"label_{sam.pk}"].value() == "Sis"
    assert not TherapistSummary.objects.filter(owner=owner).exists()


def test_labels_never_go_into_the_address(owner_client, owner):
    journal(owner)
    html = owner_client.get(NEW).content.decode()

    assert 'method="post"' in html and 'formmethod="get"' not in html
    assert '<button type="submit" name="refresh"' in html


def test_dates_moved_to_ones_a_summary_can_cover_are_said_so(owner_client, owner):
    today = owner.today()
    data = form_data(owner, start=(today - timedelta(days=800)).isoformat(), refresh="1")

    response = owner_client.post(NEW, data)

    first = today - timedelta(days=365)
    said = f"A summary covers up to a year, so it now starts on {first.day} {first:%b %Y}."
    assert said in response.content.decode()
    assert response.context["form"].initial["start"] == first


def test_dates_a_summary_can_cover_as_asked_come_back_without_a_word(owner_client, owner):
    response = owner_client.post(NEW, form_data(owner, refresh="1"))

    assert 'class="message' not in response.content.decode()


def test_only_the_chosen_sections_are_included(owner_client, owner):
    journal(owner)

    summary = make(owner_client, owner, sections=["questionnaires"])

    assert [s["key"] for s in summary.snapshot["sections"]] == ["questionnaires"]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"sections": []}, "Choose at least one part to include, or a note."),
        ({"start": "2026-13-01"}, "Give the first day as year-month-day"),
        ({"end": "2999-01-01"}, "The last day can be today at the latest."),
        ({"end": "9999-12-31"}, "The last day can be today at the latest."),
        ({"start": "0001-01-01", "end": "0001-01-05"}, "Choose a first day in 1900 or later."),
        ({"start": "2020-01-01"}, "A summary can cover up to a year."),
        ({"notes": ["interaction-999999"]}, "That note is not in these dates."),
    ],
)
def test_bad_inputs_get_clear_messages(owner_client, owner, change, message):
    data = form_data(owner)
    data.update(change)

    response = owner_client.post(NEW, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not TherapistSummary.objects.filter(owner=owner).exists()


@pytest.mark.parametrize(
    "dates",
    [
        {"start": "2026-01-01", "end": "9999-12-31"},
        {"start": "9999-12-31"},
        {"start": "0001-01-01", "end": "0001-01-05"},
        {"start": "0001-01-01"},
    ],
)
def test_dates_at_the_ends_of_the_calendar_show_the_form_again(owner_client, owner, dates):
    owner.time_zone = "Asia/Tokyo"  # east of UTC: the first days of year 1 have no UTC time
    owner.save()

    response = owner_client.get(NEW, dates)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["start"] <= form.initial["end"] <= owner.today()


def test_end_before_start_is_explained(owner_client, owner):
    today = owner.today()
    data = form_data(owner, start=today.isoformat(), end=(today - timedelta(days=3)).isoformat())

    response = owner_client.post(NEW, data)

    assert "The last day comes before the first." in response.content.decode()


def test_the_pdf_has_the_sections_and_the_charts(owner_client, owner):
    journal(owner)
    summary = make(owner_client, owner)

    response = owner_client.get(reverse("care:summary_pdf", args=[summary.pk]))

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "A summary from my withness journal" in text
    assert "States over time" in text
    assert "S.O." in text and "Samira" not in text
    assert "Cold water on my face" in text
    assert sum(len(page.images) for page in reader.pages) >= 2  # states and WHO-5 charts


def test_another_users_summary_is_404_everywhere(owner_client, owner, outsider_client):
    journal(owner)
    summary = make(owner_client, owner)
    link = services.share_link_create(user=owner, summary=summary, days=14)

    assert outsider_client.get(reverse("care:summary", args=[summary.pk])).status_code == 404
    assert outsider_client.get(reverse("care:summary_pdf", args=[summary.pk])).status_code == 404
    urls = [
        reverse("care:link_create", args=[summary.pk]),
        reverse("care:link_revoke", args=[summary.pk, link.pk]),
        reverse("care:summary_delete", args=[summary.pk]),
    ]
    for url in urls:
        assert outsider_client.post(url).status_code == 404
    link.refresh_from_db()
    assert link.is_open


def test_another_users_link_id_under_ones_own_summary_is_404(owner, outsider):
    mine = TherapistSummary.objects.create(owner=owner, start="2026-01-01", end="2026-01-02")
    theirs = TherapistSummary.objects.create(owner=outsider, start="2026-01-01", end="2026-01-02")
    their_link = services.share_link_create(user=outsider, summary=theirs, days=14)
    client = Client()
    client.force_login(owner)

    response = client.post(reverse("care:link_revoke", args=[mine.pk, their_link.pk]))

    assert response.status_code == 404
    their_link.refresh_from_db()
    assert their_link.revoked_at is None


def test_a_share_link_shows_the_snapshot_exactly_as_previewed_and_logs_each_view(
    owner_client, owner
):
    journal(owner)
    summary = make(owner_client, owner)
    preview = owner_client.get(reverse("care:summary", args=[summary.pk])).content.decode()
    owner_client.post(reverse("care:link_create", args=[summary.pk]), {"days": "14"})
    link = ShareLink.objects.get(summary=summary)
    assert link.expires_at - timezone.now() > timedelta(days=13, hours=23)

    # The journal changes after the preview; the shared page must not.
    CheckInFactory(owner=owner, day=owner.today() - timedelta(days=7), pleasant=-4, energy=1)
    stranger = Client(
        HTTP_USER_AGENT="Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
        "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
    )
    shared = stranger.get(reverse("care:shared", args=[link.token]))

    assert shared.status_code == 200
    assert shared["Cache-Control"] == "no-store"
    assert shared["Referrer-Policy"] == "no-referrer"
    body = shared.content.decode()
    article = lambda html: " ".join(html.split("<article")[1].split("</article>")[0].split())  # noqa: E731
    assert article(body) == article(preview)
    assert "site-nav" not in body and "csrfmiddlewaretoken" not in body
    view = ShareLinkView.objects.get(link=link)
    assert view.agent == "Safari on iPhone"
    assert view.owner == owner
    log = owner_client.get(reverse("care:summary", args=[summary.pk])).content.decode()
    assert "Opened 1 time" in log and "Safari on iPhone" in log


def test_a_revoked_link_answers_410_and_logs_nothing(owner_client, owner):
    summary = TherapistSummary.objects.create(
        owner=owner, start="2026-01-01", end="2026-01-02", snapshot={"title": "T", "sections": []}
    )
    link = services.share_link_create(user=owner, summary=summary, days=14)

    owner_client.post(reverse("care:link_revoke", args=[summary.pk, link.pk]))
    response = Client().get(reverse("care:shared", args=[link.token]))

    assert response.status_code == 410
    assert "This link no longer opens" in response.content.decode()
    assert not ShareLinkView.objects.filter(link=link).exists()


def test_an_expired_link_answers_410(owner):
    summary = TherapistSummary.objects.create(owner=owner, start="2026-01-01", end="2026-01-02")
    link = services.share_link_create(user=owner, summary=summary, days=1)
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert Client().get(reverse("care:shared", args=[link.token])).status_code == 410


def test_a_link_closes_when_the_host_switches_the_owners_account_off(owner):
    summary = TherapistSummary.objects.create(
        owner=owner, start="2026-01-01", end="2026-01-02", snapshot={"title": "T", "sections": []}
    )
    link = services.share_link_create(user=owner, summary=summary, days=14)
    assert Client().get(reverse("care:shared", args=[link.token])).status_code == 200
    owner.is_active = False
    owner.save()

    response = Client().get(reverse("care:shared", args=[link.token]))

    assert response.status_code == 410
    assert "This link no longer opens" in response.content.decode()
    assert ShareLinkView.objects.filter(link=link).count() == 1  # the open before, not this one


def test_deleting_the_summary_closes_its_links(owner_client, owner):
    summary = TherapistSummary.objects.create(owner=owner, start="2026-01-01", end="2026-01-02")
    link = services.share_link_create(user=owner, summary=summary, days=14)

    owner_client.post(reverse("care:summary_delete", args=[summary.pk]))

    assert Client().get(reverse("care:shared", args=[link.token])).status_code == 410


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 200])
def test_an_unknown_link_is_404(client, token):
    assert client.get(reverse("care:shared", args=[token])).status_code == 404


@pytest.mark.parametrize(
    "days, message", [("0", "at least one day"), ("91", "up to 90 days"), ("soon", "whole number")]
)
def test_link_days_out_of_range_get_a_message(owner_client, owner, days, message):
    summary = TherapistSummary.objects.create(owner=owner, start="2026-01-01", end="2026-01-02")

    response = owner_client.post(
        reverse("care:link_create", args=[summary.pk]), {"days": days}, follow=True
    )

    assert message in response.content.decode()
    assert not ShareLink.objects.filter(summary=summary).exists()


def test_link_tokens_are_long_and_unguessable(owner):
    summary = TherapistSummary.objects.create(owner=owner, start="2026-01-01", end="2026-01-02")
    tokens = {
        services.share_link_create(user=owner, summary=summary, days=1).token for _ in range(5)
    }

    assert len(tokens) == 5
    assert all(len(t) >= 43 for t in tokens)


@pytest.mark.parametrize(
    "agent, coarse",
    [
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0 Safari/537.36",
            "Chrome on Windows",
        ),
        (
            "Mozilla/5.0 (Android 14; Mobile; rv:120.0) Gecko/120.0 Firefox/120.0",
            "Firefox on Android",
        ),
        ("curl/8.0", "another browser"),
        ("", "another browser"),
    ],
)
def test_the_view_log_keeps_only_a_coarse_browser(agent, coarse):
    assert services.coarse_agent(agent) == coarse


def article_of(html: str) -> str:
    return html.split("<article")[1].split("</article>")[0]


def page_and_pdf(client, summary) -> tuple[str, str]:
    """The summary as its page shows it and as its PDF's text."""
    html = article_of(client.get(reverse("care:summary", args=[summary.pk])).content.decode())
    pdf = PdfReader(io.BytesIO(client.get(reverse("care:summary_pdf", args=[summary.pk])).content))
    return html, "\n".join(page.extract_text() for page in pdf.pages)


def test_characters_the_pdf_font_lacks_are_marked_not_dropped(owner_client, owner):
    note = "Tea with 奶奶 🌱🌱 and Ана, café after"
    summary = TherapistSummary.objects.create(
        owner=owner, start="2026-01-01", end="2026-01-02",
        snapshot={"title": "T", "sections": [{"title": "Notes", "entries": [note]}]},
    )  # fmt: skip

    html, text = page_and_pdf(owner_client, summary)

    assert note in html  # the page, and so its printout, shows every script
    assert " ".join(text.split()) == (
        "T Written by the person in their own journal. It describes their own entries; it is "
        "not a clinical assessment. Notes • Tea with [characters this PDF can’t show] and Ана, "
        "café after withness is a journal, not an emergency service. If you are in danger, "
        "call your local emergency number."
    )
    page = owner_client.get(reverse("care:summary", args=[summary.pk])).content.decode()
    assert "Printing this page shows it all." in page


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("Ana 👨\u200d👩\u200d👧 x", "Ana [?] x"),  # one family emoji, one marker
        ("你 好\n世界", "[?]\n[?]"),  # a run takes its spaces, not its line breaks
        ("Bo ❤️ 🌱", "Bo ❤️ [?]"),  # a heart the font has, a seedling it hasn't
        ("नमस्ते", "[?]"),  # the vowel sign at the end belongs to the run
        ("नमस्ते ji", "[?] ji"),  # and the space after it stands
    ],
)
def test_each_run_the_font_lacks_becomes_one_marker(typed, printed):
    from withness.care.pdf import MISSING, _regular_cmap, drawable

    assert drawable(typed, _regular_cmap()) == printed.replace("[?]", MISSING)


@pytest.mark.parametrize(
    "typed",
    [
        "Shabbat dinner, שלום",  # printed left to right by the PDF
        "Tea with سارة",  # and Arabic unjoined too
        "Coffee with 𝖲𝖺𝗆",  # in the regular font, but not in the bold of titles
    ],
)
def test_the_pdf_does_not_claim_to_match_the_page_for_writing_it_cannot_show_as_typed(typed):
    from withness.care.pdf import draws_all

    assert draws_all({"title": "T", "sections": [{"entries": [typed]}]}) is False
    assert draws_all({"title": "T", "sections": [{"entries": ["Café with Ана ❤️"]}]}) is True


def test_a_summary_the_pdf_can_draw_whole_has_no_word_about_scripts(owner_client, owner):
    summary = TherapistSummary.objects.create(
        owner=owner, start="2026-01-01", end="2026-01-02",
        snapshot={"title": "T", "sections": [{"entries": ["Café with Ана ❤️"]}]},
    )  # fmt: skip

    page = owner_client.get(reverse("care:summary", args=[summary.pk])).content.decode()

    assert "Printing this page shows it all." not in page


def test_the_safety_plan_shows_only_the_parts_written_in_it(owner_client, owner):
    journal(owner)  # a plan with one way to settle, and nothing else yet
    summary = make(owner_client, owner, sections=["safety_plan"])

    for shown in page_and_pdf(owner_client, summary):
        assert "What I can do on my own to settle" in shown
        assert "Cold water on my face" in shown
        assert "Warning signs I notice" not in shown
        assert "Nothing here yet" not in shown


def test_a_plan_not_written_yet_is_one_line(owner_client, owner):
    summary = make(owner_client, owner, sections=["safety_plan"])

    (section,) = summary.snapshot["sections"]
    assert section["paragraphs"] == ["No safety plan written yet."]
    assert "lists" not in section


def test_an_older_snapshot_with_empty_parts_leaves_them_out(owner_client, owner):
    lists = [{"title": "Warning signs I notice", "items": []}, {"title": "Calm", "items": ["Tea"]}]
    summary = TherapistSummary.objects.create(
        owner=owner, start="2026-01-01", end="2026-01-02",
        snapshot={"title": "T", "sections": [{"key": "safety_plan", "title": "P", "lists": lists}]},
    )  # fmt: skip

    for shown in page_and_pdf(owner_client, summary):
        assert "Tea" in shown
        assert "Warning signs" not in shown and "Nothing here yet" not in shown


def test_the_summary_speaks_in_the_first_person_in_plain_words(owner_client, owner):
    journal(owner)

    text = str(make(owner_client, owner).snapshot).lower()

    assert "we say" not in text
    assert "shares" not in text
    assert "i leave it unsaid" in text
