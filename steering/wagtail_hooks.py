"""Serving restricted pages and documents: sign-in for visitors, a 403 page for others.

These run before Wagtail's own checks (order=-1), which would send every refused user,
signed in or not, to Wagtail's bare login form.
"""

from wagtail import hooks

from steering.privacy import may_be_restricted, refused_response


@hooks.register("before_serve_page", order=-1)
def refuse_restricted_page(page, request, serve_args, serve_kwargs):
    if not may_be_restricted(page):
        return None  # public page: no query here
    return refused_response(request, page.get_view_restrictions())


@hooks.register("before_serve_document", order=-1)
def refuse_restricted_document(document, request):
    return refused_response(request, document.collection.get_view_restrictions())
