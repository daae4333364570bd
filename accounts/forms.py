"""The account forms, in our words: labels without colons, help that says why, every error next
to its field and all of them at once (a password's strength is checked even when the two copies
differ). Django's auth views use the forms below through `form_class` in accounts/urls.py."""

import zoneinfo

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
    UsernameField,
)
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from accounts.models import Profile, time_zone_choices
from sessions.models import reschedule_all
from sessions.scheduling import RETENTION_CHOICES, RETENTION_HELP

PASSWORD_HELP = "At least 8 characters, not only digits, and not close to your username or email."
# Our wording for Django's password validators, by their error code.
PASSWORD_PROBLEMS = {
    "password_too_short": "Too short: use at least 8 characters.",
    "password_too_common": "Too common: this password is on lists attackers try first.",
    "password_entirely_numeric": "Add a letter or a symbol: a password of digits only is easy to guess.",
    "password_too_similar": "Too close to your username or email: choose something else.",
}
REQUIRED = {
    "username": "Choose a username.",
    "password": "Enter your password.",
    "password1": "Choose a password.",
    "password2": "Type the password again.",
    "old_password": "Enter your current password.",
    "new_password1": "Choose a new password.",
    "new_password2": "Type the new password again.",
    "email": "Enter your email address.",
}


def clean_time_zone_name(value: str) -> str:
    """The browser's guess may be empty or unknown: fall back to UTC rather than refuse sign-up."""
    return value if value in zoneinfo.available_timezones() else "UTC"


def _our_required_messages(form: forms.BaseForm) -> None:
    form.label_suffix = ""
    for name, field in form.fields.items():
        if name in REQUIRED:
            field.error_messages["required"] = REQUIRED[name]


def _check_strength(form: forms.BaseForm, field_name: str, user) -> None:
    """Adds every problem with the password under `field_name`, in our words, whether or not the
    second copy matches (Django checks strength only once they match: one layer at a time)."""
    password = form.cleaned_data.get(field_name)
    if not password:
        return
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        for problem in error.error_list:
            message = PASSWORD_PROBLEMS.get(problem.code)
            form.add_error(field_name, ValidationError(message, code=problem.code) if message else problem)


class SignUpForm(UserCreationForm):
    error_messages = {
        **UserCreationForm.error_messages,
        "password_mismatch": "The two passwords differ: type the same one twice.",
        "unique": "That username is taken: try another.",
    }
    username = UsernameField(
        label="Username",
        max_length=150,
        help_text="What you log in with. Letters, digits and . @ + - _ (up to 150).",
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True, "autocapitalize": "none"}),
    )
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        help_text="Only used to send you a link if you forget your password.",
        error_messages={"invalid": "That does not look like an email address (name@example.com)."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        help_text=PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # Filled by static/js/timezone.js from the browser; hidden, so never a reason to fail.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _our_required_messages(self)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if not User.username_validator.regex.match(username):
            raise ValidationError("Use only letters, digits and . @ + - _ (no spaces).", code="invalid_username")
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(self.error_messages["unique"], code="unique")
        return username

    def clean_time_zone(self) -> str:
        return clean_time_zone_name(self.cleaned_data.get("time_zone", ""))

    def validate_password_for_user(self, user, password_field_name="password2"):
        _check_strength(self, "password1", user)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=commit)
        if commit:
            Profile.objects.update_or_create(user=user, defaults={"time_zone": self.cleaned_data["time_zone"]})
        return user


class LogInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That username and password do not match an account. Both are case-sensitive.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none")
        _our_required_messages(self)

    def clean_username(self) -> str:
        """Refuses a username longer than any account's before it reaches authenticate():
        Django only sets the widget's maxlength, and django-axes would then try to record a
        failure for a 100,000-character name (a 500 on PostgreSQL)."""
        username = self.cleaned_data.get("username", "")
        if len(username) > User._meta.get_field("username").max_length:
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        return username


class OurSetPasswordForm(SetPasswordForm):
    """Choosing a new password from a reset link."""

    error_messages = {
        **SetPasswordForm.error_messages,
        "password_mismatch": "The two passwords differ: type the same one twice.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].label = "New password again"
        self.fields["new_password2"].help_text = ""
        _our_required_messages(self)

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        _check_strength(self, "new_password1", user)


class OurPasswordChangeForm(OurSetPasswordForm, PasswordChangeForm):
    error_messages = {
        **OurSetPasswordForm.error_messages,
        "password_incorrect": "That is not your current password.",
    }
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"


class OurPasswordResetForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "The one you gave when you signed up."
        self.fields["email"].error_messages["invalid"] = "That does not look like an email address (name@example.com)."
        _our_required_messages(self)


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices,
        help_text="Dates, streaks and the practice calendar use it.",
        error_messages={"invalid_choice": "Choose a time zone from the list."},
    )

    desired_retention = forms.TypedChoiceField(
        label="Desired retention",
        choices=[(value, f"{value:.0%}") for value in RETENTION_CHOICES],
        coerce=float,
        help_text=RETENTION_HELP,
    )

    class Meta:
        model = Profile
        fields = ("time_zone", "desired_retention")

    def save(self, commit: bool = True) -> Profile:
        """A new retention reschedules every card of the user (a replay of each: a few queries
        a card, for a change made rarely)."""
        profile = super().save(commit=commit)
        if commit and "desired_retention" in self.changed_data:
            reschedule_all(profile.user, profile.desired_retention)
        return profile

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""


class DeleteAccountForm(forms.Form):
    """The password again, so that a borrowed laptop or a stray click cannot delete an account."""

    error_messages = {"wrong_password": "That is not your password. Your account is unchanged."}

    password = forms.CharField(
        label="Your password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        _our_required_messages(self)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(self.error_messages["wrong_password"], code="wrong_password")
        return password
