"""Pressing a Copy button (accounts/copy.js) in a real browser, for every page that has one."""

from playwright.sync_api import expect


def copied_with_the_button(page, name: str) -> str:
    """Press the button named `name` ("Copy the token"): it says Copied for a moment, then
    Copy again. Returns what landed on the clipboard."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    button = page.get_by_role("button", name=name)
    button.click()
    expect(page.get_by_role("button", name=name.replace("Copy", "Copied", 1))).to_be_visible()
    expect(page.locator(".copy-status")).to_have_text("Copied.")
    expect(button).to_be_visible(timeout=5000)  # back to "Copy" after a moment
    return page.evaluate("navigator.clipboard.readText()")
