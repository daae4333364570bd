"""The tables of a SQL question, in an in-memory SQLite database of their own: what the import
uses to run the model query and store its result (never the app's database)."""

import sqlite3

# A model query runs on a few hundred rows; anything slower than this is a mistake in the file.
MAX_STEPS = 5_000_000


class SqlError(Exception):
    """The schema, the data or the query did not run; the message is SQLite's."""


def build_database(schema: str, data: str) -> sqlite3.Connection:
    """A fresh in-memory database holding the question's tables and rows."""
    connection = sqlite3.connect(":memory:")
    for part, script in (("schema", schema), ("data", data)):
        try:
            connection.executescript(script)
        except sqlite3.Error as error:
            connection.close()
            raise SqlError(f"{part}: {error}") from error
    return connection


def run_query(connection: sqlite3.Connection, query: str) -> dict:
    """{"columns": [...], "rows": [[...], ...]} of one SELECT (or WITH) statement."""
    if not sqlite3.complete_statement(query.strip().rstrip(";") + ";") or _statements(query) != 1:
        raise SqlError("must be exactly one statement")
    steps = 0

    def stop_runaway() -> int:
        nonlocal steps
        steps += 1
        return 1 if steps * 1000 > MAX_STEPS else 0

    connection.set_progress_handler(stop_runaway, 1000)
    try:
        cursor = connection.execute(query)
        rows = [list(row) for row in cursor.fetchall()]
    except sqlite3.Error as error:
        message = "took too long and was stopped" if str(error) == "interrupted" else str(error)
        raise SqlError(message) from error
    finally:
        connection.set_progress_handler(None, 0)
    if cursor.description is None:
        raise SqlError("returns no result: write a SELECT")
    return {"columns": [column[0] for column in cursor.description], "rows": rows}


def _statements(query: str) -> int:
    """How many complete statements `query` holds (semicolons inside strings do not count)."""
    count, current = 0, ""
    for piece in query.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \t\r\n;"):
                count += 1
            current = ""
    return count + (1 if current.strip(" \t\r\n;") else 0)


def expected_result(schema: str, data: str, query: str) -> dict:
    """The model query's result on the question's own tables."""
    connection = build_database(schema, data)
    try:
        return run_query(connection, query)
    finally:
        connection.close()
