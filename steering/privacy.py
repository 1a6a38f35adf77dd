"""Who may see the steering area and its documents, and how the restrictions are kept.

The area page carries a Wagtail page view restriction of type GROUPS (Steering group and
Project staff; superusers pass every group restriction); the steering collection carries the
same restriction for documents. Shared passwords are disabled in the settings, so the only
restrictions an editor can choose are "signed in" and "groups".
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
)

from portal.accounts.access import STEERING_AREA_GROUPS, sees_steering_area
from steering.models import SteeringAreaPage

AREA_GROUP_NAMES = STEERING_AREA_GROUPS
COLLECTION_NAME = "Ohjausryhmä"
FORBIDDEN_TEMPLATE = "steering/forbidden.html"
SIGN_IN_TYPES = (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS)
RESTRICTED_PATHS_KEY = "keko:steering:restricted-page-paths"
RESTRICTED_PATHS_SECONDS = 300


def area_groups() -> list[Group]:
    """The groups that may open the area (created if a database lacks them)."""
    return [Group.objects.get_or_create(name=name)[0] for name in AREA_GROUP_NAMES]


def user_may_view_area(user) -> bool:
    """True for signed-in members of the steering group or the project staff, and superusers
    (the one rule of portal.accounts.access)."""
    return sees_steering_area(user)


def _ensure_group_restriction(restrictions, create) -> bool:
    """Make one restriction of `restrictions` a GROUPS restriction holding the area's
    groups (creating it when there is none); True when something changed."""
    groups = area_groups()
    restriction = restrictions.first()
    changed = False
    if restriction is None:
        restriction = create()
        changed = True
    elif restriction.restriction_type != BaseViewRestriction.GROUPS:
        restriction.restriction_type = BaseViewRestriction.GROUPS
        restriction.password = ""
        restriction.save()
        changed = True
    present = set(restriction.groups.values_list("pk", flat=True))
    missing = [group for group in groups if group.pk not in present]
    if missing:
        restriction.groups.add(*missing)
        changed = True
    return changed


def restrict_area(page) -> bool:
    """Give the steering area page its group restriction (idempotent); True when changed.

    Only the page's own restriction counts: the area is private by itself, whatever its
    ancestors say.
    """
    return _ensure_group_restriction(
        PageViewRestriction.objects.filter(page=page).order_by("pk"),
        lambda: PageViewRestriction.objects.create(
            page=page, restriction_type=BaseViewRestriction.GROUPS
        ),
    )


def restrict_area_after_commit(page_id: int) -> None:
    """Check the area again once the current transaction is committed (the admin's privacy
    dialog sets the groups after saving the restriction, or deletes it)."""

    def check():
        area = SteeringAreaPage.objects.filter(pk=page_id).first()
        if area is not None:
            restrict_area(area)

    transaction.on_commit(check)


def private_collection() -> Collection:
    """The steering group's document collection under the root, restricted to the area's
    groups (created when missing, found by its name)."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=COLLECTION_NAME)
    _ensure_group_restriction(
        CollectionViewRestriction.objects.filter(collection=collection).order_by("pk"),
        lambda: CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        ),
    )
    return collection


def restricted_paths() -> tuple[str, ...]:
    """The tree paths of the pages that carry a view restriction, from the cache.

    Lets the serving hook skip public pages without a query. A stale list never opens a
    page: Wagtail's own check still reads the restrictions from the database (it would only
    answer with its bare sign-in redirect instead of the portal's 403 page).
    """
    paths = cache.get(RESTRICTED_PATHS_KEY)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(RESTRICTED_PATHS_KEY, paths, RESTRICTED_PATHS_SECONDS)
    return paths


def forget_restricted_paths(**kwargs) -> None:
    """Signal handler: a restriction or a page's place in the tree changed. Forgotten now and
    again after the commit, in case another request read the old state in between."""
    cache.delete(RESTRICTED_PATHS_KEY)
    transaction.on_commit(lambda: cache.delete(RESTRICTED_PATHS_KEY))


def may_be_restricted(page) -> bool:
    """False when neither the page nor an ancestor has a restriction (aliases are checked
    in full: they take their source page's restrictions)."""
    return bool(page.alias_of_id) or page.path.startswith(restricted_paths())


def refused_response(request, restrictions):
    """The answer to a request that a sign-in or group restriction does not accept, or None.

    Anonymous visitors go to the portal's sign-in (allauth) with ?next= back here; signed-in
    users without the group get a translated 403 page (Wagtail alone would send them to a
    sign-in page again: a loop). Neither answer may be stored by any cache.
    """
    for restriction in restrictions:
        if restriction.restriction_type not in SIGN_IN_TYPES:
            continue
        if restriction.accept_request(request):
            continue
        if request.user.is_authenticated:
            response = TemplateResponse(request, FORBIDDEN_TEMPLATE, {}, status=403)
        else:
            response = redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        add_never_cache_headers(response)
        return response
    return None
