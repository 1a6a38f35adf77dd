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
from django.core.mail.message import make_msgid, sanitize_address
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Locale

from newsletter import conf, tokens
from newsletter.addresses import PLAIN_ADDRESS
from newsletter.models.subscribers import Subscriber
from newsletter.news_items import absolute_url
from newsletter.plaintext import tidy
from newsletter.prepared import MessageTemplate, PreparedMIMEMessage
from portal.site_url import base_url

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
    return RELATIVE_LINK.sub(lambda match: f'{match.group(1)}="{base_url()}/', html)


def finish_html(html: str) -> str:
    """Absolute links, then the CSS of the <style> element moved into style attributes."""
    return _inliner().inline(absolutise_links(html))


def mail_domain() -> str:
    return urlsplit(base_url()).hostname or "localhost"


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

    def personalise(self, unsubscribe_token: str, preferences_token: str) -> tuple[str, str, str]:
        """(html, text, unsubscribe URL) with one subscriber's tokens in the links."""
        unsubscribe_url = self.unsubscribe_link.replace(TOKEN_PLACEHOLDER, unsubscribe_token)
        preferences_url = self.preferences_link.replace(TOKEN_PLACEHOLDER, preferences_token)
        html = self.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe_url)).replace(
            PREFERENCES_PLACEHOLDER, escape(preferences_url)
        )
        text = self.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url).replace(
            PREFERENCES_PLACEHOLDER, preferences_url
        )
        return html, text, unsubscribe_url


class NewsletterEmail(EmailMultiAlternatives):
    """An EmailMultiAlternatives whose MIME bytes may be prepared already (see
    newsletter.prepared); without them it is an ordinary one."""

    prepared: bytes | None = None

    def message(self):
        if self.prepared is None:
            return super().message()
        return PreparedMIMEMessage(
            self.prepared, {"To": ", ".join(self.to), "Subject": self.subject}
        )


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
            "base_url": base_url(),
        }
        html = finish_html(render_to_string("newsletter/email/issue.html", context))
        text = tidy(render_to_string("newsletter/email/issue.txt", context))
        # One line: a line break typed or posted into a title must not become a header.
        subject = " ".join((page.seo_title or page.title).split())
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
    link_tokens: tuple[str, str] | None = None,
) -> NewsletterEmail:
    """The email of one issue to one subscriber, with RFC 8058 one-click unsubscribe headers.

    `link_tokens` (unsubscribe, preferences) default to the subscriber's signed tokens.
    """
    if link_tokens is None:
        link_tokens = (
            tokens.unsubscribe_token(subscriber, mailing_list),
            tokens.preferences_token(subscriber),
        )
    html, text, unsubscribe_url = rendered.personalise(*link_tokens)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Message-ID": message_id or make_msgid(domain=mail_domain()),
    }
    if mailing_list is not None:
        headers["List-Id"] = f"<{mailing_list.slug}.{mail_domain()}>"
    message = NewsletterEmail(
        subject=subject_prefix + rendered.subject,
        body=text,
        to=[subscriber.email],
        headers=headers,
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


RECIPIENT_PLACEHOLDER = "keko-recipient-placeholder@keko.invalid"
MESSAGE_ID_PLACEHOLDER = "<keko-message-id-placeholder@keko.invalid>"
UNSUBSCRIBE_TOKEN_PLACEHOLDER = "KEKOUNSUBSCRIBETOKENPLACEHOLDER"
PREFERENCES_TOKEN_PLACEHOLDER = "KEKOPREFERENCESTOKENPLACEHOLDER"


def _header_address(address: str, encoding: str) -> str:
    """The address as Django writes it in the To header (ASCII), quickly for plain ones."""
    if PLAIN_ADDRESS.fullmatch(address):
        return address  # sanitize_address() returns a plain ASCII address unchanged
    value = sanitize_address(address, encoding)
    value.encode("ascii")
    return value


class IssueMessages:
    """Builds the messages of one send: per subscriber the right language, links and
    headers, serialised from a per-batch template (newsletter.prepared)."""

    def __init__(self, rendered: dict[str, RenderedIssue], mailing_list):
        self.rendered = rendered
        self.mailing_list = mailing_list
        self._templates: dict[str, MessageTemplate | None] = {}
        # Made once per send: creating a Signer costs as much as signing.
        self._unsubscribe_signer = tokens.unsubscribe_signer()
        self._preferences_signer = tokens.preferences_signer()

    def new_batch(self) -> None:
        """Start a batch: templates are made again (so each batch has its own Date)."""
        self._templates = {}

    def _rendered_for(self, subscriber) -> RenderedIssue:
        return self.rendered.get(subscriber.language) or self.rendered[settings.LANGUAGE_CODE]

    def _template(self, rendered: RenderedIssue) -> MessageTemplate | None:
        if rendered.language not in self._templates:
            sample = issue_message(
                rendered,
                subscriber=Subscriber(email=RECIPIENT_PLACEHOLDER),
                mailing_list=self.mailing_list,
                message_id=MESSAGE_ID_PLACEHOLDER,
                link_tokens=(UNSUBSCRIBE_TOKEN_PLACEHOLDER, PREFERENCES_TOKEN_PLACEHOLDER),
            )
            html = sample.alternatives[0][0]
            self._templates[rendered.language] = MessageTemplate.build(
                sample,
                {
                    RECIPIENT_PLACEHOLDER: 1,
                    MESSAGE_ID_PLACEHOLDER: 1,
                    UNSUBSCRIBE_TOKEN_PLACEHOLDER: 1
                    + html.count(UNSUBSCRIBE_TOKEN_PLACEHOLDER)
                    + sample.body.count(UNSUBSCRIBE_TOKEN_PLACEHOLDER),
                    PREFERENCES_TOKEN_PLACEHOLDER: html.count(PREFERENCES_TOKEN_PLACEHOLDER)
                    + sample.body.count(PREFERENCES_TOKEN_PLACEHOLDER),
                },
            )
        return self._templates[rendered.language]

    def build(self, subscriber, *, message_id: str, connection=None) -> NewsletterEmail:
        """The message for one subscriber."""
        rendered = self._rendered_for(subscriber)
        link_tokens = (
            tokens.unsubscribe_token(subscriber, self.mailing_list, self._unsubscribe_signer),
            tokens.preferences_token(subscriber, self._preferences_signer),
        )
        message = issue_message(
            rendered,
            subscriber=subscriber,
            mailing_list=self.mailing_list,
            message_id=message_id,
            connection=connection,
            link_tokens=link_tokens,
        )
        template = self._template(rendered)
        if template is None:
            return message
        try:
            recipient = _header_address(subscriber.email, message.encoding or "utf-8")
            message_id.encode("ascii")
        except (ValueError, UnicodeError):
            return message  # the ordinary way handles what the template cannot
        message.prepared = template.fill(
            {
                RECIPIENT_PLACEHOLDER: recipient,
                MESSAGE_ID_PLACEHOLDER: message_id,
                UNSUBSCRIBE_TOKEN_PLACEHOLDER: link_tokens[0],
                PREFERENCES_TOKEN_PLACEHOLDER: link_tokens[1],
            }
        )
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
            "base_url": base_url(),
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
    return max(1, conf.get("NEWSLETTER_CONFIRM_MAX_AGE").days)
