"""iCalendar (RFC 5545) text of events, written by hand: escaping, CRLF and line folding."""

from datetime import UTC, datetime

from portal.site_url import base_url

PRODID = "-//KEKO//Portal//FI"
STATUS = {"scheduled": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


def escape_text(value: str) -> str:
    """A TEXT value escaped per RFC 5545 3.3.11."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded to at most 75 octets per line (continuations begin with a space)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        octets = char.encode()
        if len(current) + len(octets) > limit:
            parts.append(current.decode())
            current, limit = b"", 74
        current += octets
    parts.append(current.decode())
    return "\r\n ".join(parts)


def utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def absolute(url: str) -> str:
    return base_url() + url if url.startswith("/") else url


def event_lines(event) -> list[str]:
    """The VEVENT lines of one event page."""
    url = absolute(event.get_url() or "")
    location = event.location or event.online_url
    description = "\n".join(part for part in (event.lead, event.online_url, url) if part)
    stamp = event.last_published_at or event.latest_revision_created_at or event.start
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.translation_key}-{event.locale.language_code}@keko",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(event.start)}",
        f"DTEND:{utc(event.end)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"STATUS:{STATUS.get(event.status, 'CONFIRMED')}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if event.organiser:
        lines.append(f"X-KEKO-ORGANISER:{escape_text(event.organiser)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, name: str) -> str:
    """A VCALENDAR with the given events, as the text of an .ics file."""
    return vcalendar([event_lines(event) for event in events], name)


def vcalendar(vevents: list[list[str]], name: str) -> str:
    """A VCALENDAR of ready VEVENT line lists (unfolded), as the text of an .ics file."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for vevent in vevents:
        lines.extend(vevent)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
