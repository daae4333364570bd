from django.urls import path

from sessions import api, views

app_name = "interviews"
urlpatterns = [
    # Timed mock interviews
    path("start/", views.start, name="start"),
    path("<int:pk>/", views.interview, name="interview"),
    path("<int:pk>/answers/<int:position>/", views.save_answer, name="save_answer"),
    path("<int:pk>/answers/<int:position>/run/", views.run_query, name="run_query"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/abandon/", views.abandon, name="abandon"),
    # The JSON protocol of the interview page's script
    path("<int:pk>/answers/<int:position>.json", api.answer, name="api_answer"),
    path("<int:pk>/submit.json", api.submit, name="api_submit"),
    # Review and self-grading
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/review/<int:position>/", views.grade, name="grade"),
    # Calibration: old answers graded again, blind
    path("regrade/", views.regrade, name="regrade"),
    path("regrade/<int:pk>/", views.save_regrade, name="save_regrade"),
    # History, a past session, a question's history, export
    path("history/", views.history, name="history"),
    path("history/<int:pk>/", views.session_detail, name="session_detail"),
    path("history/questions/<slug:slug>/", views.question_history, name="question_history"),
    path("history/questions/<slug:slug>/compare/", views.compare_answers, name="compare_answers"),
    path("history/export.<str:format>", views.export, name="export"),
]
