"""The tables of a SQL question, in an in-memory SQLite database of their own, and the sandbox
every query runs in: the import's model query, a candidate's Run in the interview, and the
review's check of their final query. Never a connection to the app's database.

Each question's database is built once per content (schema and data) and kept as bytes; a run
loads them into a fresh in-memory connection (`deserialize`), so it costs a millisecond or two
and no run can see or change what another did. The connection may only read: an authorizer
allows SELECT, reads, functions and recursive CTEs and denies everything else (ATTACH, PRAGMA,
writes, `load_extension`...); a progress handler stops a query after TIME_LIMIT_SECONDS; SQLite's
own limits cap the size of any value, and fetching stops at MAX_ROWS rows or MAX_RESULT_BYTES.
printf() and format() are SQLite's own behind a check of their widths, the one function that
can loop for seconds inside a single call, out of the progress handler's reach."""

import functools
import re
import sqlite3
import time
from dataclasses import dataclass, field

DIALECT = f"SQLite {sqlite3.sqlite_version}"
MAX_QUERY_CHARS = 10_000
TIME_LIMIT_SECONDS = 1.0
# Fetching stops beyond these: a cross join cannot fill the server's memory.
MAX_ROWS = 10_000
MAX_RESULT_BYTES = 5_000_000
# The longest string or blob SQLite may build (randomblob(1e9) is refused at once).
MAX_VALUE_BYTES = 1_000_000
# How many rows a result table on a page shows.
SHOWN_ROWS = 100
SAMPLE_ROWS = 5

# What a read-only query needs. SQLITE_FUNCTION covers aggregates, window and date functions;
# load_extension is refused by name as well (and extension loading is off).
_ALLOWED_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
# fts3_tokenizer() would show a memory address.
_DENIED_FUNCTIONS = {"load_extension", "fts3_tokenizer"}
_ACTION_NAMES = {
    sqlite3.SQLITE_ATTACH: "ATTACH",
    sqlite3.SQLITE_DETACH: "DETACH",
    sqlite3.SQLITE_PRAGMA: "PRAGMA",
    sqlite3.SQLITE_INSERT: "INSERT",
    sqlite3.SQLITE_UPDATE: "UPDATE",
    sqlite3.SQLITE_DELETE: "DELETE",
    sqlite3.SQLITE_TRANSACTION: "BEGIN, COMMIT or ROLLBACK",
    sqlite3.SQLITE_SAVEPOINT: "SAVEPOINT",
    sqlite3.SQLITE_ANALYZE: "ANALYZE",
    sqlite3.SQLITE_REINDEX: "REINDEX",
    sqlite3.SQLITE_ALTER_TABLE: "ALTER TABLE",
    sqlite3.SQLITE_DROP_TABLE: "DROP TABLE",
    sqlite3.SQLITE_DROP_VIEW: "DROP VIEW",
    sqlite3.SQLITE_DROP_INDEX: "DROP INDEX",
    sqlite3.SQLITE_CREATE_TABLE: "CREATE TABLE",
    sqlite3.SQLITE_CREATE_TEMP_TABLE: "CREATE TABLE",
    sqlite3.SQLITE_CREATE_VIEW: "CREATE VIEW",
    sqlite3.SQLITE_CREATE_TEMP_VIEW: "CREATE VIEW",
    sqlite3.SQLITE_CREATE_INDEX: "CREATE INDEX",
    sqlite3.SQLITE_CREATE_TEMP_INDEX: "CREATE INDEX",
    sqlite3.SQLITE_CREATE_TRIGGER: "CREATE TRIGGER",
    sqlite3.SQLITE_CREATE_TEMP_TRIGGER: "CREATE TRIGGER",
    sqlite3.SQLITE_CREATE_VTABLE: "CREATE VIRTUAL TABLE",
    sqlite3.SQLITE_DROP_VTABLE: "DROP VIRTUAL TABLE",
}
# How a query that only reads begins (the authorizer decides; this only words the message).
_READING_KEYWORDS = {"SELECT", "WITH", "VALUES"}
READ_ONLY_HINT = "Queries here can only read the question's tables: write one SELECT (or WITH … SELECT)."
TOO_SLOW = (
    f"Your query ran for more than {TIME_LIMIT_SECONDS:g} second and was stopped. "
    "Look for a join without a condition, or a recursive CTE without an end."
)


