from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.text import Truncator

from . import reauth, two_factor
from .countries import country_choices
from .models import Invite, User
from .time_zones import is_time_zone, time_zone_choices

PASSWORD_HELP = (
    "At least 8 characters. A few unrelated words work well. "
    "Very common passwords, ones made only of numbers, or ones close to your username won’t do."
)
MISMATCH = "The two passwords don’t match. Type the same one in both boxes."
SWITCHED_OFF = (
    "This account is switched off. The person who runs this withness can switch it back on."
)
# The id of the note about the whole form (accounts/form_errors.html), for the boxes it is about.
FORM_ERRORS_ID = "form-errors"


class ProblemFocusBoundField(BoundField):
    """A box that takes the focus when it is the form's first problem, and only then."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        problem = self.form.first_problem()
        if problem is not None:
            # Django's own autofocus (the username, the current password) gives way to it.
            attrs["autofocus"] = self.name == problem
        return attrs


class FocusFirstProblem:
    """After a failed submit the page opens on the first box that needs another look (with
    autofocus, no script), so a keyboard or screen-reader user lands on the problem rather
    than at the top of the page. With no problem the page keeps the focus it had.

    "First" is in the form's field order, which is the order its page draws the boxes. Worked
    out as the page is drawn, so an error a view adds after cleaning counts too.
    """

    bound_field_class = ProblemFocusBoundField

    def first_problem(self) -> str | None:
        if not self.is_bound or not self.errors:
            return None
        for name, field in self.fields.items():
            if field.widget.is_hidden:
                continue
            if name in self.errors or field.widget.attrs.get("aria-invalid") == "true":
                return name
        return None


class TimeZoneField(forms.ChoiceField):
    """A time zone from a grouped list; anything zoneinfo knows is accepted."""

    default_error_messages = {
        "invalid_choice": "We don’t know a time zone called “%(value)s”. "
        "Pick one from the list, for example Europe/Berlin or America/Chicago.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault("help_text", "Your journal shows every time in this zone.")
        super().__init__(choices=time_zone_choices, initial="UTC", **kwargs)

    def validate(self, value):
        forms.Field.validate(self, value)
        if value and not is_time_zone(value):
            params = {"value": Truncator(value).chars(40)}
            raise ValidationError(self.error_messages["invalid_choice"], "invalid_choice", params)

    def keep_offering(self, value: str) -> None:
        """A saved zone the list leaves out (say, US/Pacific) stays selectable, not lost."""
        listed = {
            name
            for key, label in self.choices
            for name in ([n for n, _ in label] if isinstance(label, list | tuple) else [key])
        }
        if value and value not in listed and is_time_zone(value):
            self.choices = [(value, value.replace("_", " ")), *self.choices]


class CountryField(forms.ChoiceField):
    default_error_messages = {
        "invalid_choice": "Pick a country from the list, or leave it as “I’d rather not say”.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Country")
        kwargs.setdefault(
            "help_text", "Help now shows crisis lines for this country. You can leave it empty."
        )
        choices = [("", "I’d rather not say"), *country_choices()]
        super().__init__(choices=choices, required=False, **kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class AccountForm(FocusFirstProblem, auth_forms.UserCreationForm):
    """A new account: the owner's at set-up, anyone else's at sign-up."""

    # As account_fields.html draws them, so the first box with a problem is the first seen.
    field_order = ["username", "password1", "password2", "time_zone", "country"]

    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1="Password", label2="Password again"
    )
    time_zone = TimeZoneField()
    country = CountryField()

    error_messages = {"password_mismatch": MISMATCH}

    class Meta(auth_forms.UserCreationForm.Meta):
        model = User
        fields = ("username", "time_zone", "country")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.help_text = "What you’ll type to log in. Letters, numbers and @ . + - _ work."
        username.widget.attrs["autocapitalize"] = "none"
        self.fields["password1"].help_text = PASSWORD_HELP
        self.fields["password2"].help_text = ""
        if not self.is_bound:
            # timezone.js may swap the UTC default for the device's own zone.
            self.fields["time_zone"].widget.attrs["data-time-zone"] = "guess"

    def clean_username(self):
        username = self.cleaned_data.get("username")
        if username and User.objects.filter(username__iexact=username).exists():
            raise ValidationError("That username is already taken here. Try another.", "unique")
        return username

    def validate_password_for_user(self, user, password_field_name="password1"):
        # The rules' messages sit next to the password itself, not under "again".
        super().validate_password_for_user(user, password_field_name)

    def account_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "username": data["username"],
            "password": data["password1"],
            "time_zone": data["time_zone"],
            "country": data["country"],
        }


class PlaceForm(FocusFirstProblem, forms.ModelForm):
    """Time zone and country, in settings."""

    time_zone = TimeZoneField()
    country = CountryField()

    class Meta:
        model = User
        fields = ("time_zone", "country")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].keep_offering(self.instance.time_zone)
        # timezone.js offers a button for the device's zone when it differs from this one.
        self.fields["time_zone"].widget.attrs["data-time-zone"] = "offer"


class LoginForm(FocusFirstProblem, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": "That username and password don’t match an account here. "
        "Both are case-sensitive.",
        "inactive": SWITCHED_OFF,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocapitalize"] = "none"

    def get_invalid_login_error(self):
        # The backends turn away a switched-off account before the form could say so.
        # Its message shows only to someone whose password is right; nobody is signed in.
        if self._switched_off():
            return ValidationError(self.error_messages["inactive"], code="inactive")
        # The note is about both boxes, so both say so, and a screen reader reads it from
        # either; the username box, the first, takes the focus.
        for name in ("username", "password"):
            attrs = self.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = FORM_ERRORS_ID
        return super().get_invalid_login_error()

    def _switched_off(self) -> bool:
        if getattr(self.request, "axes_locked_out", False):
            # While paused no answer may tell a right password from a wrong one. axes shows
            # its own page then, but the form must not lean on that page to keep quiet.
            return False
        return getattr(self.request, "switched_off", False)  # set by VaultBackend


class PasswordChangeForm(FocusFirstProblem, auth_forms.PasswordChangeForm):
    error_messages = {
        "password_mismatch": MISMATCH,
        "password_incorrect": "That isn’t your current password. Try typing it again.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "old_password": "Current password",
            "new_password1": "New password",
            "new_password2": "New password again",
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].help_text = ""

    def validate_password_for_user(self, user, password_field_name="new_password1"):
        super().validate_password_for_user(user, "new_password1")


class InviteForm(FocusFirstProblem, forms.ModelForm):
    class Meta:
        model = Invite
        fields = ("note",)
        labels = {"note": "Who is it for?"}
        help_texts = {"note": "Optional, and only you see it: it helps you tell your links apart."}


def _code_field(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=60,  # room for a mistyped recovery code, so the error can say so
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
                "class": "code-input",
            }
        ),
        error_messages={
            "required": "Type the code, then press the button again.",
            "max_length": "That’s far longer than any code here. Try typing it again.",
        },
    )


# The page around the box already says which codes: the help adds only what tells them apart.
CODE_HELP = "Codes from your app have 6 digits; backup codes have 10."


class TwoFactorCodeForm(FocusFirstProblem, forms.Form):
    """The code step of signing in: a code from the app, or a backup code."""

    code = _code_field("Code", CODE_HELP)


class TwoFactorTurnOnForm(FocusFirstProblem, forms.Form):
    code = _code_field(
        "6-digit code from your app", "After adding withness, your app shows a code for it."
    )


class ReauthForm(FocusFirstProblem, forms.Form):
    """“Is it still you?” before something that can’t be undone: the password, and a code if
    two-step sign-in is on. Used by every such action, so there is one way to confirm."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Type your password, then press the button again."},
    )

    def __init__(self, *args, request, **kwargs):
        self.request = request
        self.user = request.user
        super().__init__(*args, **kwargs)
        if two_factor.is_on(self.user):
            self.fields["code"] = _code_field("Code from your app, or a backup code", CODE_HELP)

    def clean_password(self):
        password = self.cleaned_data["password"]
        paused = reauth.paused_message(self.request)
        if paused:
            raise ValidationError(paused, "paused")
        if not self.user.check_password(password):
            reauth.note_failure(self.request)
            raise ValidationError(
                "That is not your password. Try typing it again; nothing has changed.", "wrong"
            )
        return password

    def clean(self):
        cleaned = super().clean()
        if "code" in self.fields and "password" in cleaned and cleaned.get("code"):
            try:
                self.verified = two_factor.code_verify(user=self.user, code=cleaned["code"])
            except two_factor.CodeRefused as refused:
                self.add_error("code", refused.message)
        return cleaned


