"""The Django admin for the bank: key points inline and reorderable, search, filters, versions."""

import pytest

from questions.models import Question, Topic
from tests.conftest import make_question, make_topic


@pytest.fixture
def question(db):
    return make_question(slug="roc-curve", topic=make_topic("model-evaluation", "Model evaluation"))


def change_form(question: Question, **changes) -> dict:
    points = list(question.key_points.all())
    data = {
        "prompt": question.prompt,
        "slug": question.slug,
        "topic": question.topic_id,
        "kind": question.kind,
        "difficulty": question.difficulty,
        "suggested_minutes": question.suggested_minutes,
        "model_answer": question.model_answer,
        "common_mistakes": question.common_mistakes,
        "is_active": "on",
        "key_points-TOTAL_FORMS": len(points),
        "key_points-INITIAL_FORMS": len(points),
        "key_points-MIN_NUM_FORMS": 3,
        "key_points-MAX_NUM_FORMS": 7,
    }
    for index, point in enumerate(points):
        data |= {
            f"key_points-{index}-id": point.pk,
            f"key_points-{index}-question": question.pk,
            f"key_points-{index}-position": point.position,
            f"key_points-{index}-text": point.text,
            f"key_points-{index}-aliases": "[]",
        }
    return data | changes


def test_the_changelist_loads_with_search_and_filters(admin_client, question):
    make_question(slug="dropout", prompt="What does dropout do?", topic=make_topic("deep-learning"), difficulty="easy")
    response = admin_client.get("/admin/questions/question/")
    assert response.status_code == 200
    assert "roc-curve" in response.text
    for text in ("By topic", "By difficulty", "By is active"):
        assert text in response.text
    response = admin_client.get("/admin/questions/question/", {"q": "dropout"})
    assert "1 result" in response.text
    response = admin_client.get("/admin/questions/question/", {"difficulty__exact": "hard"})
    assert "0 questions" in response.text


def test_the_change_page_shows_key_points_inline_with_editable_positions(admin_client, question):
    response = admin_client.get(f"/admin/questions/question/{question.pk}/change/")
    assert response.status_code == 200
    assert 'name="key_points-0-position"' in response.text
    assert "ROC plots true positive rate against false positive rate" in response.text


def test_reordering_key_points_in_the_admin_records_a_new_version(admin_client, question):
    first, second = question.key_points.all()[:2]
    data = change_form(question, **{"key_points-0-position": 2, "key_points-1-position": 1})
    response = admin_client.post(f"/admin/questions/question/{question.pk}/change/", data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert list(question.key_points.all())[:2] == [second, first]
    assert question.version == 2
    assert question.content_hash == question.compute_content_hash()


def test_saving_without_changes_keeps_the_version(admin_client, question):
    admin_client.post(f"/admin/questions/question/{question.pk}/change/", change_form(question))
    question.refresh_from_db()
    assert question.version == 1


def add_form(topic: Topic, key_points: list[str]) -> dict:
    data = {
        "prompt": "What is a confusion matrix?",
        "slug": "confusion-matrix",
        "topic": topic.pk,
        "kind": "concept",
        "difficulty": "easy",
        "suggested_minutes": 3,
        "model_answer": "A table of predicted against actual classes.",
        "common_mistakes": "",
        "is_active": "on",
        "key_points-TOTAL_FORMS": len(key_points),
        "key_points-INITIAL_FORMS": 0,
        "key_points-MIN_NUM_FORMS": 3,
        "key_points-MAX_NUM_FORMS": 7,
    }
    for index, text in enumerate(key_points):
        data |= {f"key_points-{index}-position": index + 1, f"key_points-{index}-text": text}
    return data


@pytest.mark.parametrize("count", [0, 2])
def test_adding_a_question_with_fewer_than_three_key_points_is_refused(admin_client, db, count):
    # The import refuses such a question, so an export of it could not be loaded again.
    topic = make_topic("model-evaluation")
    response = admin_client.post(
        "/admin/questions/question/add/", add_form(topic, [f"Point {i}" for i in range(count)])
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [error.code for error in formset.non_form_errors().as_data()] == ["too_few_forms"]
    assert "Please submit at least 3 forms." in response.text
    assert not Question.objects.exists()


def test_adding_a_question_with_three_key_points_saves_it(admin_client, db):
    topic = make_topic("model-evaluation")
    response = admin_client.post("/admin/questions/question/add/", add_form(topic, ["One", "Two", "Three"]))
    assert response.status_code == 302
    question = Question.objects.get(slug="confusion-matrix")
    assert list(question.key_points.values_list("text", flat=True)) == ["One", "Two", "Three"]
    assert question.content_hash == question.compute_content_hash()


def test_adding_a_question_with_more_than_seven_key_points_is_refused(admin_client, db):
    topic = make_topic("model-evaluation")
    data = add_form(topic, [f"Point {i}" for i in range(8)]) | {"key_points-MAX_NUM_FORMS": 1000}
    response = admin_client.post("/admin/questions/question/add/", data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [error.code for error in formset.non_form_errors().as_data()] == ["too_many_forms"]
    assert not Question.objects.exists()


def test_deleting_key_points_below_three_is_refused(admin_client, question):
    data = change_form(question, **{"key_points-2-DELETE": "on"})
    response = admin_client.post(f"/admin/questions/question/{question.pk}/change/", data)
    assert response.status_code == 200
    assert question.key_points.count() == 3


def test_topic_and_tag_admin_pages_load(admin_client, question):
    assert admin_client.get("/admin/questions/topic/").status_code == 200
    assert admin_client.get("/admin/questions/tag/").status_code == 200
    assert admin_client.get("/admin/questions/question/add/").status_code == 200


def test_a_normal_user_cannot_reach_the_admin(alice_client, question):
    response = alice_client.get("/admin/questions/question/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_a_sql_question_saved_in_the_admin_stores_its_model_querys_result(admin_client, question):
    data = change_form(
        question,
        kind="sql",
        sql_schema="CREATE TABLE t (x INTEGER);",
        sql_data="INSERT INTO t VALUES (1), (2);",
        sql_model_query="SELECT SUM(x) FROM t",
        follow_ups='["What if t is empty?"]',
    )
    response = admin_client.post(f"/admin/questions/question/{question.pk}/change/", data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.sql_expected == {"columns": ["SUM(x)"], "rows": [[3]]}
    assert question.follow_ups == ["What if t is empty?"]


def test_a_sql_question_whose_model_query_fails_is_refused_with_sqlites_message(admin_client, question):
    data = change_form(
        question, kind="sql", sql_schema="CREATE TABLE t (x INTEGER);", sql_model_query="SELECT y FROM t"
    )
    response = admin_client.post(f"/admin/questions/question/{question.pk}/change/", data)
    assert response.status_code == 200
    assert "no such column: y" in response.text
    question.refresh_from_db()
    assert question.kind == "concept"


def test_empty_follow_ups_and_aliases_are_stored_as_empty_lists(admin_client, question):
    response = admin_client.post(f"/admin/questions/question/{question.pk}/change/", change_form(question))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.follow_ups == []
    assert [point.aliases for point in question.key_points.all()] == [[], [], []]