class SqlError(Exception):
    """The schema, the data or the query did not run; the message says why, in SQLite's words
    where it has them ("near "FORM": syntax error", "no such column: user_idd")."""


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list]
    seconds: float
    # Fetching stopped at MAX_ROWS rows or MAX_RESULT_BYTES: the query returns more than `rows`.
    truncated: bool = False
    shown: int = field(default=SHOWN_ROWS, repr=False)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def shown_rows(self) -> list[list]:
        return self.rows[: self.shown]

    @property
    def milliseconds(self) -> float:
        return self.seconds * 1000

    def as_dict(self) -> dict:
        return {"columns": self.columns, "rows": self.rows}


# ---------------------------------------------------------------------------------------------
# Building a question's database
# ---------------------------------------------------------------------------------------------


def build_database(schema: str, data: str) -> sqlite3.Connection:
    """A fresh, writable in-memory database holding the question's tables and rows."""
    connection = sqlite3.connect(":memory:")
    for part, script in (("schema", schema), ("data", data)):
        try:
            connection.executescript(script)
        except (sqlite3.Error, ValueError) as error:
            connection.close()
            raise SqlError(f"{part}: {error}") from error
    return connection


@functools.lru_cache(maxsize=64)
def database_bytes(schema: str, data: str) -> bytes:
    """The built database, serialized: built once per schema and data (so per question
    version) in each server process; the texts are a few kilobytes, the bytes a few dozen."""
    connection = build_database(schema, data)
    try:
        return connection.serialize()
    finally:
        connection.close()


class SandboxConnection(sqlite3.Connection):
    """A sandbox's connection: it remembers why one of its own functions refused a call (SQLite
    only says "user-defined function raised exception"), and closes its printf helper."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusals: list[str] = []
        self._printf_helper: sqlite3.Connection | None = None

    def printf(self, *args):
        """SQLite's own printf(), run on a helper connection once the widths and precisions are
        checked: printf('%.*c', 1e9, 'x') loops a billion times inside one function call, where
        the progress handler cannot stop it."""
        if not args or args[0] is None:
            return None
        try:
            text = args[0].decode("utf-8", "replace") if isinstance(args[0], bytes) else str(args[0])
            _check_printf(text, args[1:])
        except ValueError as error:
            self.refusals.append(str(error))
            raise
        if self._printf_helper is None:
            self._printf_helper = sqlite3.connect(":memory:")
            self._printf_helper.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
        placeholders = ", ".join("?" * len(args))
        return self._printf_helper.execute(f"SELECT printf({placeholders})", args).fetchone()[0]

    def close(self) -> None:
        if self._printf_helper is not None:
            self._printf_helper.close()
        super().close()


# A printf() conversion: flags, width, precision (digits or *), then the type.
_PRINTF_SPEC = re.compile(r"%[-+ 0#,!]*(\*|[0-9]*)(?:\.(\*|[0-9]*))?(?:ll|l)?([a-zA-Z%])")
MAX_PRINTF_WIDTH = 100_000


def _check_printf(format_string: str, args: tuple) -> None:
    """ValueError when a width or precision of `format_string` (with `args` for each *) is
    above MAX_PRINTF_WIDTH."""
    position = 0
    for width, precision, kind in _PRINTF_SPEC.findall(format_string):
        if kind == "%":
            continue
        for part in (width, precision):
            if part == "*":
                size = _as_int(args[position] if position < len(args) else 0)
                position += 1
            else:
                size = int(part) if part else 0
            if abs(size) > MAX_PRINTF_WIDTH:
                raise ValueError(f"printf() widths and precisions go up to {MAX_PRINTF_WIDTH:,}")
        position += 1


def _as_int(value) -> int:
    """What SQLite's printf takes from an argument given for a * width."""
    if isinstance(value, (int, float)):
        return int(value) if abs(value) < 1e18 else 10**18
    if isinstance(value, str):
        try:
            number = float(value.strip() or 0)
        except ValueError:
            return 0
        return int(number) if abs(number) < 1e18 else 10**18
    return 0


