"""Subscriber CSV export and import.

Import is all-or-nothing: every line is checked first and any error (with its line number)
stops the import before anything is written. It never puts anyone back on a list they left:
an address with a suppression entry for a list (or for every list) is left off that list
and counted. Imported subscriptions are confirmed, with a consent record holding the basis
staff gave.

Export writes the same columns the import reads (email, language, lists) plus the state of
every subscription, so an export can be imported again, e.g. after a restore, without
resubscribing anyone.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsletter.addresses import email_hash, normalise_email
from newsletter.models import ConsentRecord, MailingList, Subscriber, Subscription, Suppression
from portal.kernel.failures import import_failures_logged

Status = Subscription.Status
EXPORT_COLUMNS = ["email", "language", "lists", "pending_lists", "unsubscribed_lists", "created"]
LIST_SEPARATORS = re.compile(r"[\s|,;]+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 100_000
CHUNK = 500


# ---------------------------------------------------------------- export


def _cell(value: str) -> str:
    # A spreadsheet would run a cell starting like a formula; the quote makes it text.
    return "'" + value if value.startswith(FORMULA_START) else value


def export_rows() -> Iterable[list[str]]:
    """The header row, then one row per subscriber, read in chunks (flat memory)."""
    yield EXPORT_COLUMNS
    slugs = dict(MailingList.objects.values_list("pk", "slug"))
    last_id = 0
    while True:
        chunk = list(
            Subscriber.objects.filter(pk__gt=last_id)
            .order_by("pk")
            .prefetch_related("subscriptions")[:CHUNK]
        )
        if not chunk:
            return
        for subscriber in chunk:
            by_status = {status: [] for status in Status.values}
            for subscription in subscriber.subscriptions.all():
                by_status[subscription.status].append(slugs[subscription.mailing_list_id])
            yield [
                _cell(subscriber.email),
                subscriber.language,
                " ".join(sorted(by_status[Status.CONFIRMED])),
                " ".join(sorted(by_status[Status.PENDING])),
                " ".join(sorted(by_status[Status.UNSUBSCRIBED])),
                subscriber.created.isoformat(timespec="seconds"),
            ]
        last_id = chunk[-1].pk


class _Echo:
    def write(self, value):
        return value


def export_csv_lines() -> Iterable[str]:
    """The export as CSV text lines, for a streaming download."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    for row in export_rows():
        yield writer.writerow(row)


def export_csv(stream) -> int:
    """Write the export to a text stream; returns the number of subscribers written."""
    writer = csv.writer(stream)
    count = -1
    for row in export_rows():
        writer.writerow(row)
        count += 1
    return count


# ---------------------------------------------------------------- import


@dataclass
class ImportResult:
    new_subscribers: int = 0
    subscriptions_added: int = 0
    already_subscribed: int = 0
    left_off_unsubscribed: int = 0
    rows: int = 0


@dataclass
class ImportFailed(Exception):
    """The file was not imported; `errors` are translated sentences with line numbers."""

    errors: list[str] = field(default_factory=list)

    def __str__(self):
        return "\n".join(self.errors)


@dataclass(frozen=True)
class _Row:
    line: int
    email: str
    language: str
    list_ids: tuple[int, ...]


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = _("Line %(line)s: the file is not UTF-8 text. Save it as “CSV UTF-8”.")
        raise ImportFailed([message % {"line": line}]) from None


class _RowChecker:
    """Checks one record at a time; remembers addresses to catch duplicates."""

    def __init__(self, column: dict[str, int]):
        self.column = column
        self.lists_by_slug = dict(MailingList.objects.values_list("slug", "pk"))
        self.languages = {code for code, _name in settings.LANGUAGES}
        self.seen: dict[str, int] = {}
        self.default_list = "general" if "general" in self.lists_by_slug else None
        if self.default_list is None and len(self.lists_by_slug) == 1:
            self.default_list = next(iter(self.lists_by_slug))

    def _cell(self, record, name) -> str:
        index = self.column.get(name)
        return record[index].strip() if index is not None and index < len(record) else ""

    def _email(self, record, problems) -> str:
        raw = self._cell(record, "email")
        if raw.startswith("'") and raw[1:2] in FORMULA_START:
            raw = raw[1:]  # written by our own export to keep spreadsheets from running it
        if not raw:
            problems.append(_("the email address is missing"))
            return ""
        try:
            return normalise_email(raw)
        except ValidationError as error:
            problems.append(
                _("“%(value)s”: %(message)s") % {"value": raw[:80], "message": error.messages[0]}
            )
            return ""

    def _slugs(self, record, problems) -> list[str]:
        slugs = [slug for slug in LIST_SEPARATORS.split(self._cell(record, "lists")) if slug]
        unknown = [slug for slug in slugs if slug not in self.lists_by_slug]
        if unknown:
            problems.append(
                _("unknown list “%(value)s” (lists: %(known)s)")
                % {"value": unknown[0][:50], "known": ", ".join(sorted(self.lists_by_slug))}
            )
        elif not slugs and ("lists" in self.column or self.default_list is None):
            problems.append(_("no list is given"))
        elif not slugs:
            slugs = [self.default_list]
        return slugs

    def check(self, line: int, record: list[str]) -> tuple[_Row | None, str | None]:
        """(row, None) for a good record, (None, translated error) for a bad one."""
        problems: list[str] = []
        email = self._email(record, problems)
        language = self._cell(record, "language").lower() or settings.LANGUAGE_CODE
        if language not in self.languages:
            problems.append(
                _("unknown language “%(value)s” (use fi, sv or en)") % {"value": language[:20]}
            )
        slugs = self._slugs(record, problems)
        if email and email in self.seen:
            problems.append(
                _("the address is already on line %(line)s") % {"line": self.seen[email]}
            )
        if problems:
            message = _("Line %(line)s: %(problems)s.")
            problems_text = "; ".join(problem.rstrip(".") for problem in problems)
            return None, message % {"line": line, "problems": problems_text}
        self.seen[email] = line
        list_ids = tuple(self.lists_by_slug[slug] for slug in slugs)
        return _Row(line, email, language, list_ids), None


