"""Template tags of newsletter pages and emails."""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language
from wagtail.rich_text import expand_db_html

from newsletter.emails import absolutise_links
from newsletter.news_items import news_items
from newsletter.plaintext import html_to_text

register = template.Library()

TEXT_RULE = "-" * 40


@register.simple_tag
def issue_news_items(value, absolute=False):
    """The news items block's pages as title/summary/url, in the active language."""
    return news_items(value["pages"], (get_language() or "fi")[:2], absolute=absolute)


@register.simple_tag
def email_block(block):
    """One block of an issue as email HTML (templates/newsletter/email/blocks/<type>.html)."""
    context = {"value": block.value, "block_type": block.block_type}
    if block.block_type == "news_items":
        context["items"] = issue_news_items(block.value, absolute=True)
    return render_to_string(f"newsletter/email/blocks/{block.block_type}.html", context)


def _rich_text(value) -> str:
    source = getattr(value, "source", value) or ""
    return html_to_text(absolutise_links(" " + expand_db_html(source))).strip()


@register.simple_tag
def email_block_text(block):
    """One block of an issue as plain text for the text part of the email."""
    value, kind = block.value, block.block_type
    if kind == "heading":
        text = value["text"].strip()
        underline = "=" if value.get("level") != "h3" else "-"
        return f"{text}\n{underline * len(text)}"
    if kind == "paragraph":
        return _rich_text(value)
    if kind == "image":
        caption = value.get("caption") or value.get("alt_text") or ""
        return f"[{caption}]" if caption else ""
    if kind == "quote":
        quoted = "\n".join(f"> {line}" for line in value["quote"].splitlines())
        attribution = value.get("attribution")
        return f"{quoted}\n  – {attribution}" if attribution else quoted
    if kind == "callout":
        return f"{TEXT_RULE}\n{value['title']}\n\n{_rich_text(value['text'])}\n{TEXT_RULE}"
    if kind == "news_items":
        lines = [value["heading"], ""] if value.get("heading") else []
        for item in issue_news_items(value, absolute=True):
            lines.append(f"* {item.title}")
            if item.summary:
                lines.append(f"  {item.summary}")
            lines.append(f"  {item.url}")
            lines.append("")
        return "\n".join(lines).strip()
    return ""
