"""History's "Words" filter: finding what you wrote, although notes are sealed at rest."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from withness.journal.selectors import case_forms
from withness.testing.at_rest import stored
from withness.testing.factories import (
    CheckInFactory,
    InteractionFactory,
    PersonFactory,
    SolitudeFactory,
)
from withness.testing.fixtures import forget_every_key

HISTORY = reverse("journal:history")


def found(client, **query):
    response = client.get(HISTORY, query)
    assert response.status_code == 200
    return response.context["entries"]


def test_words_find_notes_of_every_kind_newest_first_whatever_the_case(owner_client, owner):
    now = timezone.now()
    talk = InteractionFactory(owner=owner, note="Walked to the Lighthouse", started_at=now)
    alone = SolitudeFactory(
        owner=owner, note="lighthouse light at dusk", started_at=now - timedelta(days=1)
    )
    checkin = CheckInFactory(owner=owner, note="dreamt of a LIGHTHOUSE")
    InteractionFactory(owner=owner, note="a quiet café")
    assert stored(type(talk), talk.pk, "note").startswith("wn1:")  # sealed, still found

    assert found(owner_client, words="lighthouse") == [checkin, talk, alone]


def test_words_find_people_groups_and_body_signals(owner_client, owner):
    noor = PersonFactory(owner=owner, name="Noor")
    with_noor = InteractionFactory(owner=owner, people=[noor])
    group = InteractionFactory(owner=owner, group="Tuesday choir")
    jaw = InteractionFactory(owner=owner, body_signals=["jaw_tight"])
    own_word = InteractionFactory(owner=owner, body_signals=["fizzy hands"])
    gone = PersonFactory(owner=owner, name="Noorah")
    InteractionFactory(owner=owner, people=[gone])
    gone.soft_delete()

    assert found(owner_client, words="noor") == [with_noor]
    assert found(owner_client, words="choir") == [group]
    assert found(owner_client, words="jaw") == [jaw]  # the label of a built-in signal
    assert found(owner_client, words="fizzy") == [own_word]


def test_words_find_own_body_signals_written_with_accents_or_quotes(owner_client, owner):
    accented = InteractionFactory(owner=owner, body_signals=["Bauchgefühl warm"])
    quoted = InteractionFactory(owner=owner, body_signals=['"fine" voice'])
    assert found(owner_client, words="Bauchgefühl") == [accented]
    assert found(owner_client, words='"fine"') == [quoted]


def test_words_find_accented_own_body_signals_whatever_their_case(owner_client, owner):
    lower = InteractionFactory(owner=owner, body_signals=["bauchgefühl"])
    upper = InteractionFactory(owner=owner, body_signals=["ÄRGER IM BAUCH"])
    capital = InteractionFactory(owner=owner, body_signals=["Übelkeit", "jaw_tight"])

    assert found(owner_client, words="BAUCHGEFÜHL") == [lower]
    assert found(owner_client, words="Bauchgefühl") == [lower]
    assert found(owner_client, words="ärger im") == [upper]
    assert found(owner_client, words="ÜBELKEIT") == found(owner_client, words="übel") == [capital]


def test_words_find_accented_names_whatever_their_case(owner_client, owner):
    jurgen = InteractionFactory(owner=owner, people=[PersonFactory(owner=owner, name="Jürgen")])
    zoe = InteractionFactory(owner=owner, people=[PersonFactory(owner=owner, name="ZOË")])
    gone = PersonFactory(owner=owner, name="Jürgen Alt")
    InteractionFactory(owner=owner, people=[gone])
    gone.soft_delete()

    assert found(owner_client, words="JÜRGEN") == found(owner_client, words="jürgen") == [jurgen]
    assert found(owner_client, words="Zoë") == found(owner_client, words="zoë") == [zoe]


def test_words_find_accented_groups_whatever_their_case(owner_client, owner):
    south = InteractionFactory(owner=owner, group="Chorprobe Süd")
    elan = InteractionFactory(owner=owner, group="ÉLAN dance class")

    assert found(owner_client, words="CHORPROBE SÜD") == [south]
    assert found(owner_client, words="probe süd") == [south]
    assert found(owner_client, words="élan") == found(owner_client, words="Élan") == [elan]


def test_words_in_ascii_are_looked_for_once_and_others_in_each_case_that_differs():
    assert case_forms("Lighthouse walk") == ["Lighthouse walk"]
    assert case_forms("gruppe SÜD") == ["gruppe SÜD", "gruppe süd"]  # "Gruppe Süd" is alike
    assert case_forms("übelkeit") == ["übelkeit", "ÜBELKEIT"]


def test_words_never_find_a_built_in_signal_by_its_hidden_code(owner_client, owner):
    laughter = InteractionFactory(owner=owner, body_signals=["easy_laughter", "jaw_tight"])
    own_word = InteractionFactory(owner=owner, body_signals=["snake_like [coiled]"])
    InteractionFactory(owner=owner, body_signals=[])

    assert found(owner_client, words="laughter came") == [laughter]  # its label
    assert found(owner_client, words="_") == [own_word]
    assert found(owner_client, words="ease_") == []
    assert found(owner_client, words="jaw_") == []
    assert found(owner_client, words="[coiled]") == [own_word]
    # The JSON around the signals is hidden too: only a bracket in an own word is found.
    assert found(owner_client, words="[") == found(owner_client, words="]") == [own_word]
    for punctuation in ("[]", '"', '", "', ","):
        assert found(owner_client, words=punctuation) == []


def test_words_combine_with_the_other_filters(owner_client, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    with_sam = InteractionFactory(owner=owner, people=[sam], note="garden day")
    InteractionFactory(owner=owner, note="garden with someone else")
    SolitudeFactory(owner=owner, note="garden alone")
    old = SolitudeFactory(
        owner=owner, note="garden long ago", started_at=timezone.now() - timedelta(days=90)
    )
    day = timezone.localtime(old.started_at, owner.zone).date().isoformat()

    assert found(owner_client, words="garden", person=sam.pk) == [with_sam]
    assert len(found(owner_client, words="garden", kind="solitude")) == 2
    assert found(owner_client, words="garden", start=day, end=day) == [old]


def test_words_never_reach_deleted_entries_or_anyone_else(owner_client, owner, outsider):
    InteractionFactory(owner=outsider, note="lighthouse, theirs")
    InteractionFactory(owner=outsider, group="lighthouse keepers")
    mine = InteractionFactory(owner=owner, note="lighthouse, mine")
    InteractionFactory(owner=owner, note="lighthouse, deleted").soft_delete()

    assert found(owner_client, words="lighthouse") == [mine]


def test_words_page_through_many_matches(owner_client, owner):
    start = timezone.now() - timedelta(days=60)
    for day in range(45):
        SolitudeFactory(owner=owner, note=f"walk {day}", started_at=start + timedelta(days=day))
    SolitudeFactory(owner=owner, note="no match here")
    first = owner_client.get(HISTORY, {"words": "walk"}).context
    third = owner_client.get(HISTORY, {"words": "walk", "page": 3}).context
    assert first["page"].paginator.count == 45
    assert [e.note for e in third["entries"]] == [f"walk {day}" for day in range(4, -1, -1)]
    assert "words=walk" in first["query"]  # the next page keeps the words


def test_no_match_says_so_gently_and_echoes_the_words_inert(owner_client, owner):
    InteractionFactory(owner=owner, note="garden")
    body = owner_client.get(HISTORY, {"words": "<b>lighthouse</b>"}).content.decode()
    assert "No entry mentions “&lt;b&gt;lighthouse&lt;/b&gt;”. You might try fewer" in body
    narrowed = owner_client.get(HISTORY, {"words": "zzz", "kind": "solitude"}).content.decode()
    assert "with these filters" in narrowed


def test_overlong_words_are_refused_with_a_reason_not_a_crash(owner_client, owner):
    InteractionFactory(owner=owner, note="garden")
    response = owner_client.get(HISTORY, {"words": "x" * 101})
    assert response.status_code == 200
    assert "Search for up to 100 characters at a time." in response.content.decode()
    assert len(response.context["entries"]) == 1  # the whole history, unfiltered


def test_each_match_shows_the_words_where_they_were_written(owner_client, owner):
    long_note = (
        "A slow morning, tea, the radio. " * 6 + "Then the lighthouse <b>again</b>, at dusk."
    )
    InteractionFactory(owner=owner, note=long_note)
    InteractionFactory(owner=owner, group="lighthouse keepers", note="nothing to show")
    body = owner_client.get(HISTORY, {"words": "LIGHTHOUSE"}).content.decode()

    assert body.count('<p class="entry-found">') == 1  # the group matched, not the note
    assert "the <mark>lighthouse</mark> &lt;b&gt;again&lt;/b&gt;, at dusk." in body
    assert '<p class="entry-found">…' in body  # the start of a long note is left out


def test_a_locked_note_is_not_matched_by_its_placeholder(owner, keyring):
    # The web sends a session without the key to sign in again; the selector, and the CLI's
    # search, can still meet a note sealed with a key that is not here.
    from withness.journal.selectors import TimelineFilters, timeline_keys
    from withness.portability.selectors import search_journal

    InteractionFactory(owner=owner, note="the garden")
    forget_every_key(keyring)

    for words in ("locked", "sign in again"):
        assert timeline_keys(owner, TimelineFilters(words=words)) == []
        assert search_journal(owner, words) == []
