from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _lists_changed(**kwargs):
    # The subscribe form (on cached pages) shows the lists: a change must reach it at once.
    from portal.page_cache import invalidate

    invalidate()


class NewsletterConfig(AppConfig):
    """Newsletter issues (Wagtail pages), subscribers and sending.

    A separate app from cms_pages: subscribers, consent records and deliveries are personal
    data with their own retention and erasure rules, and sending is background work; page
    content stays in cms_pages.
    """

    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from newsletter.models import MailingList

        post_save.connect(_lists_changed, sender=MailingList, dispatch_uid="newsletter_lists_saved")
        post_delete.connect(
            _lists_changed, sender=MailingList, dispatch_uid="newsletter_lists_deleted"
        )