class RecoverForm(FocusFirstProblem, forms.Form):
    """Forgot the password: the recovery code from sign-up opens the journal again."""

    username = forms.CharField(
        label="Username", widget=forms.TextInput(attrs={"autocapitalize": "none"})
    )
    code = forms.CharField(
        label="Recovery code",
        help_text="The code you kept when you made your account, like ABCDE-FGHIJ-…",
        max_length=60,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    new_password1, new_password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1="New password", label2="New password again"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].help_text = ""
        self.user = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        digits = "".join(ch for ch in code if ch.isalnum())
        if digits.isdigit() and len(digits) == two_factor.BACKUP_DIGITS:
            raise ValidationError(
                "That looks like a backup code from two-step sign-in. Here you need your "
                "recovery code: 30 letters and numbers, like ABCDE-FGHIJ-…",
                "backup_code",
            )
        return code

    def clean(self):
        data = super().clean()
        one, two = data.get("new_password1"), data.get("new_password2")
        if one and two and one != two:
            self.add_error("new_password2", MISMATCH)
        self.user = User.objects.filter(username=data.get("username", "")).first()
        if one and self.user is not None:
            from django.contrib.auth.password_validation import validate_password

            try:
                validate_password(one, self.user)
            except ValidationError as error:
                self.add_error("new_password1", error)
        return data
