from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from interviewprep.htmx import partial_or_page
from questions.forms import QuestionFilterForm
from questions.models import Question, Topic
from sessions.models import InterviewSession


@require_safe
def question_list(request: HttpRequest) -> HttpResponse:
    """The bank, filtered by topic, difficulty and text; with htmx only the results. Three
    queries whatever the size of the bank: counts per topic, topics, questions."""
    filters = QuestionFilterForm(request.GET or None)
    bank = Question.objects.active()
    counts = filters.filter(bank, by_topic=False).count_by_topic()
    selected_topic = filters.value("topic")
    all_topics = list(Topic.objects.all())
    topics = [topic for topic in all_topics if counts.get(topic.pk) or topic == selected_topic]
    for topic in topics:
        topic.matching = counts.get(topic.pk, 0)
    questions = filters.filter(bank).select_related("topic")
    context = {
        "filters": filters,
        "questions": questions,
        "topics": topics,
        "all_topics": all_topics,
        "selected_topic": selected_topic,
        "matching_any_topic": sum(counts.values()),
    }
    return TemplateResponse(request, partial_or_page(request, "questions/question_list.html", "results"), context)


@require_safe
def question_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A question with its model answer; retired questions only for staff."""
    questions = Question.objects.all() if request.user.is_staff else Question.objects.active()
    question = get_object_or_404(questions.select_related("topic").prefetch_related("key_points", "tags"), slug=slug)
    previous, following = Question.objects.active().neighbours(question)
    # The model answer stays hidden while this question is being asked in the user's interview.
    asking_now = (
        InterviewSession.objects.for_user(request.user)
        .in_progress()
        .filter(session_questions__question=question)
        .first()
    )
    context = {"question": question, "previous": previous, "next": following, "asking_now": asking_now}
    return TemplateResponse(request, "questions/question_detail.html", context)
