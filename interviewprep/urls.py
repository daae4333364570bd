from django.contrib import admin
from django.urls import include, path

from sessions import views as session_views

urlpatterns = [
    path("", session_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("questions/", include("questions.urls")),
    path("interviews/", include("sessions.urls")),
    path("admin/", admin.site.urls),
]
