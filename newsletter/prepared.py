"""Serialising ten thousand nearly identical emails quickly, still with the email package.

Python's email generator takes a few milliseconds per newsletter (header folding, MIME
boundary search), which alone would make a 10,000-subscriber send take most of a minute.
The messages of one issue in one language differ only in a few ASCII values: the
recipient, the Message-ID and the two signed tokens. So, per batch and language, one
sample message with placeholders is serialised by Django and the email package as usual
(`EmailMultiAlternatives.message().as_bytes()`), and each recipient's bytes are that sample
with the placeholders replaced.

Safety: a template is used only if every placeholder appears in the serialised bytes
exactly as often as in the unencoded message (so no transfer encoding or folding touched
it); otherwise, and for any address Django would encode differently, the message is built
the ordinary way. Each message is still an EmailMultiAlternatives with its subject, body,
HTML alternative and headers, sent through the configured backend: a backend that does
not call message() (an HTTP API through django-anymail) builds it from those as usual.
"""

from email.message import Message


class PreparedMIMEMessage(Message):
    """What EmailMessage.message() returns when the bytes are prepared already."""

    def __init__(self, data: bytes, headers: dict[str, str]):
        super().__init__()
        self._prepared = data  # CRLF line endings
        for name, value in headers.items():
            self[name] = value

    def as_bytes(self, unixfrom=False, linesep="\n", policy=None):
        if linesep == "\r\n":
            return self._prepared
        return self._prepared.replace(b"\r\n", linesep.encode())

    def __bytes__(self):
        return self.as_bytes()

    def as_string(self, unixfrom=False, maxheaderlen=0, policy=None, linesep="\n"):
        return self.as_bytes(linesep=linesep).decode("utf-8", errors="surrogateescape")


class MessageTemplate:
    """Serialised bytes of a sample message and the placeholders to fill in."""

    def __init__(self, data: bytes):
        self.data = data

    @classmethod
    def build(cls, sample, expected: dict[str, int]) -> "MessageTemplate | None":
        """Serialise `sample`; None unless each placeholder occurs `expected` times."""
        data = sample.message().as_bytes(linesep="\r\n")
        for placeholder, count in expected.items():
            if data.count(placeholder.encode("ascii")) != count:
                return None
        return cls(data)

    def fill(self, values: dict[str, str]) -> bytes:
        """The template with every placeholder replaced (values must be ASCII)."""
        data = self.data
        for placeholder, value in values.items():
            data = data.replace(placeholder.encode("ascii"), value.encode("ascii"))
        return data
