"""Which main-menu item a page belongs to, when its view does not say (``nav`` in its context)."""

# Importing, exporting, tokens, two-step sign-in, confirming the password: all reached from
# Settings, so Settings stays marked while someone is in them.
SECTION_OF_AREA = {"accounts": "settings", "api": "settings", "portability": "settings"}


def section(request):
    match = getattr(request, "resolver_match", None)
    area = match.namespaces[0] if match and match.namespaces else ""
    return {"nav": SECTION_OF_AREA[area]} if area in SECTION_OF_AREA else {}
