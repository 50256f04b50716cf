"""Moving a journal in and out, in a real browser."""

import pytest

from withness.journal.models import CheckIn
from withness.portability.models import ImportedEntry
from withness.testing.browser import shoot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def daylio_file(rows: int) -> bytes:
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for i in range(rows):
        day = f"20{10 + i // 365 % 15:02d}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}"
        mood = ["rad", "good", "meh", "average", "awful"][i % 5]
        lines.append(f'{day},,,{8 + i % 12}:{i % 60:02d},{mood},walk | friends,,"note {i}"')
    return "\n".join(lines).encode()


def test_a_large_daylio_file_is_reviewed_then_imported_with_progress(
    page, live_server, owner, tmp_path
):
    sign_in(page, live_server, owner)
    page.goto("/account/settings/#your-data")
    shoot(page, "settings-your-data")
    page.get_by_role("link", name="Import a file").click()
    page.wait_for_url("**/data/import/")
    page.wait_for_load_state("load")  # the page's own stylesheet too, before measuring
    path = tmp_path / "daylio_export.csv"
    path.write_bytes(daylio_file(3000))
    picker = page.get_by_label("File", exact=True)
    picker.set_input_files(str(path))
    # A wide, comfortable picker with the app's own pill button, not the small grey default.
    box = picker.bounding_box()
    assert box["height"] >= 56 and box["width"] >= 340, box
    button = "(input) => getComputedStyle(input, '::file-selector-button').borderTopLeftRadius"
    assert picker.evaluate(button) == "999px"
    shoot(page, "import-upload")
    page.get_by_role("button", name="Read the file").click()
    page.wait_for_url("**/data/import/*/")
    assert "“average”" in page.content()
    shoot(page, "import-review")
    page.get_by_role("button", name="Bring in 3,000 entries").click()
    page.get_by_role("heading", name="Import finished").wait_for(timeout=60_000)
    shoot(page, "import-done")
    assert "3,000 entries came in." in page.content()
    assert ImportedEntry.objects.filter(owner=owner).count() == 3000
    assert CheckIn.objects.filter(owner=owner).exists()
    page.get_by_role("link", name="See what came in").click()
    shoot(page, "imported-entries")


def test_deleting_the_account_from_settings(page, live_server, owner, password):
    sign_in(page, live_server, owner)
    page.goto("/account/settings/#your-data")
    page.get_by_role("link", name="Delete your account").click()
    shoot(page, "delete-account")
    page.get_by_label("Your password").fill(password)
    page.get_by_role("button", name="Delete my account and everything in it").click()
    page.wait_for_load_state()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(pk=owner.pk).exists()
