"""What the benchmark scripts share: a throwaway database (never your data), its URL for app
servers started beside the script, and the median time of a page. Import it after
django.setup()."""

import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_databases, setup_test_environment, teardown_databases


@contextmanager
def throwaway_database() -> Iterator[Path]:
    """A migrated, empty database for the run, removed at the end: a file in a temporary folder
    on SQLite (a file, as in production: an in-memory database would flatter SQLite), the
    database "<name>_bench" on PostgreSQL (the user needs the right to create databases).
    Yields the temporary folder, for anything else the run writes."""
    folder = Path(tempfile.mkdtemp(prefix="interviewprep-bench-"))
    database = connection.settings_dict
    database["TEST"]["NAME"] = (
        str(folder / "bench.sqlite3") if connection.vendor == "sqlite" else f"{database['NAME']}_bench"
    )
    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        yield folder
    finally:
        connections.close_all()
        teardown_databases(old_config, verbosity=0)
        shutil.rmtree(folder, ignore_errors=True)


def database_url() -> str:
    """The throwaway database's URL, for gunicorn's workers."""
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{database['NAME']}"))


def analyse() -> None:
    """PostgreSQL's planner statistics, as autovacuum gathers them soon after a real bulk load."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(client: Client, url: str, runs: int) -> tuple[float, int]:
    """Median milliseconds over `runs` requests (after two warm-up requests), and the number of
    queries of one request."""
    for _ in range(2):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Counted now: the captured list is read from the connection's log, which the next request resets.
    query_count = len(queries)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return statistics.median(times), query_count
