"""A user's whole history as CSV (one row per question asked, with the question's review and
schedule) or JSON (sessions holding their questions, and the review cards with their reviews):
five queries whatever the history length, grouped in Python."""

import csv
import io
from collections import defaultdict
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone

from sessions.models import InterviewSession, Review, ReviewCard, SessionKeyPoint, SessionQuestion

CSV_COLUMNS = [
    "session_id",
    "started_at",
    "finished_at",
    "status",
    "format",
    "minutes_allowed",
    "time_used_seconds",
    "position",
    "topic",
    "question_slug",
    "question_version",
    "prompt",
    "answer",
    "answer_saved_at",
    "time_spent_seconds",
    "late_draft",
    "late_saved_at",
    "key_points_total",
    "key_points_ticked",
    "key_points_ticked_text",
    "grade",
    "grade_label",
    "note",
    "graded_at",
    # The review this grade made, and the question's schedule now (the same on every row of it).
    "review_rating",
    "reviewed_at",
    "card_state",
    "card_due",
    "card_stability",
    "card_difficulty",
    "sql_run_count",
    "sql_check_status",
    "sql_check",
]


def _time(value: datetime | None) -> str | None:
    """ISO 8601 in the user's time zone (the active one), with its offset."""
    return timezone.localtime(value).isoformat() if value else None


def _question(item: SessionQuestion, points: list[SessionKeyPoint]) -> dict:
    answer = getattr(item, "answer", None)
    grade = getattr(item, "self_grade", None)
    review = getattr(grade, "review", None) if grade else None
    check = answer.sql_check if answer else None
    return {
        "position": item.position,
        "topic": item.topic.name,
        "question_slug": item.question.slug if item.question else None,
        "question_version": item.question_version,
        "prompt": item.prompt,
        "answer": answer.text if answer else "",
        "answer_saved_at": _time(answer.saved_at) if answer else None,
        "time_spent_seconds": answer.time_spent_seconds if answer else 0,
        "late_draft": answer.late_text if answer else "",
        "late_saved_at": _time(answer.late_saved_at) if answer else None,
        "key_points": [{"text": point.text, "ticked": point.covered} for point in points],
        "grade": grade.grade if grade else None,
        "grade_label": grade.get_grade_display() if grade else None,
        "note": grade.note if grade else "",
        "graded_at": _time(grade.graded_at) if grade else None,
        "review_rating": review.rating if review else None,
        "reviewed_at": _time(review.reviewed_at) if review else None,
        # A SQL question: runs in the interview, and the review's check of the final query (a
        # hint, not a grade; computed when the review or the past session was first shown).
        "sql_run_count": answer.sql_run_count if answer else 0,
        "sql_check_status": check.get("status") if check else None,
        "sql_check": check.get("summary") if check else None,
    }


def history_of(owner) -> list[dict]:
    """Every session of `owner`, newest first, each with its questions, answers, ticked key
    points, grades and notes. Three queries."""
    sessions = list(InterviewSession.objects.for_user(owner).order_by("-started_at", "-pk"))
    items = (
        SessionQuestion.objects.filter(session__owner=owner)
        .select_related("topic", "question", "answer", "self_grade__review")
        .order_by("session", "position")
    )
    points = defaultdict(list)
    for point in SessionKeyPoint.objects.filter(session_question__session__owner=owner).order_by(
        "session_question", "position", "pk"
    ):
        points[point.session_question_id].append(point)
    questions = defaultdict(list)
    for item in items:
        questions[item.session_id].append(_question(item, points[item.pk]))

    history = []
    for session in sessions:
        asked = questions[session.pk]
        grades = [question["grade"] for question in asked if question["grade"] is not None]
        history.append(
            {
                "id": session.pk,
                "format": session.format,
                "status": session.status,
                "started_at": _time(session.started_at),
                "deadline": _time(session.deadline),
                "finished_at": _time(session.finished_at),
                "minutes_allowed": session.minutes,
                "time_used_seconds": int(session.time_used().total_seconds()),
                "question_count": session.question_count,
                "graded_count": len(grades),
                "mean_grade": round(sum(grades) / len(grades), 2) if grades else None,
                "questions": asked,
            }
        )
    return history


def cards_of(owner) -> list[dict]:
    """Every review card of `owner` (its FSRS state and due date) with its reviews, oldest first:
    two queries."""
    reviews = Review.objects.select_related("self_grade__session_question").order_by("reviewed_at", "pk")
    cards = ReviewCard.objects.for_user(owner).select_related("question").prefetch_related(Prefetch("reviews", reviews))
    return [
        {
            "question_slug": card.question.slug,
            "state": card.get_state_display(),
            "step": card.step,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "due": _time(card.due),
            "last_review": _time(card.last_review),
            "last_grade": card.last_grade,
            "in_queue": card.question.is_active,
            "reviews": [
                {
                    "grade": review.grade,
                    "rating": review.rating,
                    "reviewed_at": _time(review.reviewed_at),
                    "duration_seconds": review.duration_seconds,
                    "was_due": review.was_due,
                    "session_id": review.self_grade.session_question.session_id,
                }
                for review in card.reviews.all()
            ],
        }
        for card in cards.order_by("question__slug")
    ]


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), say).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """Text the user wrote, made inert for a spreadsheet: a leading ' (the usual neutraliser,
    which spreadsheets do not show) before a formula start. Numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(history: list[dict], cards: list[dict] = ()) -> str:
    """One row per question asked, with its question's card from `cards` (cards_of()); free text
    is neutralised against formula injection (the JSON export keeps every text exactly)."""
    card_of = {card["question_slug"]: card for card in cards}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for session in history:
        for question in session["questions"]:
            ticked = [point["text"] for point in question["key_points"] if point["ticked"]]
            row = {
                "session_id": session["id"],
                "started_at": session["started_at"],
                "finished_at": session["finished_at"],
                "status": session["status"],
                "format": session["format"],
                "minutes_allowed": session["minutes_allowed"],
                "time_used_seconds": session["time_used_seconds"],
                **{key: question[key] for key in CSV_COLUMNS if key in question},
                "key_points_total": len(question["key_points"]),
                "key_points_ticked": len(ticked),
                "key_points_ticked_text": " | ".join(ticked),
                **_card_columns(card_of.get(question["question_slug"])),
            }
            writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue()


def _card_columns(card: dict | None) -> dict:
    if card is None:
        return {}
    return {
        "card_state": card["state"],
        "card_due": card["due"],
        "card_stability": card["stability"],
        "card_difficulty": card["difficulty"],
    }
