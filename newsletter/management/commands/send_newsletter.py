"""Send a newsletter issue now, in this process (the same code the background task runs)."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from newsletter.models import MailingList, NewsletterIssuePage, Send
from newsletter.services.sending import SendError, canonical_issue, send_run, send_start


class Command(BaseCommand):
    help = (
        "Send the newsletter issue PAGE_ID to the confirmed subscribers of a list (every "
        "list when --list is not given; each subscriber gets the issue once). Idempotent: "
        "a finished send sends nothing again; --resume finishes an interrupted one."
    )

    def add_arguments(self, parser):
        parser.add_argument("page_id", type=int)
        parser.add_argument("--list", dest="list_slugs", action="append", metavar="SLUG")
        parser.add_argument(
            "--resume", action="store_true", help="Go on with a send that was interrupted."
        )
        parser.add_argument("--batch-size", type=int, default=None)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Take the send over from a worker that still holds it (only if it is dead).",
        )

    def handle(
        self, *args, page_id, list_slugs=None, resume=False, batch_size=None, force=False, **options
    ):
        page = Page.objects.filter(pk=page_id).first()
        if page is None:
            raise CommandError(f"No page with id {page_id}.")
        if not isinstance(page.specific, NewsletterIssuePage):
            raise CommandError(f"Page {page_id} ({page.title}) is not a newsletter issue.")
        issue = canonical_issue(page)
        lists = MailingList.objects.all()
        if list_slugs:
            lists = lists.filter(slug__in=list_slugs)
            missing = set(list_slugs) - set(lists.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"Unknown list: {', '.join(sorted(missing))}.")
        for mailing_list in lists:
            self._send(issue, mailing_list, resume, batch_size, force)

    def _send(self, issue, mailing_list, resume, batch_size, force):
        existing = Send.objects.filter(issue=issue, mailing_list=mailing_list).first()
        if existing is not None and existing.status == Send.Status.DONE:
            self.stdout.write(f"{mailing_list.slug}: already sent; nothing new to send.")
            return
        if existing is not None and not resume:
            raise CommandError(
                f"{mailing_list.slug}: an unfinished send exists "
                f"({existing.get_status_display()}); run again with --resume."
            )
        try:
            send, created = send_start(issue=issue, mailing_list=mailing_list)
            if created:
                self.stdout.write(f"{mailing_list.slug}: {send.total} recipients.")
            report = send_run(send, batch_size=batch_size, force=force)
        except SendError as error:
            raise CommandError(f"{mailing_list.slug}: {error}") from error
        self.stdout.write(
            f"{mailing_list.slug}: sent {report.sent}, failed {report.failed}, skipped "
            f"{report.skipped}, uncertain after a crash {report.recovered_uncertain}; "
            f"{report.connections} SMTP connection(s)."
        )
