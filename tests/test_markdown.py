"""The sanitizer that stands between a question's Markdown and the page."""

from html.parser import HTMLParser

import pytest

from questions.markdown import render_markdown, sanitize


class Elements(HTMLParser):
    """Collects the elements and attributes a browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="#" onclick="alert(1)">x</a>',
    "<iframe src='https://example.com'></iframe>",
    '<span class="x" style="color:red" onmouseover="alert(1)">hi</span>',
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
]


def assert_harmless(html: str) -> None:
    elements = Elements(html).found
    assert not [tag for tag, _ in elements if tag in ("script", "iframe", "img", "svg", "math")]
    assert not [name for _, attrs in elements for name in attrs if name.startswith("on") or name == "style"]
    assert not [attrs for _, attrs in elements if "javascript:" in attrs.get("href", "")]


@pytest.mark.parametrize("source", ATTACKS)
def test_the_sanitizer_itself_removes_scripts_and_handlers_from_raw_html(source):
    assert_harmless(sanitize(source))


def test_the_sanitizer_keeps_only_the_math_classes():
    html = sanitize('<span class="math inline evil">x</span><div class="banner">y</div><td style="x">z</td>')
    assert '<span class="math inline">x</span>' in html
    assert "banner" not in html
    assert "style" not in html


@pytest.mark.parametrize("source", ATTACKS)
def test_it_never_lets_a_script_or_handler_through(source):
    elements = Elements(render_markdown(source)).found
    assert not [tag for tag, _ in elements if tag in ("script", "iframe", "img")]
    assert not [name for _, attrs in elements for name in attrs if name.startswith("on") or name == "style"]
    assert not [attrs for _, attrs in elements if "javascript:" in attrs.get("href", "")]


def test_it_renders_markdown_and_keeps_math_for_katex():
    html = render_markdown("**Bold** and $\\gamma < 1$\n\n$$\nx^2\n$$")
    assert "<strong>Bold</strong>" in html
    assert '<span class="math inline">\\gamma &lt; 1</span>' in html
    assert '<div class="math block">' in html


def test_links_get_a_safe_rel():
    assert 'rel="noopener noreferrer nofollow"' in render_markdown("[docs](https://example.com)")
