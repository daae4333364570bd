import zoneinfo

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.models import User

from accounts.models import Profile, time_zone_choices


def clean_time_zone_name(value: str) -> str:
    """The browser's guess may be empty or unknown: fall back to UTC rather than refuse sign-up."""
    return value if value in zoneinfo.available_timezones() else "UTC"


class LogInForm(AuthenticationForm):
    """Django's log-in form, refusing a username longer than any account's before it reaches
    authenticate() (Django only sets the widget's maxlength; django-axes would then try to
    record a failure for a 100,000-character name)."""

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username", "")
        if len(username) > User._meta.get_field("username").max_length:
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
        return username


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

    class Meta:
        model = Profile
        fields = ("time_zone",)


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
