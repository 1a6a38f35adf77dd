"""Django's SMTP backend with a quicker path for plain addresses, for sending newsletters.

Django's backend passes the sender and every recipient through `sanitize_address`, whose
RFC 5322 parser costs about 0.3 ms an address: over half a millisecond a message, a tenth of
the sender's whole budget. A subscriber's address is stored normalised (lower case, trimmed),
and for a plain ASCII address `sanitize_address` returns it unchanged, so such addresses go
to the server as they are; anything else still goes through Django's function (the sender
once, cached). Everything else is Django's EmailBackend: same settings, same connection.
"""

import smtplib
from functools import lru_cache

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.message import sanitize_address

from newsletter.addresses import PLAIN_ADDRESS

DJANGO_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


@lru_cache(maxsize=64)
def _sanitize_cached(address: str, encoding: str) -> str:
    return sanitize_address(address, encoding)


def sanitized(address, encoding: str) -> str:
    """What `sanitize_address(address, encoding)` returns, quickly for plain addresses."""
    if isinstance(address, str) and PLAIN_ADDRESS.fullmatch(address):
        return address
    if isinstance(address, str):
        return _sanitize_cached(address, encoding)
    return sanitize_address(address, encoding)


class NewsletterSMTPBackend(EmailBackend):
    def _send(self, email_message):
        """As EmailBackend._send, with `sanitized` in place of `sanitize_address`."""
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        from_email = sanitized(email_message.from_email, encoding)
        recipients = [sanitized(address, encoding) for address in email_message.recipients()]
        message = email_message.message()
        try:
            self.connection.sendmail(from_email, recipients, message.as_bytes(linesep="\r\n"))
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True


def newsletter_connection():
    """The configured mail backend; Django's SMTP backend is swapped for the quicker one."""
    if settings.EMAIL_BACKEND == DJANGO_SMTP_BACKEND:
        return get_connection("newsletter.smtp.NewsletterSMTPBackend")
    return get_connection()
