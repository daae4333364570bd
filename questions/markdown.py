"""Markdown to safe HTML, for model answers and common mistakes.

markdown-it-py parses (with $…$ and $$…$$ math kept as elements that static/js/math.js hands to
KaTeX), then nh3 keeps only an allow-list of tags and attributes: whatever an author or an import
puts in a question, no script, event handler or javascript: link reaches a page."""

from functools import lru_cache

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "span", "div", "a", "del",
}  # fmt: skip
# No style attribute anywhere: the CSP (style-src 'self') would refuse it (table alignment is lost).
ALLOWED_ATTRIBUTES = {"span": {"class"}, "div": {"class"}, "a": {"href", "title"}}
MATH_CLASSES = {"math", "inline", "block"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # "js-default" escapes raw HTML in the source instead of passing it through.
    parser = MarkdownIt("js-default", {"breaks": False}).enable("table").enable("strikethrough")
    dollarmath_plugin(
        parser,
        allow_space=True,
        double_inline=True,
        # The plugin wraps the math in <span class="math inline"> or <div class="math block">.
        renderer=lambda content, options: escape(content),
    )
    return parser


def _keep_math_classes(element: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        kept = [name for name in value.split() if name in MATH_CLASSES]
        return " ".join(kept) or None
    return value


# Rendering is pure (the same text always gives the same HTML) and costs a millisecond or more a
# model answer, so each worker renders a text once: the cache is keyed by the text itself, so a
# new version of a question is a new key and no page can show stale HTML. Bounded: the bank's
# texts fit many times over (a few kB each).
RENDERED_TEXTS = 4096


def render_markdown(text: str) -> SafeString:
    return mark_safe(_rendered(text or ""))


def render_inline(text: str) -> SafeString:
    """One line of Markdown without a paragraph around it (a prompt in a heading or a link):
    `code`, **bold**, math; sanitized as render_markdown is."""
    return mark_safe(_rendered_inline(text or ""))


@lru_cache(maxsize=RENDERED_TEXTS)
def _rendered(text: str) -> str:
    return sanitize(_parser().render(text))


@lru_cache(maxsize=RENDERED_TEXTS)
def _rendered_inline(text: str) -> str:
    return sanitize(_parser().renderInline(text))


def sanitize(html: str) -> str:
    """Keeps only the allow-listed tags and attributes (markdown-it already escapes raw HTML in
    the source; this is the second line of defence, and the one the tests aim at)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_math_classes,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