def sandbox(schema: str, data: str) -> SandboxConnection:
    """A fresh in-memory copy of the question's database that can only be read (see the module
    docstring). The caller closes it."""
    image = database_bytes(schema, data)
    connection = sqlite3.connect(":memory:", factory=SandboxConnection)
    connection.deserialize(image)
    for name in ("printf", "format"):
        connection.create_function(name, -1, connection.printf, deterministic=True)
    if hasattr(connection, "enable_load_extension"):
        connection.enable_load_extension(False)
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    connection.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, MAX_QUERY_CHARS * 4)
    connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    connection.setlimit(sqlite3.SQLITE_LIMIT_COLUMN, 200)
    connection.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000)
    connection.setlimit(sqlite3.SQLITE_LIMIT_WORKER_THREADS, 0)
    return connection


# ---------------------------------------------------------------------------------------------
# Running one query
# ---------------------------------------------------------------------------------------------


def check_query_text(query: str) -> str:
    """The query to run, or SqlError saying what is wrong with the text itself."""
    if "\x00" in query:
        raise SqlError("Your query contains a NUL character (\\0); remove it and run again.")
    if len(query) > MAX_QUERY_CHARS:
        raise SqlError(f"Your query is {len(query):,} characters long; Run takes queries up to {MAX_QUERY_CHARS:,}.")
    stripped = query.strip()
    if not _has_code(stripped):
        raise SqlError("Write a query first: the box is empty.")
    count = _statements(stripped)
    if count > 1:
        raise SqlError(f"Run one statement at a time: this text holds {count}.")
    keyword = _first_word(stripped)
    if keyword not in _READING_KEYWORDS:
        raise SqlError(f"{keyword or 'This statement'} is not allowed. {READ_ONLY_HINT}")
    return stripped


def run_query(connection: sqlite3.Connection, query: str, time_limit: float = TIME_LIMIT_SECONDS) -> QueryResult:
    """Runs one SELECT (or WITH … SELECT) on a sandbox() connection; SqlError with a message
    for the candidate otherwise. At most MAX_ROWS rows are fetched."""
    query = check_query_text(query)
    denied: list[str] = []

    def authorize(action: int, argument1, argument2, database, trigger) -> int:
        if action in _ALLOWED_ACTIONS and not (
            action == sqlite3.SQLITE_FUNCTION and (argument2 or "").lower() in _DENIED_FUNCTIONS
        ):
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_UPDATE and argument1 == "sqlite_master" and trigger is None:
            # A table-valued function (json_each...) registers itself in the copy's schema
            # while the SELECT is prepared; a real UPDATE of it is refused by SQLite itself
            # (and by the keyword check). Pragma functions are then refused as PRAGMA.
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION:
            denied.append(f"The function {argument2}()")
        else:
            denied.append(_ACTION_NAMES.get(action, "This statement"))
        return sqlite3.SQLITE_DENY

    started = time.perf_counter()
    deadline = started + time_limit
    connection.set_authorizer(authorize)
    connection.set_progress_handler(lambda: time.perf_counter() > deadline, 2_000)
    try:
        cursor = connection.execute(query)
        if cursor.description is None:
            raise SqlError(f"This statement returns no rows. {READ_ONLY_HINT}")
        columns = [column[0] for column in cursor.description]
        rows, size, truncated = [], 0, False
        while batch := cursor.fetchmany(500):
            for row in batch:
                size += sum(_size(value) for value in row)
                if len(rows) >= MAX_ROWS or size > MAX_RESULT_BYTES:
                    truncated = True
                    break
                rows.append(list(row))
            if truncated:
                break
        cursor.close()
    except sqlite3.Error as error:
        refusals = getattr(connection, "refusals", [])
        if refusals:
            raise SqlError(f"{refusals[0]}; this query asks for more.") from error
        raise SqlError(_message(error, denied)) from error
    except (ValueError, OverflowError, MemoryError) as error:
        raise SqlError(f"The query could not run: {error}.") from error
    finally:
        connection.set_progress_handler(None, 0)
        connection.set_authorizer(None)
    return QueryResult(columns, rows, time.perf_counter() - started, truncated)


