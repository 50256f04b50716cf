"""Phone numbers in the person's own words, found so a page can make them tappable.

The words stay exactly as typed; only the link behind a number is rebuilt, from its digits
and a leading +, so nothing else a person wrote can reach a tel: address.
"""

import re
import unicodedata

# Digits with spaces, dashes or brackets between them and an optional leading +, standing
# on their own (not the end of a word, a code or a longer number). A match holds nothing but
# digits (\d is exactly str.isdecimal) and " +-()", and a + only as its first character.
NUMBER = re.compile(r"(?<![\w+-])\+?[(\d][\d ()-]*\d\)?(?!\w)")
MIN_DIGITS, MAX_DIGITS = 3, 15  # 999 or 988 at the least; no number in the world is longer
# A short run with separators is more often opening hours or a range ("9-17") than a number.
MIN_DIGITS_WITH_SEPARATORS = 6


def tel_href(number: str) -> str:
    """The tel: address for a number as written: its digits, and a + when it starts with one."""
    plus = "+" if number.startswith("+") else ""
    # Digits of any script (٠٧٧٠٠ say) dial as the 0-9 a phone expects.
    digits = "".join(str(unicodedata.decimal(ch)) for ch in number if ch.isdecimal())
    return f"tel:{plus}{digits}"


def looks_like_phone_number(run: str) -> bool:
    """A NUMBER match with digits enough to dial, and no more than a phone number can have."""
    digits = sum(ch.isdecimal() for ch in run)
    least = MIN_DIGITS if run.isdecimal() else MIN_DIGITS_WITH_SEPARATORS
    return least <= digits <= MAX_DIGITS


def phone_pieces(text: str) -> list[tuple[str, str]]:
    """The text in order, as (words, "") and (number, "tel:…") pieces, for a template to link.

    Joining the words of every piece gives back the text exactly."""
    pieces: list[tuple[str, str]] = []
    at = 0
    for match in NUMBER.finditer(text):
        run = match.group()
        if not looks_like_phone_number(run):
            continue
        if match.start() > at:
            pieces.append((text[at : match.start()], ""))
        pieces.append((run, tel_href(run)))
        at = match.end()
    if at < len(text) or not pieces:
        pieces.append((text[at:], ""))
    return pieces
