from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from withness.growth import ladder
from withness.growth.models import Share
from withness.testing.factories import InteractionFactory, PersonFactory

from .factories import ShareFactory

W, N, D, H, X = "warm", "neutral", "dismissive", "hurtful", "no_reply"


def test_with_no_shares_it_offers_the_smallest_step():
    assert ladder.suggest([]) == ladder.Suggestion("start", 1)


def test_one_warm_share_is_not_yet_enough_to_suggest_going_further():
    assert ladder.suggest([(1, W)]).kind == "stay"


def test_two_warm_shares_at_the_current_step_suggest_the_next_one():
    assert ladder.suggest([(1, W), (1, W)]) == ladder.Suggestion("next", 2)


@pytest.mark.parametrize("response", [N, X])
def test_a_lukewarm_or_missing_reply_means_staying_at_this_step(response):
    assert ladder.suggest([(2, response), (2, W), (2, W)]) == ladder.Suggestion("stay", 2)


@pytest.mark.parametrize("response", [D, H])
def test_a_dismissive_or_hurtful_reply_brings_a_gentle_word_and_no_next_step(response):
    assert ladder.suggest([(2, response), (2, W), (2, W)]) == ladder.Suggestion("gentle", 2)


def test_an_older_cold_reply_no_longer_counts_once_two_warm_ones_follow():
    assert ladder.suggest([(1, W), (1, W), (1, H)]) == ladder.Suggestion("next", 2)


def test_only_shares_at_the_current_step_count():
    # Warm at step 1 earlier does not carry over to a first share at step 2.
    assert ladder.suggest([(2, W), (1, W), (1, W)]).kind == "stay"


def test_at_the_top_step_there_is_nowhere_further_to_push():
    assert ladder.suggest([(5, W), (5, W)]).kind == "top"


def _share(client, person, response, step=1):
    return client.post(
        reverse("growth:share_new"),
        {
            "person": person.pk,
            "step": step,
            "response": response,
            "shared_on": date.today().isoformat(),
            "body_felt": "shoulders dropped",
        },
    )


NEXT_STEP = "A next step, if you want it"


@pytest.mark.parametrize("second", [N, D, H, X])
def test_the_person_page_suggests_a_next_step_only_after_warm_responses(
    owner_client, owner, second
):
    sam = PersonFactory(owner=owner, name="Sam")
    page = reverse("growth:person", args=[sam.pk])
    assert _share(owner_client, sam, W).status_code == 302
    assert NEXT_STEP not in owner_client.get(page).content.decode()
    _share(owner_client, sam, second)
    assert NEXT_STEP not in owner_client.get(page).content.decode()
    _share(owner_client, sam, W)
    _share(owner_client, sam, W)
    body = owner_client.get(page).content.decode()
    assert NEXT_STEP in body and "how today is going for you" in body


def test_the_person_page_shows_the_evidence_so_far(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    for response in (W, W, N, W, W):
        ShareFactory(owner=owner, person=sam, response=response)
    ShareFactory(owner=owner, response=H)  # someone else: not counted for Sam
    body = owner_client.get(reverse("growth:person", args=[sam.pk])).content.decode()
    assert "4 of 5 shares with Sam were met warmly" in body


def test_logging_a_share_saves_every_field(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    walk = InteractionFactory(owner=owner, people=[sam])
    response = owner_client.post(
        reverse("growth:share_new"),
        {
            "person": sam.pk,
            "step": 3,
            "response": "warm",
            "shared_on": date.today().isoformat(),
            "what": "worried about work",
            "body_felt": "breath deepened",
            "interaction": walk.pk,
        },
    )
    assert response.status_code == 302
    share = Share.objects.get()
    assert (share.owner, share.person, share.step, share.interaction) == (owner, sam, 3, walk)
    assert share.what == "worried about work" and share.body_felt == "breath deepened"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"person": ""}, "person", "Choose who this was with."),
        ({"step": ""}, "step", "Choose the step that fits best."),
        ({"step": "9"}, "step", "Choose one of the listed steps."),
        ({"response": ""}, "response", "“No reply (yet)” is a fine answer."),
        ({"response": "great"}, "response", "Choose one of the listed responses."),
        ({"shared_on": "soon"}, "shared_on", "Give the date as year-month-day"),
        (
            {"shared_on": (date.today() + timedelta(days=3)).isoformat()},
            "shared_on",
            "That date is still to come.",
        ),
        ({"shared_on": "1850-01-01"}, "shared_on", "Choose a date after 1900."),
        ({"what": "x" * 301}, "what", "Keep this to 300 characters"),
        ({"interaction": "999999"}, "interaction", "That entry is not in your journal."),
    ],
)
def test_a_bad_share_gets_a_specific_message_and_nothing_is_saved(
    owner_client, owner, change, field, message
):
    sam = PersonFactory(owner=owner, name="Sam")
    data = {"person": sam.pk, "step": 1, "response": "warm", "shared_on": date.today().isoformat()}
    response = owner_client.post(reverse("growth:share_new"), {**data, **change})
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field]), response.context[
        "form"
    ].errors
    assert not Share.objects.exists()


