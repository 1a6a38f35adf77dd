"""Building newsletter and confirmation emails.

An issue is rendered once per language (HTML with its CSS inlined by css-inline, and a
plain-text part); the per-subscriber links are then put in by replacing placeholders, so
sending ten thousand messages renders the issue three times, not ten thousand.
Every link is absolute (settings.BASE_URL). There is no tracking of any kind.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale

from newsletter import tokens
from newsletter.news_items import absolute_url
from newsletter.plaintext import tidy

TOKEN_PLACEHOLDER = "KEKOTOKENPLACEHOLDER"
UNSUBSCRIBE_PLACEHOLDER = "KEKOUNSUBSCRIBEURLPLACEHOLDER"
PREFERENCES_PLACEHOLDER = "KEKOPREFERENCESURLPLACEHOLDER"
RELATIVE_LINK = re.compile(r'(\s(?:href|src))="/(?!/)')


@lru_cache(maxsize=1)
def _inliner() -> css_inline.CSSInliner:
    # Only the <style> in our own template is inlined; nothing is fetched from anywhere.
    return css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)


def absolutise_links(html: str) -> str:
    """Make every root-relative href/src in rendered HTML absolute against BASE_URL."""
    return RELATIVE_LINK.sub(lambda match: f'{match.group(1)}="{settings.BASE_URL}/', html)


def finish_html(html: str) -> str:
    """Absolute links, then the CSS of the <style> element moved into style attributes."""
    return _inliner().inline(absolutise_links(html))


def mail_domain() -> str:
    return urlsplit(settings.BASE_URL).hostname or "localhost"


def link_template(url_name: str, language: str) -> str:
    """The absolute URL of a token view in `language`, with TOKEN_PLACEHOLDER for the token."""
    with translation.override(language):
        return absolute_url(reverse(url_name, args=[TOKEN_PLACEHOLDER]))


def issue_in_language(issue, language: str):
    """The issue's live translation in `language`, else its Finnish version, else itself."""
    issue = issue.specific
    for code in (language, settings.LANGUAGE_CODE):
        if issue.locale.language_code == code:
            return issue
        locale = Locale.objects.filter(language_code=code).first()
        translated = issue.get_translation_or_none(locale) if locale else None
        if translated is not None and translated.live:
            return translated.specific
    return issue


@dataclass(frozen=True)
class RenderedIssue:
    """One issue in one language, with placeholders for the per-subscriber links."""

    language: str
    subject: str
    html: str
    text: str
    unsubscribe_link: str
    preferences_link: str

    def personalise(self, subscriber, mailing_list) -> tuple[str, str, str]:
        """(html, text, unsubscribe URL) for one subscriber of `mailing_list`."""
        unsubscribe_url = self.unsubscribe_link.replace(
            TOKEN_PLACEHOLDER, tokens.unsubscribe_token(subscriber, mailing_list)
        )
        preferences_url = self.preferences_link.replace(
            TOKEN_PLACEHOLDER, tokens.preferences_token(subscriber)
        )
        html = self.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe_url)).replace(
            PREFERENCES_PLACEHOLDER, escape(preferences_url)
        )
        text = self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url).replace(
            PREFERENCES_PLACEHOLDER, preferences_url
        )
        return html, text, unsubscribe_url


def render_issue(issue, language: str, mailing_list=None) -> RenderedIssue:
    """Render `issue` for subscribers reading `language` (HTML inlined, text part)."""
    page = issue_in_language(issue, language)
    with translation.override(language):
        context = {
            "page": page,
            "language": language,
            "issue_url": absolute_url(page.get_url() or ""),
            "list_name": mailing_list.name_in(language) if mailing_list else "",
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "preferences_url": PREFERENCES_PLACEHOLDER,
            "base_url": settings.BASE_URL,
        }
        html = finish_html(render_to_string("newsletter/email/issue.html", context))
        text = tidy(render_to_string("newsletter/email/issue.txt", context))
        subject = page.seo_title or page.title
    return RenderedIssue(
        language=language,
        subject=subject,
        html=html,
        text=text,
        unsubscribe_link=link_template("newsletter:unsubscribe", language),
        preferences_link=link_template("newsletter:preferences", language),
    )


def preview_issue_html(issue, language: str) -> str:
    """The email as a subscriber would see it, with inert links in place of personal ones."""
    rendered = render_issue(issue, language)
    return rendered.html.replace(UNSUBSCRIBE_PLACEHOLDER, "#").replace(PREFERENCES_PLACEHOLDER, "#")


def issue_message(
    rendered: RenderedIssue,
    *,
    subscriber,
    mailing_list,
    message_id: str | None = None,
    subject_prefix: str = "",
    connection=None,
) -> EmailMultiAlternatives:
    """The email of one issue to one subscriber, with RFC 8058 one-click unsubscribe headers."""
    html, text, unsubscribe_url = rendered.personalise(subscriber, mailing_list)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Message-ID": message_id or make_msgid(domain=mail_domain()),
    }
    if mailing_list is not None:
        headers["List-Id"] = f"<{mailing_list.slug}.{mail_domain()}>"
    message = EmailMultiAlternatives(
        subject=subject_prefix + rendered.subject,
        body=text,
        to=[subscriber.email],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscriber, consent, lists) -> EmailMultiAlternatives:
    """The double opt-in email: a link that confirms the subscription, valid for three days."""
    language = consent.language or subscriber.language
    with translation.override(language):
        confirm_url = link_template("newsletter:confirm", language).replace(
            TOKEN_PLACEHOLDER, tokens.confirm_token(subscriber, consent)
        )
        context = {
            "confirm_url": confirm_url,
            "list_names": [mailing_list.name_in(language) for mailing_list in lists],
            "valid_days": _valid_days(),
            "base_url": settings.BASE_URL,
            "language": language,
        }
        subject = render_to_string("newsletter/email/confirm_subject.txt", context)
        html = finish_html(render_to_string("newsletter/email/confirm.html", context))
        text = tidy(render_to_string("newsletter/email/confirm.txt", context))
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[subscriber.email],
        headers={
            "Message-ID": make_msgid(domain=mail_domain()),
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _valid_days() -> int:
    from newsletter import conf

    return max(1, conf.get("NEWSLETTER_CONFIRM_MAX_AGE").days)
