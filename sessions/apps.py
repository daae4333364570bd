from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    """Timed mock interviews, answers, self-grades and history.

    The package is `sessions`, but django.contrib.sessions already holds that app label.
    """

    name = "sessions"
    label = "interviews"
    verbose_name = "Mock interviews"
