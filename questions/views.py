from dataclasses import dataclass

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from interviewprep.htmx import partial_or_page
from questions.forms import QuestionFilterForm
from questions.models import Area, Question, Topic
from sessions.due import answered_question_ids, cards_by_question
from sessions.services import in_running_interview


@login_not_required
@require_safe
def question_list(request: HttpRequest) -> HttpResponse:
    """Public: the bank's prompts, filtered by area, topic, kind, difficulty and text; with htmx
    only the results. Three queries whatever the size of the bank (counts per topic, topics,
    questions), and two more for a logged-in user's review cards and answered questions."""
    filters = QuestionFilterForm(request.GET or None)
    bank = Question.objects.active()
    counts = filters.filter(bank, by_topic=False).count_by_topic()
    selected_topic, selected_area = filters.value("topic"), filters.value("area")
    all_topics = list(Topic.objects.all())
    topics = [topic for topic in all_topics if counts.get(topic.pk) or topic == selected_topic]
    for topic in topics:
        topic.matching = counts.get(topic.pk, 0)
    # Only what the list shows: the model answers alone would be most of the bytes read.
    shown = ("slug", "prompt", "topic__name", "kind", "difficulty", "suggested_minutes", "is_active")
    questions = list(filters.filter(bank).select_related("topic").only(*shown))
    # The user's schedule of each question: one query for all of them.
    cards = cards_by_question(request.user) if request.user.is_authenticated else {}
    answered = answered_question_ids(request.user) if request.user.is_authenticated else set()
    for question in questions:
        question.card = cards.get(question.pk)
        question.answered = question.pk in answered
    context = {
        "filters": filters,
        "questions": questions,
        "topics": topics,
        "areas": topic_areas(topics, selected_area),
        "all_topics": all_topics,
        "selected_topic": selected_topic,
        "selected_area": selected_area,
        "matching_any_topic": sum(counts.values()),
    }
    return TemplateResponse(request, partial_or_page(request, "questions/question_list.html", "results"), context)


@dataclass
class TopicArea:
    value: str
    label: str
    topics: list[Topic]
    selected: bool

    @property
    def matching(self) -> int:
        return sum(topic.matching for topic in self.topics)


def topic_areas(topics: list[Topic], selected: str | None) -> list[TopicArea]:
    """The topics grouped by area, in the areas' order, leaving out areas with none."""
    areas = [
        TopicArea(area.value, area.label, [topic for topic in topics if topic.area == area], area == selected)
        for area in Area
    ]
    return [area for area in areas if area.topics]


@login_not_required
@require_safe
def question_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A question with its model answer; retired questions only for staff. Public, but a visitor
    sees only the prompt: the model answer and key points are for those who practise."""
    questions = Question.objects.all() if request.user.is_staff else Question.objects.active()
    question = get_object_or_404(questions.select_related("topic").prefetch_related("key_points", "tags"), slug=slug)
    previous, following = Question.objects.active().neighbours(question)
    # The model answer stays hidden while this question is being asked in the user's interview.
    asking_now = in_running_interview(request.user, question) if request.user.is_authenticated else None
    card = cards_by_question(request.user, [question.pk]).get(question.pk) if request.user.is_authenticated else None
    answered = request.user.is_authenticated and bool(answered_question_ids(request.user, [question.pk]))
    context = {
        "question": question,
        "previous": previous,
        "next": following,
        "asking_now": asking_now,
        "card": card,
        "answered": answered,
    }
    return TemplateResponse(request, "questions/question_detail.html", context)