def _parse(data: bytes) -> list[_Row]:
    text = _decode(data)
    if not text.strip():
        raise ImportFailed([_("The file is empty.")])
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error as error:
        raise ImportFailed([_("Line 1: %(error)s") % {"error": error}]) from None
    if "email" not in header:
        raise ImportFailed([_("Line 1: the header row must have an “email” column.")])
    checker = _RowChecker(
        {name: header.index(name) for name in ("email", "language", "lists") if name in header}
    )
    rows, errors = [], []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) + len(errors) >= MAX_ROWS:
                errors.append(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
                break
            row, error = checker.check(reader.line_num, record)
            if error:
                errors.append(error)
            else:
                rows.append(row)
    except csv.Error as error:
        errors.append(_("Line %(line)s: %(error)s") % {"line": reader.line_num, "error": error})
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed([_("The file has no subscribers after the header row.")])
    return rows


def _import_chunk(rows: list[_Row], basis: str, language: str, now, result: ImportResult) -> None:
    emails = [row.email for row in rows]
    existing = {s.email: s for s in Subscriber.objects.filter(email__in=emails)}
    new = [
        Subscriber(email=row.email, language=row.language, created=now)
        for row in rows
        if row.email not in existing
    ]
    Subscriber.objects.bulk_create(new)
    result.new_subscribers += len(new)
    subscribers = {s.email: s for s in Subscriber.objects.filter(email__in=emails)}

    hashes = {row.email: email_hash(row.email) for row in rows}
    suppressed_all, suppressed_list = set(), set()
    for hashed, list_id in Suppression.objects.filter(
        email_hash__in=list(hashes.values())
    ).values_list("email_hash", "mailing_list_id"):
        if list_id is None:
            suppressed_all.add(hashed)
        else:
            suppressed_list.add((hashed, list_id))

    current = {
        (s.subscriber_id, s.mailing_list_id): s
        for s in Subscription.objects.filter(subscriber__in=subscribers.values())
    }
    to_create, to_confirm, consents = [], [], []
    slug_of = dict(MailingList.objects.values_list("pk", "slug"))
    for row in rows:
        subscriber = subscribers[row.email]
        added = []
        for list_id in row.list_ids:
            hashed = hashes[row.email]
            subscription = current.get((subscriber.pk, list_id))
            if (
                hashed in suppressed_all
                or (hashed, list_id) in suppressed_list
                or (subscription is not None and subscription.status == Status.UNSUBSCRIBED)
            ):
                result.left_off_unsubscribed += 1
            elif subscription is None:
                to_create.append(
                    Subscription(
                        subscriber=subscriber,
                        mailing_list_id=list_id,
                        status=Status.CONFIRMED,
                        created=now,
                        confirmed_at=now,
                    )
                )
                added.append(slug_of[list_id])
            elif subscription.status == Status.PENDING:
                to_confirm.append(subscription.pk)
                added.append(slug_of[list_id])
            else:
                result.already_subscribed += 1
        if added:
            result.subscriptions_added += len(added)
            consents.append(
                ConsentRecord(
                    subscriber=subscriber,
                    source=ConsentRecord.Source.IMPORT,
                    list_slugs=sorted(added),
                    consent_text=basis,
                    language=language,
                    newsletter_language=subscriber.language,
                    requested_at=now,
                    confirmed_at=now,
                )
            )
    Subscription.objects.bulk_create(to_create)
    Subscription.objects.filter(pk__in=to_confirm).update(status=Status.CONFIRMED, confirmed_at=now)
    ConsentRecord.objects.bulk_create(consents)


def import_csv(data: bytes, *, basis: str, language: str = "fi") -> ImportResult:
    """Import subscribers from CSV bytes; raises ImportFailed and writes nothing on error
    (and logs the refusal once, with no address or name in it: portal.kernel.failures)."""
    with import_failures_logged("subscribers", "csv", dry_run=False, refused=(ImportFailed,)):
        return _import_csv(data, basis=basis, language=language)


def _import_csv(data: bytes, *, basis: str, language: str) -> ImportResult:
    basis = basis.strip()
    if not basis:
        raise ImportFailed([_("Say how these people agreed to receive the newsletter.")])
    rows = _parse(data)
    result = ImportResult(rows=len(rows))
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, len(rows), CHUNK):
            _import_chunk(rows[start : start + CHUNK], basis, language, now, result)
    return result
