"""Running a SQL question's query in the interview (the Run button: htmx and a plain post), the
sandbox's refusals of everything that is not reading, and the review's check of the final query
against the expected result."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse

from questions.models import Question
from questions.sql import MAX_ROWS, run_on_tables
from questions.sql_check import compare
from sessions import sql_runs
from sessions.models import Answer, Status
from tests.conftest import SQL_DATA, SQL_SCHEMA, make_question, make_session, make_sql_question

HTMX = {"HX-Request": "true"}
GOOD_QUERY = "SELECT u.user_id, u.name FROM users u LEFT JOIN orders o ON o.user_id = u.user_id AND o.status = 'completed' WHERE o.order_id IS NULL ORDER BY 1"  # noqa: E501


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The rate limit lives in the cache, which outlives each test's database.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sql_session(user):
    return make_session(user, [make_sql_question(), make_question(slug="concept")])


def run_url(session, position: int = 1) -> str:
    return reverse("interviews:run_query", args=[session.pk, position])


def run(client, session, text: str, htmx: bool = True, position: int = 1):
    return client.post(run_url(session, position), {"text": text}, headers=HTMX if htmx else {})


def answer_of(session, position: int = 1) -> Answer:
    return Answer.objects.get(session_question__session=session, session_question__position=position)


def cells(response) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", response.content.decode())


# ---------------------------------------------------------------------------------------------
# The interview page of a SQL question
# ---------------------------------------------------------------------------------------------


def test_the_interview_page_shows_the_tables_with_sample_rows_the_dialect_and_a_run_button(alice_client, sql_session):
    response = alice_client.get(reverse("interviews:interview", args=[sql_session.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<code>users</code>" in page and "8 rows, the first 5 shown" in page
    assert "Ana" in page and "Eli" in page and "Fay" not in page  # five sample rows
    assert "CREATE TABLE orders" in page
    assert "SQLite 3." in page and "window functions" in page
    assert "data-sql-editor" in page and 'spellcheck="false"' in page
    assert f'formaction="{run_url(sql_session)}"' in page and f'hx-post="{run_url(sql_session)}"' in page
    assert "Run your query to see its result here." in page


def test_a_question_that_is_not_sql_has_no_editor_and_no_run(alice_client, sql_session):
    page = alice_client.get(reverse("interviews:interview", args=[sql_session.pk]) + "?q=2").content.decode()
    assert "data-sql-editor" not in page and "data-run-query" not in page
    assert run(alice_client, sql_session, "SELECT 1", position=2).status_code == 404


# ---------------------------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------------------------


def test_run_shows_the_result_table_its_row_count_and_time_and_counts_the_run(alice_client, sql_session):
    response = run(alice_client, sql_session, GOOD_QUERY)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section class="sql-result" id="sql-result"')  # the fragment only
    assert "<strong>4 rows</strong>" in page and re.search(r"· [0-9.]+ ms", page)
    assert cells(response) == ["2", "Ben", "4", "Dara", "6", "Fay", "7", "Gus"]
    assert "Run 1 time on this question." in page
    assert answer_of(sql_session).sql_run_count == 1
    run(alice_client, sql_session, GOOD_QUERY)
    assert answer_of(sql_session).sql_run_count == 2


def test_an_htmx_run_leaves_saving_to_the_autosave_and_keeps_the_clock(alice_client, sql_session):
    deadline = sql_session.deadline
    run(alice_client, sql_session, GOOD_QUERY)
    assert answer_of(sql_session).text == ""
    sql_session.refresh_from_db()
    assert (sql_session.status, sql_session.deadline) == (Status.IN_PROGRESS, deadline)


def test_a_plain_post_saves_the_query_and_shows_the_page_with_the_result(alice_client, sql_session):
    response = alice_client.post(run_url(sql_session), {"text": GOOD_QUERY, "go": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Question 1 of 2" in page and "<strong>4 rows</strong>" in page
    assert "SELECT u.user_id, u.name FROM users u LEFT JOIN" in page  # the query stays in the box
    answer = answer_of(sql_session)
    assert (answer.text, answer.sql_run_count) == (GOOD_QUERY, 1)


def test_null_shows_as_null_and_only_the_first_100_rows_are_shown(alice_client, sql_session):
    response = run(alice_client, sql_session, "SELECT order_id, amount FROM orders WHERE order_id = 105")
    assert cells(response) == ["105", "NULL"]
    query = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250) SELECT i FROM n"
    response = run(alice_client, sql_session, query)
    page = response.content.decode()
    assert "<strong>250 rows</strong>" in page and "the first 100 shown" in page
    assert len(cells(response)) == 100


def test_fetching_stops_at_the_row_cap(alice_client, sql_session):
    query = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"
    page = run(alice_client, sql_session, query).content.decode()
    assert f"More than {MAX_ROWS:,} rows" in page and "the first 100 shown" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * FORM users", 'near "FORM": syntax error'),
        ("SELECT user_idd FROM users", "no such column: user_idd"),
        ("SELECT * FROM customers", "no such table: customers"),
    ],
)
def test_a_broken_query_gets_sqlites_message(alice_client, sql_session, query, message):
    response = run(alice_client, sql_session, query)
    assert response.status_code == 200
    assert message.replace('"', "&quot;") in response.content.decode()
    assert answer_of(sql_session).sql_run_count == 1


def test_a_query_running_for_more_than_a_second_is_stopped(alice_client, sql_session):
    query = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    response = run(alice_client, sql_session, query)
    assert response.status_code == 200
    assert "ran for more than 1 second and was stopped" in response.content.decode()


def test_runs_are_rate_limited_per_user(alice_client, sql_session, other_user, client, monkeypatch):
    monkeypatch.setattr(sql_runs, "RUNS_PER_MINUTE", 3)
    for _ in range(3):
        assert "<strong>4 rows</strong>" in run(alice_client, sql_session, GOOD_QUERY).content.decode()
    response = run(alice_client, sql_session, GOOD_QUERY)
    page = response.content.decode()
    assert response.status_code == 200
    assert "You ran 3 queries in the last minute: wait" in page and "4 rows" not in page
    assert answer_of(sql_session).sql_run_count == 3
    plain = alice_client.post(run_url(sql_session), {"text": GOOD_QUERY})
    assert plain.status_code == 429 and "You ran 3 queries" in plain.content.decode()
    assert answer_of(sql_session).text == GOOD_QUERY  # the plain post still saved the query
    # Another user has their own allowance.
    bobs = make_session(other_user, [Question.objects.get(slug="users-without-orders")])
    client.force_login(other_user)
    assert "<strong>4 rows</strong>" in run(client, bobs, GOOD_QUERY).content.decode()


def test_another_users_session_is_a_404_and_runs_nothing(client, sql_session, other_user):
    client.force_login(other_user)
    for headers in ({}, HTMX):
        response = client.post(run_url(sql_session), {"text": GOOD_QUERY}, headers=headers)
        assert response.status_code == 404
    assert answer_of(sql_session).sql_run_count == 0


def test_a_visitor_is_sent_to_log_in_and_a_get_is_refused(client, alice_client, sql_session):
    assert alice_client.get(run_url(sql_session)).status_code == 405
    alice_client.logout()
    response = client.post(run_url(sql_session), {"text": GOOD_QUERY})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_a_run_after_the_end_goes_to_the_review(alice_client, sql_session):
    sql_session.submit()
    response = run(alice_client, sql_session, GOOD_QUERY)
    assert response["HX-Redirect"] == reverse("interviews:review", args=[sql_session.pk])
    response = run(alice_client, sql_session, GOOD_QUERY, htmx=False)
    assert response.status_code == 302 and response.url == reverse("interviews:review", args=[sql_session.pk])


# ---------------------------------------------------------------------------------------------
# Malicious and broken queries: a clear message, a 200, nothing touched outside the sandbox
# ---------------------------------------------------------------------------------------------

ATTACK_FILE = "/tmp/interviewprep-sql-attack.db"
VACUUM_FILE = "/tmp/interviewprep-sql-vacuum.db"
MALICIOUS = [
    (f"ATTACH DATABASE '{ATTACK_FILE}' AS evil", "ATTACH is not allowed"),
    (f"SELECT 1; ATTACH DATABASE '{ATTACK_FILE}' AS evil", "Run one statement at a time: this text holds 2."),
    ("DETACH DATABASE main", "DETACH is not allowed"),
    ("PRAGMA writable_schema = ON", "PRAGMA is not allowed"),
    ("SELECT * FROM pragma_database_list", "PRAGMA is not allowed"),
    ("SELECT name FROM pragma_table_info('users')", "PRAGMA is not allowed"),
    ("SELECT fts3_tokenizer('simple')", "The function fts3_tokenizer() is not allowed"),
    ("SELECT CAST(x'ff' AS TEXT)", "Could not decode to UTF-8"),
    ("DELETE FROM users", "DELETE is not allowed"),
    ("WITH doomed AS (SELECT 1) DELETE FROM users", "DELETE is not allowed"),
    ("UPDATE users SET name = 'pwned'", "UPDATE is not allowed"),
    ("INSERT INTO users VALUES (99, 'Mallory')", "INSERT is not allowed"),
    ("DROP TABLE users", "DROP is not allowed"),
    ("CREATE TABLE loot (x)", "CREATE is not allowed"),
    (f"VACUUM INTO '{VACUUM_FILE}'", "VACUUM is not allowed"),
    ("SELECT load_extension('/usr/lib/x86_64-linux-gnu/libsqlite3.so.0')", "The function load_extension() is not"),
    ("SELECT writefile('/tmp/x', 'a')", "no such function: writefile"),
    (
        "WITH RECURSIVE forever(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM forever) SELECT max(n) FROM forever",
        "ran for more than 1 second",
    ),
    (
        "SELECT count(*) FROM users a, users b, users c, users d, users e, users f, users g, users h, users i, users j",
        "ran for more than 1 second",
    ),
    ("SELECT printf('%.*c', 1000000000, 'x')", "printf() widths and precisions go up to 100,000"),
    ("SELECT format(x'252e2a63', 1e9, 'x')", "printf() widths and precisions go up to 100,000"),
    ("SELECT randomblob(1000000000)", "A value in the result is too big"),
    ("SELECT length(zeroblob(1e9))", "A value in the result is too big"),
    ("SELECT 1; SELECT 2", "Run one statement at a time: this text holds 2."),
    ("BEGIN; DELETE FROM users; COMMIT", "Run one statement at a time: this text holds 3."),
    ("", "Write a query first: the box is empty."),
    ("  ;\n-- nothing here\n", "Write a query first: the box is empty."),
    ("SELECT 'a\x00b'", "Null characters are not allowed."),
    ("SELECT '" + "x" * 15_000 + "'", "Run takes queries up to 10,000."),
    ("SELECT '" + "x" * 100_000 + "'", "the limit is 20,000"),
]


@pytest.mark.parametrize(("query", "message"), MALICIOUS, ids=[f"{i}-{q[:30]}" for i, (q, _) in enumerate(MALICIOUS)])
@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "plain"])
def test_a_malicious_or_broken_query_gets_a_clear_message_and_changes_nothing(
    alice_client, sql_session, query, message, htmx
):
    question = Question.objects.get(slug="users-without-orders")
    before = (User.objects.count(), Answer.objects.count(), question.sql_data, question.version)
    response = run(alice_client, sql_session, query, htmx=htmx)
    assert response.status_code == 200
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page
    assert "sql-error" in page and "<strong>" not in page.split('id="sql-result"')[1].split("</section>")[0]
    question.refresh_from_db()
    assert (User.objects.count(), Answer.objects.count(), question.sql_data, question.version) == before
    assert not Path(ATTACK_FILE).exists() and not Path(VACUUM_FILE).exists()
    # The question's own tables are untouched for the next run.
    assert run_on_tables(SQL_SCHEMA, SQL_DATA, "SELECT count(*) FROM users").rows == [[8]]


# ---------------------------------------------------------------------------------------------
# The review's check of the final query
# ---------------------------------------------------------------------------------------------


def finished_with(user, query: str, ordered: bool = True):
    question = Question.objects.filter(slug="users-without-orders").first() or make_sql_question(ordered=ordered)
    return make_session(user, [question], answers={1: query}, status=Status.SUBMITTED)


def review_page(client, session) -> str:
    response = client.get(reverse("interviews:review", args=[session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_matching_final_query_is_shown_as_a_match_beside_the_model_query_and_its_result(alice_client, user):
    session = finished_with(user, GOOD_QUERY)
    page = review_page(alice_client, session)
    assert "✓ Matches the expected result (4 rows)." in page
    assert "A hint beside your own grade, not a grade" in page
    assert "Model query" in page and "WHERE NOT EXISTS" in page and "4 rows, in this order" in page
    check = answer_of(session).sql_check
    assert check["status"] == "match"
    assert check["question_version"] == Question.objects.get(slug="users-without-orders").version
    # A hint only: no grade is given.
    assert not session.session_questions.get().self_grade_or_none()


def test_missing_rows_are_counted_and_listed(alice_client, user):
    session = finished_with(user, "SELECT user_id, name FROM users WHERE user_id IN (2, 4) ORDER BY 1")
    page = review_page(alice_client, session)
    assert "Differs: 2 expected rows missing." in page
    assert "Expected rows missing from your result" in page
    assert answer_of(session).sql_check["missing"] == [[6, "Fay"], [7, "Gus"]]


def test_extra_rows_are_counted_and_listed(alice_client, user):
    session = finished_with(user, "SELECT user_id, name AS who FROM users WHERE user_id IN (1, 2, 4, 6, 7) ORDER BY 1")
    page = review_page(alice_client, session)
    assert "Differs: 1 extra row." in page and "Rows of yours not in the expected result" in page
    assert answer_of(session).sql_check["extra"] == [[1, "Ana"]]


def test_missing_and_extra_together(alice_client, user):
    session = finished_with(user, "SELECT user_id, name FROM users WHERE user_id IN (1, 2, 3) ORDER BY 1")
    assert "Differs: 3 expected rows missing, 2 extra rows." in review_page(alice_client, session)


def test_the_order_counts_when_the_question_asks_for_one(alice_client, user):
    session = finished_with(user, GOOD_QUERY.replace("ORDER BY 1", "ORDER BY 1 DESC"))
    assert "Differs: the same rows in another order (from row 1)" in review_page(alice_client, session)


def test_the_order_does_not_count_when_the_question_asks_for_none(alice_client, user):
    make_sql_question(ordered=False)
    session = finished_with(user, GOOD_QUERY.replace("ORDER BY 1", "ORDER BY 1 DESC"))
    assert "Matches the expected result (4 rows)." in review_page(alice_client, session)


def test_a_final_query_that_fails_or_is_empty_says_so(alice_client, user):
    session = finished_with(user, "SELECT * FORM users")
    assert "Your final query did not run: near &quot;FORM&quot;: syntax error" in review_page(alice_client, session)
    empty = finished_with(user, "")
    assert "No query to check: the answer is empty." in review_page(alice_client, empty)


def test_values_json_cannot_hold_are_stored_as_text(alice_client, user):
    session = finished_with(user, "SELECT 1e999, 'a' || char(0) || 'b' UNION ALL SELECT -1e999, x'00ff'")
    assert "Differs: 4 expected rows missing, 2 extra rows." in review_page(alice_client, session)
    assert answer_of(session).sql_check["extra"] == [["inf", "a\\0b"], ["-inf", "x'00ff'"]]


def test_printf_works_as_sqlites_own(alice_client, sql_session):
    query = "SELECT printf('%.2f|%5d|%s|%%|%.*c', amount, order_id, status, 3, 'x') FROM orders WHERE order_id = 101"
    assert cells(run(alice_client, sql_session, query)) == ["25.00|  101|completed|%|xxx"]


def test_table_valued_functions_that_only_read_are_allowed(alice_client, sql_session):
    response = run(alice_client, sql_session, "SELECT value FROM json_each('[10, 20]')")
    assert cells(response) == ["10", "20"]


def test_a_wrong_number_of_columns_is_named(alice_client, user):
    session = finished_with(user, "SELECT user_id FROM users ORDER BY 1")
    assert "Differs: your result has 1 column, the expected one 2." in review_page(alice_client, session)


def test_the_check_is_stored_and_recomputed_only_when_the_question_version_changes(alice_client, user):
    session = finished_with(user, GOOD_QUERY)
    review_page(alice_client, session)
    question = Question.objects.get(slug="users-without-orders")
    # The expected result changes without a new version: the stored check stands.
    Question.objects.filter(pk=question.pk).update(sql_expected={"columns": ["user_id"], "rows": [[1]]})
    assert "Matches the expected result (4 rows)." in review_page(alice_client, session)
    # A new version (the bank file changed): the check is made again, on the new expected result.
    Question.objects.filter(pk=question.pk).update(version=question.version + 1)
    page = review_page(alice_client, session)
    assert "Differs: your result has 2 columns, the expected one 1." in page
    assert answer_of(session).sql_check_version == question.version + 1


def test_history_and_export_show_the_check(alice_client, user):
    session = finished_with(user, GOOD_QUERY)
    review_page(alice_client, session)
    page = alice_client.get(reverse("interviews:session_detail", args=[session.pk])).content.decode()
    assert "Matches the expected result (4 rows)." in page
    document = json.loads(alice_client.get(reverse("interviews:export", args=["json"])).content)
    question = document["sessions"][0]["questions"][0]
    assert (question["sql_check_status"], question["sql_check"]) == ("match", "Matches the expected result (4 rows).")
    csv_text = alice_client.get(reverse("interviews:export", args=["csv"])).content.decode()
    assert "sql_check" in csv_text.splitlines()[0] and "Matches the expected result (4 rows)." in csv_text


def test_a_concept_question_gets_no_check(alice_client, user):
    session = make_session(user, [make_question()], answers={1: "SELECT 1"}, status=Status.SUBMITTED)
    page = review_page(alice_client, session)
    assert "data-sql-check" not in page and answer_of(session).sql_check is None


# ---------------------------------------------------------------------------------------------
# The comparison itself
# ---------------------------------------------------------------------------------------------

EXPECTED = {"columns": ["k", "v"], "rows": [[1, 0.3], [2, None], [2, None], [3, "x"]]}


def test_numbers_match_within_a_small_tolerance_and_nulls_are_equal():
    rows = [[1.0, 0.1 + 0.2], [2, None], [2, None], [3, "x"]]
    assert compare(["a", "b"], rows, EXPECTED, ordered=True)["status"] == "match"
    assert compare(["a", "b"], [[1, 0.30001], *rows[1:]], EXPECTED, ordered=True)["summary"].startswith("Differs")


def test_rows_are_a_multiset_duplicates_count():
    rows = [[3, "x"], [2, None], [1, 0.3]]
    check = compare(["a", "b"], rows, EXPECTED, ordered=False)
    assert (check["missing_count"], check["missing"]) == (1, [[2, None]])
    assert compare(["a", "b"], [*rows, [2, None]], EXPECTED, ordered=False)["status"] == "match"


def test_text_is_not_a_number():
    check = compare(["a", "b"], [["1", 0.3], [2, None], [2, None], [3, "x"]], EXPECTED, ordered=False)
    assert (check["missing_count"], check["extra_count"]) == (1, 1)
