from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import views
from accounts.forms import LogInForm, OurPasswordChangeForm, OurPasswordResetForm, OurSetPasswordForm

form_view = require_http_methods(["GET", "POST"])

# Django's own auth views, with our templates in templates/registration/. Each answers only the
# methods it uses (a class-based form view would also take PUT, as a POST).
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("settings/", views.account_settings, name="account_settings"),
    path("delete/", views.delete_account, name="delete_account"),
    path(
        "login/",
        form_view(auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LogInForm)),
        name="login",
    ),
    path("logout/", require_POST(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "password/change/",
        form_view(auth_views.PasswordChangeView.as_view(form_class=OurPasswordChangeForm)),
        name="password_change",
    ),
    path(
        "password/change/done/",
        require_safe(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        form_view(views.PasswordResetView.as_view(form_class=OurPasswordResetForm)),
        name="password_reset",
    ),
    path("password/reset/done/", require_safe(auth_views.PasswordResetDoneView.as_view()), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        form_view(auth_views.PasswordResetConfirmView.as_view(form_class=OurSetPasswordForm)),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        require_safe(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
