from hypothesis import given
from hypothesis import strategies as st

from withness.journal.excerpts import WIDTH, around

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)


@given(before=text, words=st.text(min_size=1, max_size=30).filter(str.strip), after=text)
def test_the_words_are_found_where_they_are_with_some_of_the_note_around(before, words, after):
    note = before + words + after
    piece = around(note, words)
    assert piece is not None
    start, found, end = piece
    assert found.casefold() == " ".join(words.split()).casefold()
    shown = start.removeprefix("…") + found + end.removesuffix("…")
    assert shown in " ".join(note.split())
    assert len(shown) <= max(WIDTH, len(found) + WIDTH // 3)


def test_any_case_is_found_and_shown_as_written():
    assert around("To the LightHouse.", "lighthouse") == ("To the ", "LightHouse", ".")


def test_absent_words_give_nothing_and_line_breaks_are_spaces():
    assert around("a quiet day", "garden") is None
    assert around("the\ngarden\tgate", "garden gate") == ("the ", "garden gate", "")


def test_a_long_note_is_cut_between_words():
    note = (
        "A long morning with tea and the radio and nothing much, then we walked out past the "
        "harbour to the old lighthouse and talked about the garden for an hour, then home again."
    )
    before, found, after = around(note, "lighthouse")
    assert before == "…past the harbour to the old "
    assert after.endswith("…") and not after.endswith(" …")
    assert after.removesuffix("…").split()[-1] in note.split()
