import zoneinfo

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User

from accounts.models import Profile, time_zone_choices
from sessions.models import reschedule_all
from sessions.scheduling import RETENTION_CHOICES, RETENTION_HELP


def clean_time_zone_name(value: str) -> str:
    """The browser's guess may be empty or unknown: fall back to UTC rather than refuse sign-up."""
    return value if value in zoneinfo.available_timezones() else "UTC"


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used to reset your password if you forget it.",
    )
    # Filled by static/js/timezone.js from the browser; hidden, so never a reason to fail.
    time_zone = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_time_zone(self) -> str:
        return clean_time_zone_name(self.cleaned_data.get("time_zone", ""))

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=commit)
        if commit:
            Profile.objects.update_or_create(user=user, defaults={"time_zone": self.cleaned_data["time_zone"]})
        return user


class ProfileForm(forms.ModelForm):
    # A ChoiceField: an unknown zone is refused with Django's own "Select a valid choice".
    time_zone = forms.ChoiceField(
        choices=time_zone_choices, help_text="Dates, streaks and the practice calendar use it."
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


class DeleteAccountForm(forms.Form):
    """The password again, so that a borrowed laptop or a stray click cannot delete an account."""

    error_messages = {"wrong_password": "That is not your password. Your account is unchanged."}

    password = forms.CharField(
        label="Your password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(self.error_messages["wrong_password"], code="wrong_password")
        return password