def test_a_share_cannot_be_linked_to_time_with_someone_else(owner_client, owner):
    sam, ana = PersonFactory(owner=owner, name="Sam"), PersonFactory(owner=owner, name="Ana")
    walk = InteractionFactory(owner=owner, people=[ana])
    response = owner_client.post(
        reverse("growth:share_new"),
        {
            "person": sam.pk,
            "step": 1,
            "response": "warm",
            "shared_on": date.today().isoformat(),
            "interaction": walk.pk,
        },
    )
    assert "Sam isn't in that entry" in " ".join(response.context["form"].errors["interaction"])
    assert not Share.objects.exists()


def test_editing_a_share_changes_the_response(owner_client, owner):
    share = ShareFactory(owner=owner, response=X)
    response = owner_client.post(
        reverse("growth:share_edit", args=[share.pk]),
        {
            "person": share.person.pk,
            "step": 1,
            "response": "warm",
            "shared_on": share.shared_on.isoformat(),
        },
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.response == "warm"


@pytest.mark.parametrize(
    ("shares", "sentence"),
    [
        ([], "a small first step might be telling Sam about something you like"),
        ([(1, W), (1, W)], "so you might try telling Sam how today is going for you."),
        ([(2, W)], "keep to shares of this size, like telling Sam how today is going for you,"),
    ],
)
def test_the_suggestion_reads_as_a_plain_sentence_with_the_persons_name(
    owner_client, owner, shares, sentence
):
    sam = PersonFactory(owner=owner, name="Sam")
    for step, response in shares:
        ShareFactory(owner=owner, person=sam, step=step, response=response)
    body = owner_client.get(reverse("growth:person", args=[sam.pk])).content.decode()
    assert sentence in body
    assert "<strong>how today" not in body


def test_each_share_card_leads_with_the_persons_own_words_escaped(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    ShareFactory(owner=owner, person=sam, step=2, response=W, what="<b>Tired</b> & quiet")
    ShareFactory(owner=owner, person=sam, step=1, response=N, what="")
    body = owner_client.get(reverse("growth:person", args=[sam.pk])).content.decode()
    assert '<span class="entry-title">“&lt;b&gt;Tired&lt;/b&gt; &amp; quiet”</span>' in body
    assert "<b>Tired</b>" not in body
    assert "Step 2: How today is going for you" in body
    # Without words, the kind of step stands in as the main line.
    assert '<span class="entry-title">Something you like or would rather do</span>' in body


def test_the_share_form_asks_what_was_shared_outside_the_fold(owner_client):
    body = owner_client.get(reverse("growth:share_new")).content.decode()
    assert body.index("What you shared") < body.index("More (all optional)")


def test_editing_an_older_share_keeps_its_link_to_the_time_it_was_part_of(owner_client, owner):
    # Only recent entries are offered for a new link, but a share's own link stays choosable.
    sam = PersonFactory(owner=owner, name="Sam")
    long_ago = timezone.now() - timedelta(days=200)
    walk = InteractionFactory(owner=owner, people=[sam], started_at=long_ago)
    share = ShareFactory(owner=owner, person=sam, shared_on=long_ago.date(), interaction=walk)
    url = reverse("growth:share_edit", args=[share.pk])

    form = owner_client.get(url).context["form"]
    assert walk in form.fields["interaction"].queryset
    response = owner_client.post(
        url,
        {
            "person": sam.pk,
            "step": 2,
            "response": "warm",
            "shared_on": share.shared_on.isoformat(),
            "interaction": walk.pk,
        },
    )

    assert response.status_code == 302
    share.refresh_from_db()
    assert (share.step, share.interaction) == (2, walk)
