from pathlib import Path

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views.serve import serve as serve_document

from cms_pages import feeds as cms_feeds
from cms_pages.search_views import search as cms_search
from cms_pages.seo import robots_txt, sitemap
from portal.health import healthz
from portal.metrics import metrics


def favicon(request):
    """The site icon (resolved per request: the static manifest may not exist at import)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


class AdminLoginRedirect(RedirectView):
    """Wagtail's own sign-in and password reset lead to allauth's, so one set of rate
    limits and MFA guards every way in."""

    query_string = True
    pattern_name = "account_login"


# A database outage answers with the translated 503 page (portal.outage), any other error 500.
handler500 = "portal.outage.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on pages that name no icon (PDFs, the email preview).
    path("favicon.ico", favicon, name="favicon"),
    path("admin/login/", AdminLoginRedirect.as_view(), name="keko_admin_login"),
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
        name="keko_admin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Documents may be private (the steering group's collection): a browser may keep its
    # copy, a shared cache or proxy never. Same address and name as Wagtail's own route.
    re_path(
        r"^documents/(\d+)/(.*)$",
        cache_control(private=True)(serve_document),
        name="wagtaildocs_serve",
    ),
    path("documents/", include(wagtaildocs_urls)),
    # The register as Open Referral HSDS 3.0, for other directories (no language prefix).
    path("api/hsds/", include("ecosystem.exchange.hsds_api.urls")),
]

urlpatterns += i18n_patterns(
    path("accounts/organisations/", include("ecosystem.stewardship.urls")),
    path("accounts/", include("portal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("", include("ecosystem.map.urls")),
    path("", include("ecosystem.exchange.hsds_api.page_urls")),
    path("", include("ecosystem.pages.urls")),
    path("search/", cms_search, name="search"),
    path("feeds/news.rss", cms_feeds.NewsRssFeed(), name="news_rss"),
    path("feeds/news.atom", cms_feeds.NewsAtomFeed(), name="news_atom"),
    path("feeds/events.ics", cms_feeds.events_ics, name="events_ics"),
    path("feeds/event-<int:pk>.ics", cms_feeds.event_ics, name="event_ics"),
    # Wagtail's front-end sign-in (a plain Django form: no rate limits, no MFA) leads to
    # allauth's, like the admin's.
    path("_util/login/", AdminLoginRedirect.as_view(), name="keko_frontend_login"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# Folders of MEDIA_ROOT the development server may serve. Never "documents/": documents are
# served by /documents/<id>/<name> only, after the collection's privacy check.
DEBUG_MEDIA_FOLDERS = ("images", "original_images")


def debug_media_patterns():
    """Uploaded images in development (empty unless DEBUG)."""
    from django.conf.urls.static import static

    patterns = []
    for folder in DEBUG_MEDIA_FOLDERS:
        patterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=Path(settings.MEDIA_ROOT) / folder
        )
    return patterns


if settings.DEBUG:
    urlpatterns = debug_media_patterns() + urlpatterns
