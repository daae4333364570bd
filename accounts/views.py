from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.forms import DeleteAccountForm, LogInForm, ProfileForm, SignUpForm
from accounts.middleware import remember_time_zone
from accounts.models import Profile
from interviewprep.ratelimit import Limit, client_ip

TOO_MANY = 429


def _signup_limit() -> Limit:
    return Limit("signup", settings.SIGNUP_LIMIT_PER_HOUR, 3600)


def _try_again_in(limit: Limit) -> str:
    minutes = -(-limit.retry_after() // 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


@login_not_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url)
    if request.method == "POST" and not _signup_limit().hit(client_ip(request)):
        # Refused before any work; what was typed (but the passwords) is shown again.
        return _signup_page(
            request,
            SignUpForm(initial=request.POST.dict()),
            throttled=(
                f"Too many sign-ups from your network in the last hour. Try again in {_try_again_in(_signup_limit())}."
            ),
        )
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        # Home is the dashboard, which greets the new user itself: one welcome, not two.
        if next_url != resolve_url("home"):
            messages.success(request, f"Your account is ready, {user.username}.")
        return HttpResponseRedirect(next_url)
    return _signup_page(request, form)


def _signup_page(request: HttpRequest, form: SignUpForm, throttled: str = "") -> TemplateResponse:
    next_url = request.POST.get("next") or request.GET.get("next", "")
    context = {"form": form, "next": next_url, "throttled": throttled}
    response = TemplateResponse(request, "registration/signup.html", context, status=TOO_MANY if throttled else 200)
    if throttled:
        response["Retry-After"] = str(_signup_limit().retry_after())
    return response


def locked_out(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """django-axes' lockout response: the log-in page again, with the username kept, saying
    plainly why and for how long, with a 429."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "form": LogInForm(request, initial={"username": username}),
        "next": request.POST.get("next", ""),
        "throttled": (
            f"Too many failed log-ins for this account from your network. For your security, "
            f"log-in is paused for {minutes} minutes. You can reset your password meanwhile."
        ),
    }
    response = TemplateResponse(request, "registration/login.html", context, status=TOO_MANY)
    response["Retry-After"] = str(minutes * 60)
    return response.render()


class PasswordResetView(auth_views.PasswordResetView):
    """Django's view, with limits per client address and per e-mail address, so the form can
    neither be used to flood a mailbox nor to probe addresses quickly."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        email = request.POST.get("email", "").strip().lower()
        per_ip = Limit("password-reset", settings.PASSWORD_RESET_LIMIT_PER_HOUR, 3600)
        per_email = Limit("password-reset-email", settings.PASSWORD_RESET_LIMIT_PER_EMAIL_PER_HOUR, 3600)
        within = per_ip.hit(client_ip(request))
        if within and email:
            within = per_email.hit(email)
        if within:
            return super().post(request, *args, **kwargs)
        context = self.get_context_data(
            form=self.form_class(initial={"email": request.POST.get("email", "")}),
            throttled=f"Too many reset requests in the last hour. Try again in {_try_again_in(per_ip)}.",
        )
        response = self.render_to_response(context, status=TOO_MANY)
        response["Retry-After"] = str(per_ip.retry_after())
        return response


def _safe_next(request: HttpRequest) -> str:
    """Where a visitor sent to log in (and on to sign up) wanted to go: a path of this site, never
    another host and never a bare word (which redirect() would take for a URL name); else home."""
    candidate = request.POST.get("next") or request.GET.get("next", "")
    allowed = candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else resolve_url("home")


@require_http_methods(["GET", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    profile = Profile.for_user(request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        remember_time_zone(request, profile.time_zone)
        messages.success(request, "Your settings are saved.")
        return redirect("account_settings")
    return TemplateResponse(request, "accounts/settings.html", {"form": form})


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password")
def delete_account(request: HttpRequest) -> HttpResponse:
    """Deletes the user with every session, answer, grade and note (the database cascades from
    the user), after the password; the page offers the export first."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()
        messages.success(request, "Your account and everything you wrote in it are deleted.")
        return redirect("home")
    return TemplateResponse(request, "accounts/delete.html", {"form": form})
