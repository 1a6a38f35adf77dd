from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """Newsletter issues (Wagtail pages), subscribers and sending.

    A separate app from cms_pages: subscribers, consent records and deliveries are personal
    data with their own retention and erasure rules, and sending is background work; page
    content stays in cms_pages.
    """

    name = "newsletter"
    verbose_name = _("Newsletter")
