"""Does a query's result match a SQL question's expected result? Pure data, no database: the
review stores what compare() returns beside the answer, as a hint next to the self-grade.

Rows match as a multiset, or position by position when the question says order matters;
column names are ignored (a candidate may alias differently); numbers match within a small
relative tolerance (1 and 1.0 are equal, as are sums added in another order); NULLs are equal."""

import math
from collections import Counter

# Two numbers are equal when they differ by no more than this, relative to the larger.
RELATIVE_TOLERANCE = 1e-6
ABSOLUTE_TOLERANCE = 1e-9
# How many missing or extra rows a check keeps to show.
KEPT_ROWS = 20
# A kept row's long texts are cut to this many characters (the check is stored with the answer).
KEPT_VALUE_CHARS = 200
# Beyond this many leftover pairs, rows are compared exactly only (no tolerance pass).
MAX_FUZZY_PAIRS = 200_000


def _plain(value):
    """A value JSON (and PostgreSQL's jsonb) can store: blobs as their hex text, infinities as
    text, NUL characters written out."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "x'" + bytes(value).hex() + "'"
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\\0")
    return value


def _short(value):
    return value[:KEPT_VALUE_CHARS] + "…" if isinstance(value, str) and len(value) > KEPT_VALUE_CHARS else value


def _kept(rows: list[list]) -> list[list]:
    return [[_short(value) for value in row] for row in rows[:KEPT_ROWS]]


def _key(value):
    """A value as a hashable key; numbers rounded so that nearly equal ones usually share it."""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return ("n", repr(value))
        return ("n", float(f"{float(value):.9g}"))
    if value is None:
        return ("null",)
    return ("t", str(value))


def _values_equal(a, b) -> bool:
    numeric = (int, float)
    if isinstance(a, numeric) and isinstance(b, numeric) and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=ABSOLUTE_TOLERANCE)
    if a is None or b is None:
        return a is None and b is None
    return _plain(a) == _plain(b)


def rows_equal(a: list, b: list) -> bool:
    return len(a) == len(b) and all(_values_equal(x, y) for x, y in zip(a, b, strict=True))


def _multiset_difference(expected: list[list], actual: list[list]) -> tuple[list[list], list[list]]:
    """(expected rows missing from actual, actual rows not expected), as multisets."""
    expected_keys = Counter(tuple(_key(v) for v in row) for row in expected)
    actual_keys = Counter(tuple(_key(v) for v in row) for row in actual)
    common = expected_keys & actual_keys
    missing, extra = [], []
    used = Counter()
    for row in expected:
        key = tuple(_key(v) for v in row)
        if used[key] < common[key]:
            used[key] += 1
        else:
            missing.append(row)
    used = Counter()
    for row in actual:
        key = tuple(_key(v) for v in row)
        if used[key] < common[key]:
            used[key] += 1
        else:
            extra.append(row)
    # Numbers that rounded to different keys may still be within the tolerance.
    if missing and extra and len(missing) * len(extra) <= MAX_FUZZY_PAIRS:
        still_extra = list(extra)
        still_missing = []
        for row in missing:
            match = next((i for i, other in enumerate(still_extra) if rows_equal(row, other)), None)
            if match is None:
                still_missing.append(row)
            else:
                still_extra.pop(match)
        missing, extra = still_missing, still_extra
    return missing, extra


def compare(columns: list[str], rows: list[list], expected: dict, ordered: bool, truncated: bool = False) -> dict:
    """The check of a result (`columns`, `rows`) against `expected` ({"columns", "rows"}):
    {"status": "match" | "differs", "summary": one line, counts, and up to KEPT_ROWS of the
    missing and extra rows}. `truncated`: the query returned more rows than were fetched."""
    expected_rows = [[_plain(value) for value in row] for row in expected["rows"]]
    rows = [[_plain(value) for value in row] for row in rows]
    check = {
        "status": "differs",
        "expected_count": len(expected_rows),
        "actual_count": len(rows),
        "truncated": truncated,
        "columns": columns,
        "expected_columns": expected["columns"],
        "missing_count": 0,
        "extra_count": 0,
        "missing": [],
        "extra": [],
        "order_differs": False,
        "first_out_of_order": None,
    }
    if len(columns) != len(expected["columns"]):
        check.update(
            missing_count=len(expected_rows),
            extra_count=len(rows),
            missing=_kept(expected_rows),
            extra=_kept(rows),
            summary=(
                f"Differs: your result has {len(columns)} column{'s' if len(columns) != 1 else ''}, "
                f"the expected one {len(expected['columns'])}."
            ),
        )
        return check
    missing, extra = _multiset_difference(expected_rows, rows)
    check.update(missing_count=len(missing), extra_count=len(extra), missing=_kept(missing), extra=_kept(extra))
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"{len(missing)} expected row{'s' if len(missing) != 1 else ''} missing")
        if extra:
            more = "+" if truncated else ""
            parts.append(f"{len(extra)}{more} extra row{'s' if len(extra) != 1 or truncated else ''}")
        check["summary"] = "Differs: " + ", ".join(parts) + "."
        return check
    if ordered:
        pairs = enumerate(zip(expected_rows, rows, strict=True))
        position = next((i for i, (a, b) in pairs if not rows_equal(a, b)), None)
        if position is not None:
            check.update(
                order_differs=True,
                first_out_of_order=position + 1,
                summary=(
                    f"Differs: the same rows in another order (from row {position + 1}); "
                    "this question asks for an order."
                ),
            )
            return check
    count = len(expected_rows)
    check.update(status="match", summary=f"Matches the expected result ({count} row{'s' if count != 1 else ''}).")
    return check
