from sessions.models import InterviewSession, SelfGrade, Status
from tests.conftest import grade_all, make_session


def test_with_scores_counts_answers_grades_and_key_points_without_multiplying(user):
    session = make_session(user, answers={1: "An answer", 2: "Another"}, status=Status.SUBMITTED)
    items = list(session.session_questions.all())
    grade_all(session, grade=3)
    SelfGrade.objects.filter(session_question=items[0]).update(grade=1)

    scored = InterviewSession.objects.with_scores().get(pk=session.pk)
    assert scored.answered_count == 2
    assert scored.graded_count == 3
    assert scored.mean_grade == (1 + 3 + 3) / 3
    assert scored.key_points_total == 9
    assert scored.key_points_covered == 3


def test_with_scores_of_an_ungraded_session(user):
    session = make_session(user)
    scored = InterviewSession.objects.with_scores().get(pk=session.pk)
    assert (scored.answered_count, scored.graded_count, scored.mean_grade) == (0, 0, None)
