"""Email text parts in quoted-printable, never raw 8bit.

Django writes UTF-8 text parts as "8bit" unless a line is longer than 998 bytes. A relay that
cannot pass 8bit on (no 8BITMIME) re-encodes such a part, which breaks a DKIM signature made
before it. Quoted-printable keeps every byte 7-bit from the start. Django reads its UTF-8
charset object from django.core.mail.message at send time, so setting the body encoding of
that one object covers every message the portal sends: newsletters, confirmations,
invitations and allauth's own (password reset, email verification).
"""

from email import charset as email_charset


def use_quoted_printable() -> None:
    from django.core.mail import message

    message.utf8_charset.body_encoding = email_charset.QP
