from django import template
from django.utils.safestring import SafeString

from questions.markdown import render_inline, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    """{{ question.model_answer|markdown }}: sanitized HTML; math is rendered by static/js/math.js."""
    return render_markdown(text)


@register.filter(name="inline_markdown")
def inline_markdown_filter(text: str) -> SafeString:
    """{{ question.prompt|inline_markdown }}: a prompt inside a heading, `code` kept as code."""
    return render_inline(text)
