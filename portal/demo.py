"""The demo content: when the portal may load it, and loading it.

Start-up (`setup_portal`, so `make run`) loads the demo only into an *empty* database: one that
holds no content of the portal's own. Anything else is somebody's data, and start-up leaves it
exactly as it is, whatever it holds: an edited or deleted demo record, an imported or synthetic
register, a copy of production. Restoring the demo over existing content is the explicit,
confirmed `load_demo_content --reset`.

"Content of the portal's own" is what a person or an import made:

- any Wagtail page other than the tree's root and Wagtail's stock "Welcome" page (both plain
  `wagtailcore.Page` rows that its initial migration creates);
- any record of the ecosystem register (organisations, services, relations, service paths,
  municipalities, target groups);
- any newsletter list, subscriber or send; any steering-dashboard snapshot or progress item;
  any labour-market value; any uploaded image or document.

Rows that migrations create (locales, collections, workflows, the standard indicators and
areas, permissions) and user accounts are not content: they exist in every database.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
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

# Models whose rows are content (model labels, so this module imports no app).
CONTENT_MODELS = [
    "ecosystem.Organisation",
    "ecosystem.Service",
    "ecosystem.Relation",
    "ecosystem.ServicePath",
    "ecosystem.Municipality",
    "ecosystem.TargetGroup",
    "newsletter.MailingList",
    "newsletter.Subscriber",
    "newsletter.Send",
    "dashboard.EcosystemSnapshot",
    "dashboard.ProgressItem",
    "indicators.Observation",
    "wagtailimages.Image",
    "wagtaildocs.Document",
]


def content_found() -> list[str]:
    """What content the database holds (model labels), empty for an empty database.

    One `EXISTS` query per kind: cheap on any size of register.
    """
    found: list[str] = []
    page_model = apps.get_model("wagtailcore", "Page")
    plain_page = ContentType.objects.get_for_model(page_model)
    if page_model.objects.exclude(content_type=plain_page).exists():
        found.append("wagtailcore.Page")
    for label in CONTENT_MODELS:
        if apps.get_model(label)._default_manager.exists():
            found.append(label)
    return found


def load_demo(loaders: Iterable[str] = DEMO_LOADERS) -> list[str]:
    """Run every demo loader in one transaction; return their summaries.

    One transaction, so a failure leaves the database as it was (still empty, and the next
    start-up tries again) rather than half a demo that start-up would then leave alone.
    """
    summaries: list[str] = []
    with transaction.atomic():
        for dotted in loaders:
            summary = import_string(dotted)()
            if summary:
                summaries.append(summary)
    return summaries
