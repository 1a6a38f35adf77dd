"""Site search over the live, public pages of the current language."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError, transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms_pages.feeds import current_locale
from cms_pages.search_query import clean_query

RESULTS_PER_PAGE = 10


def search(request):
    """Search results for ?q=, never pages behind a view restriction or unpublished ones."""
    query, problem = clean_query(request.GET.get("q", ""))
    results = None
    if query and not problem:
        pages = Page.objects.live().public().filter(locale=current_locale()).specific()
        paginator = Paginator(pages.search(query), RESULTS_PER_PAGE)
        try:
            # A savepoint: a query the backend refuses must not break the request's transaction.
            with transaction.atomic():
                try:
                    results = paginator.page(request.GET.get("page", 1))
                except PageNotAnInteger:
                    results = paginator.page(1)
                except EmptyPage:
                    results = paginator.page(paginator.num_pages)
                results.object_list = list(results.object_list)
        except DatabaseError:
            results, problem = None, _("This search could not be run. Try plain words.")
    return TemplateResponse(
        request,
        "cms_pages/search.html",
        {"search_query": query, "results": results, "search_problem": problem},
    )
