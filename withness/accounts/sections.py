"""The settings page is one page; each area of withness adds its own section to it.

To add a section, create the template named below in your app. Missing templates are
skipped, so this list can name areas that have not built theirs yet; order here is the
order on the page. Each template is included with the settings page's context (user,
request, csrf_token, messages) and should be one
`<section class="card" id="..." aria-labelledby="..."><h2 id="...">…</h2>…</section>`.
Its forms post to the area's own URLs, which redirect back to `accounts:settings`
(with `#<section id>` so the person lands where they were).
"""

SETTINGS_SECTIONS = [
    "accounts/two_factor_section.html",  # two-step sign-in
    "accounts/recovery_code_section.html",  # the code that opens the journal without a password
    "journal/settings_section.html",  # journal preferences, such as one's own body signals
    "people/settings_section.html",
    "insights/settings_section.html",
    "growth/settings_section.html",
    "care/settings_section.html",  # Help now, the safety plan, the gentle note
    "portability/settings_section.html",  # export, import, deleting the account
    "api/settings_section.html",  # API tokens
]
