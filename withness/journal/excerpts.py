"""A few words of a note around what someone searched for, to show why an entry was found."""

import re

WIDTH = 90


def around(text: str, words: str, width: int = WIDTH) -> tuple[str, str, str] | None:
    """(before, the words as written, after) where they first appear, on one line, with an
    ellipsis where the note goes on; None when they do not appear."""
    text = " ".join(text.split())
    found = re.search(re.escape(" ".join(words.split())), text, re.IGNORECASE)
    if found is None:
        return None
    start = max(0, found.start() - width // 3)
    end = max(found.end(), start + width)
    # Begin and end on whole words, where a space allows it.
    if start and (space := text.find(" ", start - 1, found.start())) != -1:
        start = space + 1
    if end < len(text) and (space := text.rfind(" ", found.end(), end + 1)) != -1:
        end = space
    before = ("…" if start else "") + text[start : found.start()]
    after = text[found.end() : end] + ("…" if end < len(text) else "")
    return before, found.group(), after


def excerpt(text: str, words: str) -> str:
    return "".join(around(text, words) or ())
