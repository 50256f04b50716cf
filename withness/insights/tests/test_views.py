import re
from datetime import timedelta

import pytest
from django.urls import reverse

from withness.insights.models import InsightsSnapshot
from withness.insights.services import insights_for
from withness.people.models import Person
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)


def test_the_page_needs_a_signed_in_person(client):
    response = client.get(reverse("insights:index"))
    assert response.status_code == 302


def test_an_empty_journal_is_invited_not_scolded(owner_client):
    response = owner_client.get(reverse("insights:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Not enough yet" in html and "no rush" in html
    assert html.count("<h1") == 1


def test_below_four_entries_only_the_raw_entries_show(owner, owner_client):
    sam = PersonFactory(owner=owner, name="Sam")
    for _ in range(2):
        InteractionFactory(owner=owner, people=[sam])
    SolitudeFactory(owner=owner)
    html = owner_client.get(reverse("insights:index")).content.decode()
    assert "Not enough yet" in html and "3 entries" in html
    assert html.count('class="entry"') == 3
    assert "insights/charts" not in html and "tended to" not in html


def test_entries_without_a_pattern_say_no_clear_pattern_yet(owner, owner_client):
    sam = PersonFactory(owner=owner, name="Sam")
    for before, after in [(0, 0.5), (1, 0.5), (-1, -1), (0, 0), (2, 1.5), (-2, -1.5)]:
        InteractionFactory(owner=owner, people=[sam], before_pleasant=before, after_pleasant=after)
    html = owner_client.get(reverse("insights:index")).content.decode()
    assert "No clear pattern yet" in html
    assert "has tended to leave you" not in html
    assert "How they are worked out</summary>" in html


def test_the_demo_page_shows_cards_charts_and_tables(demo_user, client):
    client.force_login(demo_user)
    html = client.get(reverse("insights:index")).content.decode()
    assert html.count("<h1") == 1
    assert "In your log, time with Sam has tended to leave you more settled" in html
    assert "fairly sure" in html or "quite sure" in html or "very sure" in html
    sam = Person.objects.get(owner=demo_user, name="Sam")
    assert f"?person={sam.pk}&amp;kind=interaction" in html
    for name in ("forest", "balance", "isolation"):
        assert reverse("insights:chart", args=[name]) in html
    assert html.count("<table") == 3 and "is good for you" not in html
    assert "energy (a rougher measure)" in html
    for src in re.findall(r'<img src="([^"]+)"', html):
        response = client.get(src)
        assert response.status_code == 200, src
        assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content


def test_the_entries_behind_a_finding_are_exactly_its_entries(demo_user, client):
    client.force_login(demo_user)
    item = next(c for c in insights_for(demo_user).document["modes"] if c["name"] == "in_person")
    url = reverse("insights:entries", args=["modes", "in_person"])
    pages = client.get(url).context["page"].paginator
    assert pages.count == len(item["entry_ids"])
    shown = [
        entry.pk
        for number in pages.page_range
        for entry in client.get(f"{url}?page={number}").context["entries"]
    ]
    assert sorted(shown) == sorted(item["entry_ids"])


def test_a_chart_is_drawn_once_per_journal_state(demo_user, client):
    client.force_login(demo_user)
    url = reverse("insights:chart", args=["forest"])
    first = client.get(url).content
    assert client.get(url).content == first
    assert InsightsSnapshot.objects.get(owner=demo_user).charts.count() == 1


@pytest.fixture
def owner_urls(demo_user):
    sam = Person.objects.get(owner=demo_user, name="Sam")
    return [
        reverse("insights:entries", args=["people", sam.pk]),
        reverse("insights:effect_chart", args=["people", sam.pk]),
    ]


def test_an_outsider_gets_404_for_every_insights_url_with_the_owners_ids(
    owner_urls, demo_user, outsider_client, client
):
    client.force_login(demo_user)
    for url in owner_urls:
        assert client.get(url).status_code == 200, url
        assert outsider_client.get(url).status_code == 404, url


def test_an_outsiders_insights_never_include_the_owners_data(demo_user, outsider, outsider_client):
    html = outsider_client.get(reverse("insights:index")).content.decode()
    assert "Not enough yet" in html and "Sam" not in html and "Alex" not in html
    document = insights_for(outsider).document
    assert document["people"] == [] and document["counts"]["entries"] == 0
    response = outsider_client.get(reverse("insights:entries", args=["modes", "in_person"]))
    assert response.status_code == 404


def test_an_unknown_finding_or_chart_is_404(owner_client):
    assert owner_client.get(reverse("insights:chart", args=["pie"])).status_code == 404
    url = reverse("insights:entries", args=["wishes", "x"])
    assert owner_client.get(url).status_code == 404


def test_a_persons_page_section_shows_what_the_log_says(demo_user, client):
    from django.template import Context, Template

    sam = Person.objects.get(owner=demo_user, name="Sam")
    html = Template("{% load insights_tags %}{% person_insight person %}").render(
        Context({"person": sam})
    )
    assert "What your log shows" in html
    assert "In your log, time with Sam has tended to leave you more settled" in html
    assert f"?person={sam.pk}&amp;kind=interaction" in html
    assert reverse("insights:effect_chart", args=["people", sam.pk]) in html


def test_a_person_without_entries_gets_a_gentle_invitation(owner):
    from django.template import Context, Template

    new = PersonFactory(owner=owner, name="Robin")
    html = Template("{% load insights_tags %}{% person_insight person %}").render(
        Context({"person": new})
    )
    assert "Once you've logged some time with Robin" in html


def test_the_demo_page_explains_its_numbers_in_everyday_words(demo_user, client):
    client.force_login(demo_user)
    html = client.get(reverse("insights:index")).content.decode()
    page = html.split('id="method-heading"')[0]  # the method's own text names its statistics
    for jargon in ("90% range", "(90%)", "exploratory", "smoothed", "Isolation index", "pairs of"):
        assert jargon not in page, jargon
    assert '<th scope="col">Likely range</th>' in page and "about 9 times in 10" in page
    assert "averaged over a few days" in page
    # Table names match the headings a sighted person sees above them.
    for heading in ("People and kinds of contact", "Signs of isolation over time"):
        assert f'aria-label="{heading}, in numbers"' in page
        assert f'<caption class="visually-hidden">{heading}:' in page


def test_the_small_and_isolation_charts_use_the_same_plain_words(demo_user, client):
    client.force_login(demo_user)
    sam = Person.objects.get(owner=demo_user, name="Sam")
    small = client.get(reverse("insights:effect_chart", args=["people", sam.pk])).content
    assert b"a rougher measure" in small and b"exploratory" not in small
    isolation = client.get(reverse("insights:chart", args=["isolation"])).content
    assert b"Signs of isolation" in isolation and b"smoothed" not in isolation


def test_a_persons_section_explains_why_it_counts_fewer_times(demo_user):
    from django.template import Context, Template

    sam = Person.objects.get(owner=demo_user, name="Sam")
    item = next(p for p in insights_for(demo_user).document["people"] if p["name"] == "Sam")
    template = Template("{% load insights_tags %}{% person_insight person times %}")
    html = template.render(Context({"person": sam, "times": item["n"] + 3}))
    assert (
        f"Based on {item['n']} of your {item['n'] + 3} times with Sam: the ones with how you "
        "felt both before and after." in html
    )
    same = template.render(Context({"person": sam, "times": item["n"]}))
    assert "the ones with how you felt" not in same


def _lifting_sam(owner, minutes=45):
    sam = PersonFactory(owner=owner, name="Sam")
    for before, after in [(-2, 2), (-1, 2.5), (-2, 1.5), (-1, 2), (-2, 2.5), (-1, 1.5), (-2, 2)]:
        InteractionFactory(
            owner=owner,
            people=[sam],
            before_pleasant=before,
            after_pleasant=after,
            duration_min=minutes,
        )
    return sam


def test_a_finding_about_someone_later_deleted_leaves_the_page_until_they_come_back(
    owner, owner_client
):
    sam = _lifting_sam(owner)
    url = reverse("insights:index")
    said = "time with Sam has tended to leave you more settled"
    assert said in owner_client.get(url).content.decode()

    sam.soft_delete()
    html = owner_client.get(url).content.decode()
    assert "Sam" not in html and "less clear" not in html

    sam.restore()
    assert said in owner_client.get(url).content.decode()


def test_findings_brought_in_with_an_export_never_name_someone_by_another_accounts_id(
    owner, outsider, outsider_client
):
    from withness.portability.exports import export_document
    from withness.portability.services import document_import

    _lifting_sam(owner)
    insights_for(owner)  # the card is released, keyed by Sam's id in this account
    document_import(user=outsider, document=export_document(owner))

    html = outsider_client.get(reverse("insights:index")).content.decode()
    assert "less clear" not in html
    assert html.count("time with Sam has tended to leave you more settled") == 1
    sam = Person.objects.get(owner=outsider, name="Sam")
    assert f"?person={sam.pk}&amp;kind=interaction" in html


def _exported_with_sams_card(owner, key_for):
    """owner's journal as an export, Sam's card keyed as ``key_for(document)`` says."""
    from withness.portability.exports import export_document

    _lifting_sam(owner)
    insights_for(owner)  # the card is released, keyed by Sam's id in this account
    document = export_document(owner)
    (card,) = [c for c in document["tables"]["insights.insightcard"] if c["factor"] == "people"]
    card["key"] = key_for(document)
    return document


def test_a_card_brought_in_never_takes_the_id_of_someone_already_here(
    owner, outsider, outsider_client
):
    from withness.insights.models import InsightCard
    from withness.portability.services import document_import

    robin = PersonFactory(owner=outsider, name="Robin")  # the importer's people come first
    for before, after in [(-2, 2), (-1, 2.5), (-2, 1.5), (-1, 2), (-2, 2.5), (-1, 1.5)]:
        InteractionFactory(
            owner=outsider, people=[robin], before_pleasant=before, after_pleasant=after
        )
    # On another server, Sam's old id is Robin's here.
    document = _exported_with_sams_card(owner, lambda document: str(robin.pk))

    document_import(user=outsider, document=document)

    assert not InsightCard.objects.filter(owner=outsider, text__contains="Sam").exists()
    html = outsider_client.get(reverse("insights:index")).content.decode()
    assert html.count("time with Robin has tended to leave you more settled") == 1
    assert html.count("time with Sam has tended to leave you more settled") == 1
    sam = Person.objects.get(owner=outsider, name="Sam")
    card = InsightCard.objects.get(owner=outsider, factor="people", text__contains="Sam")
    assert card.key == str(sam.pk)


def test_a_card_naming_its_person_by_export_id_is_brought_in_for_them(owner, outsider):
    from withness.insights.models import InsightCard
    from withness.portability.services import document_import

    def sams_export_id(document):
        return next(p["id"] for p in document["tables"]["people.person"] if p["name"] == "Sam")

    document = _exported_with_sams_card(owner, sams_export_id)
    day = document["tables"]["insights.insightcard"][0]["released_on"]

    document_import(user=outsider, document=document)

    sam = Person.objects.get(owner=outsider, name="Sam")
    card = InsightCard.objects.get(owner=outsider, factor="people")
    assert (card.key, str(card.released_on)) == (str(sam.pk), day)


def test_an_export_names_a_cards_person_by_their_export_id(owner, outsider):
    from withness.insights.models import InsightCard
    from withness.portability.exports import export_document
    from withness.portability.services import document_import

    _lifting_sam(owner)
    insights_for(owner)
    document = export_document(owner)
    (card,) = [c for c in document["tables"]["insights.insightcard"] if c["factor"] == "people"]
    sam = next(p for p in document["tables"]["people.person"] if p["name"] == "Sam")
    assert card["key"] == sam["id"]

    document_import(user=outsider, document=document)
    theirs = InsightCard.objects.get(owner=outsider, factor="people")
    assert theirs.key == str(Person.objects.get(owner=outsider, name="Sam").pk)


def test_a_kind_of_contact_that_is_all_of_it_is_not_shown_as_a_sure_zero(owner, owner_client):
    _lifting_sam(owner)  # every time in person: nothing to tell in-person time apart from
    html = owner_client.get(reverse("insights:index")).content.decode()
    table = html[html.index("<table") : html.index("</table>")]
    assert ">Sam</th>" in table
    assert "In person" not in table and "0.0 to 0.0" not in table


def test_the_forest_says_what_kinds_of_contact_are_compared_with(demo_user, client):
    client.force_login(demo_user)
    html = client.get(reverse("insights:index")).content.decode()
    start = html.index('id="forest-heading"')
    forest = html[start : html.index("<figure", start)]
    assert "kind of contact" in forest and "your time with people on average" in forest


def test_a_week_of_brief_contact_is_not_shown_as_no_time(owner, owner_client):
    _lifting_sam(owner, minutes=5)
    html = owner_client.get(reverse("insights:index")).content.decode()
    table = html[html.index('aria-label="Hours each week, in numbers"') :]
    table = table[: table.index("</table>")]
    assert "<td>35\u00a0min</td>" in table and "<td>0\u00a0h</td>" in table


def test_the_isolation_note_gives_its_date_as_the_page_does(owner, owner_client):
    for days in range(10):
        CheckInFactory(owner=owner, day=owner.today() - timedelta(days=days), anxiety=2)
    snapshot = insights_for(owner)
    snapshot.document["drift"].update(flagged=True, since="2026-03-02")
    InsightsSnapshot.objects.filter(pk=snapshot.pk).update(document=snapshot.document)
    html = owner_client.get(reverse("insights:index")).content.decode()
    assert "above your usual level since 2 Mar 2026." in html
