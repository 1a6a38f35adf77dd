"""A steering-group meeting as an iCalendar (RFC 5545) invitation, written with the same
helpers as the public events' calendar (cms_pages.icalendar): escaping, CRLF, folding."""

from __future__ import annotations

from cms_pages.icalendar import absolute, escape_text, utc, vcalendar


def meeting_lines(meeting) -> list[str]:
    """The VEVENT lines of one meeting page. No end time stored: no DTEND (RFC 5545 3.6.1:
    the meeting then has no length of its own rather than an invented one)."""
    url = absolute(meeting.get_url() or "")
    stamp = meeting.last_published_at or meeting.latest_revision_created_at or meeting.start
    description = "\n".join(part for part in (meeting.summary, url) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.translation_key}-{meeting.locale.language_code}@keko",
        f"DTSTAMP:{utc(stamp)}",
        f"DTSTART:{utc(meeting.start)}",
    ]
    if meeting.end:
        lines.append(f"DTEND:{utc(meeting.end)}")
    lines += [f"SUMMARY:{escape_text(meeting.title)}", "STATUS:CONFIRMED", "CLASS:PRIVATE"]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if meeting.location:
        lines.append(f"LOCATION:{escape_text(meeting.location)}")
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def meeting_calendar(meeting) -> str:
    """The .ics text of one meeting."""
    return vcalendar([meeting_lines(meeting)], meeting.title)
