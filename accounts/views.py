from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from accounts.forms import DeleteAccountForm, ProfileForm, SignUpForm
from accounts.middleware import remember_time_zone
from accounts.models import Profile


@login_not_required
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return HttpResponseRedirect(next_url)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}! Your account is ready.")
        return HttpResponseRedirect(next_url)
    return TemplateResponse(
        request,
        "registration/signup.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


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
