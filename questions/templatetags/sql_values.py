from django import template

register = template.Library()

# A cell shows at most this many characters (the value itself may be up to a megabyte).
CELL_CHARS = 300


@register.filter
def sql_value(value) -> str:
    """{{ cell|sql_value }}: a value of a query result as text: NULL, numbers without float
    noise (2.5, not 2.4999999999999996), blobs by their size, long texts cut."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        text = f"{value:.10g}"
        return text if "e" in text or "." in text or "inf" in text or "nan" in text else text + ".0"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"blob of {len(bytes(value)):,} bytes"
    text = str(value)
    return text if len(text) <= CELL_CHARS else text[:CELL_CHARS] + "…"
