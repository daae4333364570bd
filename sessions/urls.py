from django.urls import path

from sessions import views

app_name = "sessions"
urlpatterns = [
    # Timed mock interviews (issue 4)
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.interview, name="interview"),
    path("<int:pk>/answers/<int:position>/", views.save_answer, name="save_answer"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/abandon/", views.abandon, name="abandon"),
    # Review and self-grading (issue 5)
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/review/<int:position>/", views.grade, name="grade"),
    # History, a past session, a question's history, export (issue 6)
    path("history/", views.history, name="history"),
    path("history/<int:pk>/", views.session_detail, name="session_detail"),
    path("history/questions/<slug:slug>/", views.question_history, name="question_history"),
    path("history/export.<str:format>", views.export, name="export"),
]
