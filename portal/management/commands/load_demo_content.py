"""Load the demo content of every area; loading twice changes and duplicates nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each area owns its demo content; the order matters (pages before what links to them).
DEMO_LOADERS = [
    "cms_pages.demo.load",
    "cms_pages.demo_news.load",
    "steering.demo.load",
    "ecosystem.demo.loader.load",
    "ecosystem.demo.map_page.load",
    "newsletter.demo.load",
    "indicators.demo.load",  # after the steering area, so its page goes inside it
    "dashboard.demo.load",  # after the steering area and the register (snapshots of it)
]


class Command(BaseCommand):
    help = "Load the KEKO demo content (site pages, ecosystem register) if it is not there yet."

    def handle(self, *args, **options):
        for dotted in DEMO_LOADERS:
            loader = import_string(dotted)
            with transaction.atomic():
                summary = loader()
            if summary:
                self.stdout.write(summary)
