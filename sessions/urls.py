from django.urls import path

from sessions import views

app_name = "sessions"
urlpatterns = [
    # Timed mock interviews (issue 4)
    path("start/", views.start, name="start"),
    # Review and self-grading (issue 5)
    # History and export (issue 6)
    path("history/", views.history, name="history"),
]