def run_on_tables(schema: str, data: str, query: str) -> QueryResult:
    """run_query() in a fresh sandbox of the question's tables."""
    connection = sandbox(schema, data)
    try:
        return run_query(connection, query)
    finally:
        connection.close()


def expected_result(schema: str, data: str, query: str) -> dict:
    """The model query's result on the question's own tables ({"columns", "rows"}), run in the
    same sandbox as a candidate's query, so whatever the review shows can be run again. The
    schema or data failing is SqlError("schema: …") or ("data: …")."""
    database_bytes(schema, data)
    try:
        return run_on_tables(schema, data, query).as_dict()
    except SqlError as error:
        message = str(error)
        if message.startswith("Run one statement"):
            message = "must be exactly one statement"
        raise SqlError(message) from error


def _message(error: sqlite3.Error, denied: list[str]) -> str:
    text = str(error)
    if text == "interrupted":
        return TOO_SLOW
    if denied or text == "not authorized":
        what = denied[0] if denied else "This statement"
        return f"{what} is not allowed. {READ_ONLY_HINT}"
    if text in ("string or blob too big", "too many columns on the result set"):
        return f"A value in the result is too big ({text}); values are limited to {MAX_VALUE_BYTES:,} bytes."
    if "too many" in text or "too big" in text:
        return f"Your query is too large for this sandbox ({text})."
    if "You can only execute one statement" in text:
        return "Run one statement at a time."
    return text


def _first_word(query: str) -> str:
    words = _strip_comments(query).lstrip(" \t\r\n(").split(None, 1)
    return "".join(ch for ch in words[0][:20] if ch.isalnum() or ch == "_").upper() if words else ""


def _size(value) -> int:
    return len(value) if isinstance(value, (str, bytes)) else 8


def _statements(query: str) -> int:
    """How many complete statements `query` holds (semicolons inside strings or comments do
    not count); a statement without its final semicolon counts too."""
    count, current = 0, ""
    for piece in query.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if _has_code(current):
                count += 1
            current = ""
    return count + (1 if _has_code(current) else 0)


def _has_code(text: str) -> bool:
    """Whether `text` holds more than semicolons, spaces and comments."""
    return bool(_strip_comments(text).strip(" \t\r\n;"))


def _strip_comments(text: str) -> str:
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end == -1 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 2
        elif text[i] in "'\"`[":
            close = "]" if text[i] == "[" else text[i]
            end = text.find(close, i + 1)
            end = n if end == -1 else end + 1
            out.append(text[i:end])
            i = end
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# What the question shows: its tables, a few rows of each
# ---------------------------------------------------------------------------------------------


@dataclass
class SampleTable:
    name: str
    columns: list[tuple[str, str]]  # (name, declared type)
    rows: list[list]
    row_count: int


@functools.lru_cache(maxsize=64)
def sample_tables(schema: str, data: str) -> tuple[SampleTable, ...]:
    """Each table of the question, with its columns, its first SAMPLE_ROWS rows and its size."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(database_bytes(schema, data))
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            )
        ]
        tables = []
        for name in names:
            quoted = '"' + name.replace('"', '""') + '"'
            columns = [(row[1], row[2]) for row in connection.execute(f"PRAGMA table_info({quoted})")]
            rows = [list(row) for row in connection.execute(f"SELECT * FROM {quoted} LIMIT {SAMPLE_ROWS}")]
            count = connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
            tables.append(SampleTable(name, columns, rows, count))
        return tuple(tables)
    finally:
        connection.close()
