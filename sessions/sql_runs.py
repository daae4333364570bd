"""A SQL question in a session: running the answer box's query during the interview (counted
per question, rate-limited per user) and checking the final query against the expected result
on the review (stored on the answer). The sandbox itself is questions/sql.py, the comparison
questions/sql_check.py."""

import hashlib
from dataclasses import dataclass

from django.db.models import F

from interviewprep.ratelimit import Limit
from questions.models import Kind
from questions.sql import DIALECT, QueryResult, SqlError, run_on_tables
from questions.sql_check import compare
from sessions.models import Answer, SessionQuestion

# Runs a user may make in a minute, over all their questions: enough to iterate on a query,
# too few to use the server as a SQLite service.
RUNS_PER_MINUTE = 30
RATE_WINDOW_SECONDS = 60


@dataclass
class SqlRun:
    """What the result panel under the editor shows: a result, or a message."""

    result: QueryResult | None = None
    error: str = ""
    rate_limited: bool = False
    run_count: int = 0
    dialect: str = DIALECT


def is_sql(item: SessionQuestion) -> bool:
    """A SQL question whose tables are still in the bank (a deleted question has none to run on)."""
    question = item.question
    return question is not None and question.kind == Kind.SQL and bool(question.sql_schema)


def _seconds_to_wait(user) -> int:
    """0 when `user` may run a query now (and counts this run), else the seconds until they may:
    a fixed one-minute window in the cache, shared by every server process using it."""
    limit = Limit("sql-run", RUNS_PER_MINUTE, RATE_WINDOW_SECONDS)
    return 0 if limit.hit(str(user.pk)) else limit.retry_after()


def run(user, item: SessionQuestion, query: str) -> SqlRun:
    """Runs `query` on the question's tables in the sandbox and counts the run on the answer.
    Never raises for a bad query: the message is in the result."""
    wait = _seconds_to_wait(user)
    if wait:
        return SqlRun(
            error=(
                f"You ran {RUNS_PER_MINUTE} queries in the last minute: wait {wait} second"
                f"{'s' if wait != 1 else ''}, then run again. The clock keeps running; your query is kept."
            ),
            rate_limited=True,
            run_count=item.answer.sql_run_count,
        )
    question = item.question
    try:
        outcome = SqlRun(result=run_on_tables(question.sql_schema, question.sql_data, query))
    except SqlError as error:
        outcome = SqlRun(error=str(error))
    Answer.objects.filter(pk=item.answer.pk).update(sql_run_count=F("sql_run_count") + 1)
    item.answer.refresh_from_db(fields=["sql_run_count"])
    outcome.run_count = item.answer.sql_run_count
    return outcome


# ---------------------------------------------------------------------------------------------
# The review's check of the final query
# ---------------------------------------------------------------------------------------------


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _check(item: SessionQuestion, text: str) -> dict:
    question = item.question
    base = {"query_digest": _digest(text), "question_version": question.version}
    if not text.strip():
        return base | {"status": "no_query", "summary": "No query to check: the answer is empty."}
    try:
        result = run_on_tables(question.sql_schema, question.sql_data, text)
    except SqlError as error:
        return base | {"status": "error", "error": str(error), "summary": f"Your final query did not run: {error}"}
    return base | compare(result.columns, result.rows, question.sql_expected, question.sql_ordered, result.truncated)


def check_answer(item: SessionQuestion) -> dict | None:
    """The stored check of the answer's final query against the expected result, computed the
    first time and again only when the question's version (or the answer's text) changed; None
    for a question that is not SQL. One UPDATE when it is (re)computed, no query otherwise."""
    answer = item.answer_or_none()
    if answer is None:
        return None
    if not is_sql(item) or not item.question.sql_expected:
        return answer.sql_check
    version = item.question.version
    stored = answer.sql_check
    if stored and answer.sql_check_version == version and stored.get("query_digest") == _digest(answer.text):
        return stored
    answer.sql_check, answer.sql_check_version = _check(item, answer.text), version
    Answer.objects.filter(pk=answer.pk).update(sql_check=answer.sql_check, sql_check_version=version)
    return answer.sql_check
