"""The demo's documented patterns are what its insights page says, and nothing else is."""

from withness.analysis.synthetic import DEMO_PATTERNS
from withness.insights import findings
from withness.insights.demo import demo_account_reset
from withness.insights.services import insights_for


def test_the_demo_year_shows_every_documented_pattern_and_no_other_card(db):
    user = demo_account_reset(password="calm-harbour-42-demo")  # the default seed and year
    document = insights_for(user).document
    shown = {
        (factor, item["name"]): item["verdict"]
        for factor in {f for p in DEMO_PATTERNS for f, _, _ in p.shows}
        for item in document[factor]
    }
    expected = {(f, name): verdicts for p in DEMO_PATTERNS for f, name, verdicts in p.shows}
    for key, verdicts in expected.items():
        assert shown.get(key, "not_enough") in verdicts, (key, shown.get(key))
    for card in document["cards"]:
        name = card["name"]
        assert card["verdict"] in expected.get((card["factor"], name), ()), card["text"]
    # The next-day pattern is said in words on the page.
    assert any("isolation signs the next day" in s for s in findings.lag_sentences(document))
    people = {p["name"] for p in document["people"]}
    assert people == {"Sam", "Priya", "Alex", "Jordan", "Lena", "Chen", "Mia", "Omar"}
