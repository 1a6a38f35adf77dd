"""Serialising ten thousand nearly identical emails quickly, still with the email package.

Python's email generator takes a few milliseconds per newsletter (header folding, MIME
boundary search), which alone would make a 10,000-subscriber send take most of a minute.
The messages of one issue in one language differ only in a few ASCII values: the
recipient, the Message-ID and the two signed tokens. So, per batch and language, one
sample message with placeholders is serialised by Django and the email package as usual
(`EmailMultiAlternatives.message().as_bytes()`), and each recipient's bytes are that sample
with the placeholders replaced.

Safety: a template is used only if every placeholder appears in the serialised bytes (in a
quoted-printable text part: in its decoded lines) exactly as often as in the unencoded
message (so no header folding touched it); otherwise, and for any address Django would
encode differently, the message is built the ordinary way. Each message is still an
EmailMultiAlternatives with its subject, body, HTML alternative and headers, sent through
the configured backend: a backend that does not call message() (an HTTP API through
django-anymail) builds it from those as usual.
"""

import binascii
import re
from email import quoprimime
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


QP_PART = re.compile(rb"Content-Transfer-Encoding: quoted-printable\r\n(?:[^\r\n]+\r\n)*\r\n")
BOUNDARY = re.compile(rb'boundary="([^"]+)"')


def _qp_body_spans(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of every quoted-printable body in the serialised message."""
    boundaries = [b"\r\n--" + found.group(1) for found in BOUNDARY.finditer(data)]
    spans = []
    for match in QP_PART.finditer(data):
        ends = [data.find(boundary, match.end()) for boundary in boundaries]
        ends = [end for end in ends if end != -1]
        spans.append((match.end(), min(ends) if ends else len(data)))
    return spans


def _logical_lines(body: bytes) -> list[bytes]:
    """A quoted-printable body cut into its logical lines, each with its CRLF; a line that
    ends in "=" (a soft break) continues on the next."""
    lines, current = [], b""
    for physical in body.split(b"\r\n"):
        current += physical + b"\r\n"
        if not physical.endswith(b"="):
            lines.append(current)
            current = b""
    if current:
        lines.append(current)
    lines[-1] = lines[-1][:-2]  # split() added one CRLF too many at the very end
    return lines


def _qp_decode(line: bytes) -> bytes:
    return binascii.a2b_qp(line.replace(b"=\r\n", b""))


def _qp_encode(text: bytes) -> bytes:
    # The email package's own encoder (what Charset.body_encode uses): same line breaking.
    return quoprimime.body_encode(text.decode("latin-1"), eol="\r\n").encode("ascii")


class MessageTemplate:
    """Serialised bytes of a sample message and the placeholders to fill in.

    Text parts are quoted-printable (portal.mail_encoding), whose soft line breaks may fall
    inside a placeholder, and a value longer than its placeholder must be wrapped anew. So
    the logical lines of a quoted-printable body that hold a placeholder are kept decoded
    and encoded again per message (a few short lines); everything else is raw bytes.
    """

    def __init__(self, segments: list[bytes | tuple[bytes]]):
        # bytes: serialised as is (placeholders replaced); (decoded,): a QP line to encode.
        self.segments = segments

    @classmethod
    def build(cls, sample, expected: dict[str, int]) -> "MessageTemplate | None":
        """Serialise `sample`; None unless each placeholder occurs `expected` times."""
        data = sample.message().as_bytes(linesep="\r\n")
        markers = [placeholder.encode("ascii") for placeholder in expected]
        segments: list[bytes | tuple[bytes]] = []
        position = 0
        for start, end in _qp_body_spans(data):
            segments.append(data[position:start])
            for line in _logical_lines(data[start:end]):
                decoded = _qp_decode(line[:-2] if line.endswith(b"\r\n") else line)
                if any(marker in decoded for marker in markers):
                    segments.append((decoded,))
                    if line.endswith(b"\r\n"):
                        segments.append(b"\r\n")
                else:
                    segments.append(line)
            position = end
        segments.append(data[position:])
        for placeholder, count in expected.items():
            marker = placeholder.encode("ascii")
            found = sum(
                (segment[0] if isinstance(segment, tuple) else segment).count(marker)
                for segment in segments
            )
            if found != count:
                return None
        return cls(segments)

    def fill(self, values: dict[str, str]) -> bytes:
        """The message with every placeholder replaced (values must be ASCII)."""
        pairs = [(key.encode("ascii"), value.encode("ascii")) for key, value in values.items()]
        out = []
        for segment in self.segments:
            if isinstance(segment, tuple):
                text = segment[0]
                for key, value in pairs:
                    text = text.replace(key, value)
                out.append(_qp_encode(text))
            else:
                for key, value in pairs:
                    if key in segment:
                        segment = segment.replace(key, value)
                out.append(segment)
        return b"".join(out)
