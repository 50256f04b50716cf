import pytest

from withness.insights.demo import demo_account_reset


@pytest.fixture
def demo_user(db):
    """A quarter-year synthetic journal with clear planted patterns (Sam lifts, Alex drains)."""
    return demo_account_reset(username="demo", password="calm-harbour-42-demo", days=120)
