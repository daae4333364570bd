"""Times SQL runs in the sandbox (questions/sql.py), as the interview's Run button and the
review's check make them: a fresh in-memory copy of the question's tables, the query, the fetch.

    .venv/bin/python bench/sql_runs.py            # --runs 20

Over every shipped SQL question's model query (questions/bank/*.yaml), then over a set of
malicious and broken queries on one question's tables. Prints p50 and p95 in milliseconds,
and the one-off cost of building a question's database (once per question version and server
process). The goal: a typical run under 50 ms. Queries stopped at the 1-second limit cost that
second by design; they are listed apart. No database, no Django: a benchmark, not a test."""

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from questions.sql import TIME_LIMIT_SECONDS, SqlError, database_bytes, run_on_tables  # noqa: E402

MALICIOUS = [
    "ATTACH DATABASE '/tmp/bench-attack.db' AS evil",
    "SELECT 1; ATTACH DATABASE '/tmp/bench-attack.db' AS evil",
    "PRAGMA writable_schema = ON",
    "SELECT * FROM pragma_database_list",
    "DELETE FROM users",
    "WITH doomed AS (SELECT 1) DELETE FROM users",
    "UPDATE users SET name = 'pwned'",
    "INSERT INTO users VALUES (99, 'Mallory', '2024-01-01')",
    "DROP TABLE users",
    "VACUUM INTO '/tmp/bench-vacuum.db'",
    "SELECT load_extension('/usr/lib/x86_64-linux-gnu/libsqlite3.so.0')",
    "WITH RECURSIVE forever(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM forever) SELECT max(n) FROM forever",
    "WITH RECURSIVE forever(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM forever) SELECT n FROM forever",
    "SELECT count(*) FROM users a, users b, users c, users d, users e, users f, users g, users h, users i, users j",
    "SELECT * FROM users a, users b, users c, users d, users e",
    "SELECT printf('%.*c', 1000000000, 'x')",
    "SELECT randomblob(1000000000)",
    "SELECT length(zeroblob(1e9))",
    "SELECT 1; SELECT 2",
    "",
    "SELECT 'a\x00b'",
    "SELECT '" + "x" * 100_000 + "'",
    "SELECT * FORM users",
    "SELECT user_idd FROM users",
]


def sql_questions() -> list[dict]:
    questions = []
    for path in sorted((ROOT / "questions" / "bank").glob("[0-9]*.yaml")):
        data = yaml.safe_load(path.read_text())
        if data.get("kind") == "sql":
            questions.append({"slug": data["slug"], **data["sql"]})
    return questions


def time_run(schema: str, data: str, query: str) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        result = run_on_tables(schema, data, query)
        outcome = f"{result.row_count} rows"
    except SqlError as error:
        outcome = str(error)
    return (time.perf_counter() - started) * 1000, outcome


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(ordered)
    return f"p50 {median:7.2f} ms   p95 {p95:7.2f} ms   max {ordered[-1]:7.2f} ms   n={len(ordered)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each model query (default 20)")
    runs = parser.parse_args().runs

    questions = sql_questions()
    builds = []
    for question in questions:
        started = time.perf_counter()
        database_bytes(question["schema"], question["data"])
        builds.append((time.perf_counter() - started) * 1000)
    print(f"{len(questions)} SQL questions in the bank")
    print(f"Building a question's database (once per version and process): {percentiles(builds)}")

    model_times = []
    for question in questions:
        for _ in range(runs):
            elapsed, _outcome = time_run(question["schema"], question["data"], question["model_query"])
            model_times.append(elapsed)
    print(f"Model queries, {runs} runs each:                                 {percentiles(model_times)}")

    target = next(q for q in questions if q["slug"] == "users-without-completed-orders")
    quick, stopped = [], []
    print("\nMalicious and broken queries (on users-without-completed-orders):")
    for query in MALICIOUS:
        elapsed, outcome = time_run(target["schema"], target["data"], query)
        (stopped if elapsed >= TIME_LIMIT_SECONDS * 1000 else quick).append(elapsed)
        shown = query.replace("\x00", "\\0")
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        print(f"  {elapsed:8.2f} ms  {shown!r:64}  {outcome[:70]}")
    print(f"Refused or capped at once: {percentiles(quick)}")
    if stopped:
        print(f"Stopped at the {TIME_LIMIT_SECONDS:g} s limit: {percentiles(stopped)}")
    print(f"All malicious:             {percentiles(quick + stopped)}")


if __name__ == "__main__":
    main()
