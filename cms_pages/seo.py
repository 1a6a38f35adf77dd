"""sitemap.xml of the public pages of every language, and robots.txt pointing at it."""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.http import HttpResponse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from ecosystem.pages.sitemaps import RecordPagesSitemap
from portal.site_url import absolute_url


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap, covering the site's home page in every language; live, public
    pages only (nothing behind a view restriction)."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key, depth=root.depth)
        paths = [page.path for page in roots] or [root.path]
        return (
            Page.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        # Wagtail builds each address from its Site record (http://localhost:80 unless an
        # editor changed it): the configured BASE_URL is the one source of truth instead.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = absolute_url(url["location"])
        return urls


class RegisterSitemap(RecordPagesSitemap):
    """The register's record pages, addressed on BASE_URL like the pages."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = absolute_url(url["location"])
        return urls


def sitemap(request):
    """The sitemap.xml of the site: the pages, then the register's public record pages."""
    return wagtail_sitemap(
        request,
        sitemaps={"pages": AllLanguagesSitemap(request), "register": RegisterSitemap()},
    )


def robots_txt(request):
    """robots.txt: crawl the public site, not the admin or accounts; where the sitemap is."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /sv/accounts/",
        "Disallow: /en/accounts/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
