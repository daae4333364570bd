from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from questions.models import Question


def question_list(request: HttpRequest) -> HttpResponse:
    questions = Question.objects.active().select_related("topic")
    return TemplateResponse(request, "questions/question_list.html", {"questions": questions})
