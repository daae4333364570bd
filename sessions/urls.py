from django.urls import path

from sessions import views

app_name = "sessions"
urlpatterns = [
    path("start/", views.start, name="start"),
    path("history/", views.history, name="history"),
]
