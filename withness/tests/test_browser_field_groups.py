"""Form fields as a browser and a screen reader meet them, on pages drawn with the project's
one field template (withness/templates/forms/field.html): each box is named by its label,
its hint and its error note are read with it, and a box that needs another look says so."""

import pytest
from playwright.sync_api import expect

from withness.people.models import Person
from withness.testing.browser import shoot, sign_in
from withness.testing.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def described(page, field_id):
    return page.locator(f"#{field_id}")


def test_sign_in_names_each_box_and_offers_the_saved_password(page, live_server, owner):
    page.goto("/account/login/")
    shoot(page, "sign-in")
    username, password = described(page, "id_username"), described(page, "id_password")
    expect(username).to_have_accessible_name("Username")
    expect(password).to_have_accessible_name("Password")
    expect(username).to_have_attribute("autocomplete", "username")
    expect(password).to_have_attribute("autocomplete", "current-password")

    username.fill("robin")
    password.fill("not the password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("alert").wait_for()
    shoot(page, "sign-in-wrong-password")
    expect(page.get_by_role("alert")).to_contain_text("don’t match an account here")


def test_a_wrong_password_is_heard_from_both_boxes_and_the_page_opens_on_the_first(
    page, live_server, owner
):
    note = "That username and password don’t match an account here. Both are case-sensitive."
    page.goto("/account/login/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("alert").wait_for()
    username, password = described(page, "id_username"), described(page, "id_password")
    expect(username).to_be_focused()
    assert page.evaluate("document.activeElement.id") == "id_username"
    shoot(page, "sign-in-wrong-password-focus")
    for box in (username, password):
        expect(box).to_have_attribute("aria-invalid", "true")
        expect(box).to_have_accessible_description(note)


def test_set_up_with_a_mistake_opens_on_the_box_that_needs_another_look(page, live_server, db):
    page.goto("/account/setup/")
    expect(described(page, "id_username")).to_be_focused()  # as before: nothing to fix yet
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password", exact=True).fill("calm-harbour-42")
    page.get_by_label("Password again").fill("calm-harbour-43")
    page.get_by_role("button", name="Make my account").click()
    page.get_by_role("alert").wait_for()
    expect(described(page, "id_password2")).to_be_focused()
    assert page.evaluate("document.activeElement.id") == "id_password2"
    shoot(page, "setup-errors-focus")


def test_set_up_ties_each_note_to_its_box(page, live_server, db):
    page.goto("/account/setup/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password", exact=True).fill("calm-harbour-42")
    page.get_by_label("Password again").fill("calm-harbour-43")
    page.get_by_role("button", name="Make my account").click()
    page.get_by_role("alert").wait_for()
    shoot(page, "setup-errors")
    again = described(page, "id_password2")
    expect(again).to_have_accessible_name("Password again")
    expect(again).to_have_attribute("aria-invalid", "true")
    expect(again).to_have_accessible_description(
        "The two passwords don’t match. Type the same one in both boxes."
    )
    expect(again).to_have_attribute("autocomplete", "new-password")
    username = described(page, "id_username")
    expect(username).to_have_accessible_description(
        "What you’ll type to log in. Letters, numbers and @ . + - _ work."
    )
    expect(username).not_to_have_attribute("aria-invalid", "true")


def test_the_token_name_box_has_its_hint(page, live_server, owner):
    sign_in(page, live_server, owner)
    page.goto("/account/settings/#api-tokens")
    name = page.locator("#api-tokens").get_by_label("Name", exact=True)
    expect(name).to_have_accessible_description(
        "Something to recognise it by, like “phone shortcut”."
    )


def test_a_person_form_with_a_mistake_says_where(page, live_server, owner):
    sign_in(page, live_server, owner)
    page.goto("/people/add/")
    shoot(page, "person-form")
    expect(described(page, "id_notes")).to_have_accessible_name("Notes")
    expect(described(page, "id_relationship")).to_have_accessible_name("Who they are to you")
    page.get_by_label("Name or nickname").fill("Sam")
    page.get_by_text("A gentle reminder (optional)").click()
    days = described(page, "id_checkin_every_days")
    days.fill("0")
    page.get_by_role("button", name="Add").click()
    page.get_by_role("alert").wait_for()
    shoot(page, "person-form-errors")
    days = described(page, "id_checkin_every_days")
    expect(days).to_have_accessible_name("Remind me after this many days without contact")
    expect(days).to_have_attribute("aria-invalid", "true")
    expect(days).to_have_accessible_description(
        "Only if you'd like a gentle nudge. Leave it empty for none. "
        "Give at least 1 day, or leave it empty for no reminder."
    )
    expect(described(page, "id_name")).to_have_accessible_name("Name or nickname")


def test_adding_a_name_from_recently_deleted_offers_them_back(page, live_server, owner):
    sam = PersonFactory(owner=owner, name="Sam", relationship="friend")
    sam.soft_delete()
    sign_in(page, live_server, owner)
    page.goto("/people/add/")
    page.get_by_label("Name or nickname").fill("sam")
    back = page.get_by_role("button", name="Bring Sam back")
    back.wait_for()
    expect(page.locator("#name-hint")).to_contain_text("Sam is in recently deleted.")
    shoot(page, "person-add-deleted-namesake")
    back.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam")
    expect(page.get_by_role("status")).to_contain_text("Sam is back")
    sam.refresh_from_db()
    assert sam.deleted_at is None


def test_enter_in_the_name_box_still_adds_when_someone_is_offered_back(page, live_server, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    sam.soft_delete()
    sign_in(page, live_server, owner)
    page.goto("/people/add/")
    name = page.get_by_label("Name or nickname")
    name.fill("Sam")
    page.get_by_role("button", name="Bring Sam back").wait_for()
    name.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Sam is in your people now.")
    sam.refresh_from_db()
    assert sam.deleted_at is not None  # the one set aside stays there
    assert Person.objects.for_user(owner).get().name == "Sam"


def test_the_merge_choice_is_labelled(page, live_server, owner):
    sam = PersonFactory(owner=owner, name="Sam")
    PersonFactory(owner=owner, name="Sammy")
    sign_in(page, live_server, owner)
    page.goto(f"/people/{sam.pk}/merge/")
    shoot(page, "person-merge")
    expect(described(page, "id_merge")).to_have_accessible_name("Who should be merged in?")


def test_an_import_with_no_file_says_so_beside_the_picker(page, live_server, owner):
    sign_in(page, live_server, owner)
    page.goto("/data/import/")
    page.get_by_role("button", name="Read the file").click()
    page.get_by_role("alert").wait_for()
    shoot(page, "import-nothing-chosen")
    expect(described(page, "id_source")).to_have_accessible_name("Where is the file from?")
    zone = described(page, "id_time_zone")
    expect(zone).to_have_accessible_name("Time zone of the times in the file")
    expect(zone).to_have_accessible_description(
        "Most apps write times without a zone; we read them as local times here."
    )


def test_deleting_with_a_wrong_password_explains_beside_the_box(page, live_server, owner):
    sign_in(page, live_server, owner)
    page.goto("/data/delete-account/")
    box = described(page, "id_password")
    expect(box).to_have_accessible_name("Your password")
    expect(box).to_have_attribute("autocomplete", "current-password")
    box.fill("not the password")
    page.get_by_role("button", name="Delete my account and everything in it").click()
    page.locator("#id_password_error").wait_for()
    shoot(page, "delete-account-wrong-password")
    box = described(page, "id_password")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_have_accessible_description(
        "That is not your password. Try typing it again; nothing has changed."
    )


def test_changing_the_password_marks_the_box_that_needs_another_look(
    page, live_server, owner, password
):
    sign_in(page, live_server, owner)
    page.goto("/account/settings/password/")
    page.get_by_label("Current password").fill(password)
    page.get_by_label("New password", exact=True).fill("calm-harbour-43")
    page.get_by_label("New password again").fill("calm-harbour-44")
    page.get_by_role("button", name="Change password").click()
    page.locator("#id_new_password2_error").wait_for()
    shoot(page, "password-change-errors")
    again = described(page, "id_new_password2")
    expect(again).to_have_attribute("aria-invalid", "true")
    expect(again).to_have_attribute("autocomplete", "new-password")
    expect(described(page, "id_old_password")).to_have_attribute("autocomplete", "current-password")


def test_the_recovery_page_names_its_boxes(page, live_server, owner):
    page.goto("/account/login/recover/")
    shoot(page, "recover")
    code = described(page, "id_code")
    expect(code).to_have_accessible_name("Recovery code")
    expect(code).to_have_accessible_description(
        "The code you kept when you made your account, like ABCDE-FGHIJ-…"
    )
