"""Helpers for views that serve both a full page and, to htmx, only the part it swaps."""

from django.http import HttpRequest


def partial_or_page(request: HttpRequest, template_name: str, partial_name: str) -> str:
    """The template to render: the named inline partial (`{% partialdef name inline %}`) for an
    htmx swap; the whole page otherwise, also when htmx restores its history after "back" (that
    request wants the full page)."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template_name}#{partial_name}"
    return template_name
