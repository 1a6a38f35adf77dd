"""The access matrix: every URL × every role, with the outcome each role must get.

Each role signs in through the real allauth flow (password, and a TOTP code for users with an
authenticator) and then opens every URL of the table. To add a URL (the steering area, the
map, partner-only service details, ...) add one row to MATRIX: a path (placeholders such as
{page_id} are filled from `matrix_objects`) and the outcome for every role, usually one of the
ready-made rows below (PUBLIC, SIGNED_IN, STAFF_AREA, ADMIN_ONLY) or `_row(...)` of your own.
Every registered Wagtail snippet's listing is added automatically (snippet_rows).
"""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from portal.accounts.models import Invitation, hash_token

# Fixtures are requested by name (getfixturevalue): the marker orders these tests with the
# other database tests, before transactional ones flush what migrations created.
pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
PARTNER = "partner"
STEERING = "steering"
STAFF_WITHOUT_MFA = "staff_without_mfa"
STAFF = "staff"
ADMIN = "admin"
ROLES = (ANONYMOUS, PARTNER, STEERING, STAFF_WITHOUT_MFA, STAFF, ADMIN)
ROLE_FIXTURES = {
    PARTNER: "partner_user",
    STEERING: "steering_user",
    STAFF_WITHOUT_MFA: "staff_user_without_mfa",
    STAFF: "staff_user",
    ADMIN: "admin_user",
}

# Outcomes
OK = "200"
LOGIN = "redirect to sign-in, next=the URL"
MFA_SETUP = "redirect to authenticator setup"
FORBIDDEN = "403 page"
DENIED = "Wagtail's 'no permission' redirect to the admin home"
NOT_FOUND = "404"


def _row(anonymous, partner, steering, staff_without_mfa, staff, admin):
    outcomes = (anonymous, partner, steering, staff_without_mfa, staff, admin)
    return dict(zip(ROLES, outcomes, strict=True))


# The translated 403 pages: the admin's, and the steering area's (pages and documents).
FORBIDDEN_TEMPLATES = {"accounts/admin_forbidden.html", "steering/forbidden.html"}

PUBLIC = _row(OK, OK, OK, OK, OK, OK)
SIGNED_IN = _row(LOGIN, OK, OK, OK, OK, OK)
STAFF_AREA = _row(LOGIN, FORBIDDEN, FORBIDDEN, MFA_SETUP, OK, OK)
ADMIN_ONLY = _row(LOGIN, FORBIDDEN, FORBIDDEN, MFA_SETUP, DENIED, OK)
STEERING_AREA = _row(LOGIN, FORBIDDEN, OK, OK, OK, OK)

MATRIX = [
    # public site
    ("/", PUBLIC),
    ("/en/", PUBLIC),
    ("/no-such-page/", _row(*[NOT_FOUND] * 6)),
    # Wagtail admin: editing, moderation, preview, history, the admin API
    ("/admin/", STAFF_AREA),
    ("/admin/pages/", STAFF_AREA),
    ("/admin/pages/{page_id}/", STAFF_AREA),
    ("/admin/pages/{page_id}/edit/", STAFF_AREA),
    ("/admin/pages/{page_id}/history/", STAFF_AREA),
    ("/admin/pages/{page_id}/edit/preview/", STAFF_AREA),
    ("/admin/pages/{page_id}/view_draft/", STAFF_AREA),
    ("/admin/pages/{page_id}/workflow_history/", STAFF_AREA),
    ("/admin/pages/{page_id}/unpublish/", STAFF_AREA),
    ("/admin/pages/{page_id}/delete/", STAFF_AREA),
    ("/admin/api/main/pages/", STAFF_AREA),
    ("/admin/api/main/pages/{page_id}/", STAFF_AREA),
    ("/admin/images/", STAFF_AREA),
    ("/admin/documents/", STAFF_AREA),
    ("/admin/reports/site-history/", STAFF_AREA),
    ("/admin/users/", ADMIN_ONLY),
    ("/admin/groups/", ADMIN_ONLY),
    ("/admin/sites/", ADMIN_ONLY),
    ("/admin/invitations/", STAFF_AREA),
    ("/admin/invitations/new/", STAFF_AREA),
    ("/admin/invitations/inspect/{invitation_id}/", STAFF_AREA),
    ("/admin/invitations/revoke/{invitation_id}/", STAFF_AREA),
    # account pages (allauth and the portal's own)
    ("/accounts/", SIGNED_IN),
    ("/en/accounts/", SIGNED_IN),
    ("/accounts/email/", SIGNED_IN),
    ("/accounts/password/change/", SIGNED_IN),
    ("/accounts/2fa/", SIGNED_IN),
    ("/accounts/sessions/", SIGNED_IN),
    ("/accounts/password/reset/", PUBLIC),
    # service map (issue 4): anonymous visitors get public records only, so a partner-only
    # service, organisation or service path is "not found" for them
    ("/palvelukartta/", PUBLIC),
    ("/palvelukartta/?tg=immigrants&focus={map_public_node}", PUBLIC),
    ("/ecosystem/map/text/", PUBLIC),
    ("/api/ecosystem/map.json", PUBLIC),
    ("/api/ecosystem/map.csv", PUBLIC),
    ("/api/ecosystem/map.csv?table=relations", PUBLIC),
    ("/api/ecosystem/nodes/{map_public_node}.json", PUBLIC),
    ("/api/ecosystem/nodes/{map_partner_node}.json", _row(NOT_FOUND, OK, OK, OK, OK, OK)),
    ("/api/ecosystem/nodes/{map_partner_org}.json", _row(NOT_FOUND, OK, OK, OK, OK, OK)),
    ("/api/ecosystem/paths/{map_public_path}.json", PUBLIC),
    ("/api/ecosystem/paths/{map_partner_path}.json", _row(NOT_FOUND, OK, OK, OK, OK, OK)),
    # steering group area (issue 6): pages and documents for the steering group and staff;
    # its drafts and previews only in the admin
    ("/ohjausryhma/", STEERING_AREA),
    ("/ohjausryhma/kokoukset/", STEERING_AREA),
    ("/ohjausryhma/kokoukset/matriisikokous/", STEERING_AREA),
    ("{steering_document}", STEERING_AREA),
    ("/admin/pages/{steering_meeting_id}/view_draft/", STAFF_AREA),
    ("/admin/pages/{steering_meeting_id}/edit/preview/", STAFF_AREA),
    # labour-market indicators (issue 6): the page inside the steering area; import/export
    # in the admin for project staff
    ("/ohjausryhma/tyollisyysindikaattorit/", STEERING_AREA),
    ("/ohjausryhma/tyollisyysindikaattorit/?area=858&indicator=job_seekers", STEERING_AREA),
    ("/admin/indicators/exchange/", STAFF_AREA),
    ("/admin/indicators/export.csv", STAFF_AREA),
    # ecosystem dashboard (issue 6): inside the steering area, every route of the page
    ("/ohjausryhma/tilannekatsaus/", STEERING_AREA),
    ("/ohjausryhma/tilannekatsaus/print/", STEERING_AREA),
    ("/ohjausryhma/tilannekatsaus/compare/?from=1&to=2", STEERING_AREA),
    ("/ohjausryhma/tilannekatsaus/compare/print/", STEERING_AREA),
]


def snippet_rows():
    """Every registered snippet model's listing: snippets are content project staff manage
    (ecosystem register, newsletters, ...). A snippet staff must not manage needs its own row."""
    rows = []
    for model in get_snippet_models():
        rows.append((reverse(model.snippet_viewset.get_url_name("list")), STAFF_AREA))
    return rows


@pytest.fixture
def matrix_objects(db, settings, tmp_path):
    """The objects the matrix's URLs point at (a generic Wagtail page, an invitation)."""
    page = Page.objects.get(depth=1).add_child(
        instance=Page(title="Matrix page", slug="matrix-page")
    )
    invitation = Invitation.objects.create(
        email="invitee@example.org",
        expires_at=timezone.now() + timedelta(days=1),
        token_hash=hash_token("matrix-token"),
    )
    return {
        "page_id": page.pk,
        "invitation_id": invitation.pk,
        **map_objects(),
        **steering_objects(settings, tmp_path),
        **indicator_objects(),
        **dashboard_objects(),
    }


def map_objects():
    """The demo map page (/palvelukartta/) and a public and a partner-only service,
    organisation and service path of the register."""
    from ecosystem.demo import map_page as map_demo
    from ecosystem.models import Organisation, ServicePath, ServicePathStep, TargetGroup
    from tests.ecosystem.map.conftest import make_service

    map_demo.load()
    group = TargetGroup.objects.create(code="immigrants", name_fi="Maahanmuuttajat")
    public_org = Organisation.objects.create(name_fi="Matriisin kunta")
    partner_org = Organisation.objects.create(name_fi="Matriisin järjestö", visibility="partners")
    public = make_service("Matriisin ohjaus", public_org, groups=[group])
    partner = make_service("Matriisin kumppanipalvelu", public_org, visibility="partners")
    paths = {}
    for visibility in ("public", "partners"):
        path = ServicePath.objects.create(
            name_fi=f"Matriisin polku ({visibility})", target_group=group, visibility=visibility
        )
        ServicePathStep.objects.create(path=path, position=1, service=public)
        paths[visibility] = path.pk
    return {
        "map_public_node": f"svc:{public.pk}",
        "map_partner_node": f"svc:{partner.pk}",
        "map_partner_org": f"org:{partner_org.pk}",
        "map_public_path": paths["public"],
        "map_partner_path": paths["partners"],
    }


def steering_objects(settings, tmp_path):
    """The steering area under the site root (/ohjausryhma/, private by itself), a meeting
    and a document in the steering group's private collection (stored under tmp_path)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Site

    from steering.models import MeetingIndexPage, MeetingPage, SteeringAreaPage
    from steering.privacy import private_collection

    settings.MEDIA_ROOT = str(tmp_path)
    root = Site.objects.get(is_default_site=True).root_page
    area = root.add_child(instance=SteeringAreaPage(title="Ohjausryhmä", slug="ohjausryhma"))
    index = area.add_child(instance=MeetingIndexPage(title="Kokoukset", slug="kokoukset"))
    meeting = index.add_child(
        instance=MeetingPage(title="Matriisikokous", slug="matriisikokous", start=timezone.now())
    )
    document = get_document_model()(title="Matriisin muistio", collection=private_collection())
    document.file.save("matriisi.txt", ContentFile(b"Matriisin muistio"), save=True)
    return {"steering_meeting_id": meeting.pk, "steering_document": document.url}


def indicator_objects():
    """The labour-market indicators page inside the steering area."""
    from indicators.models import IndicatorsPage
    from steering.models import SteeringAreaPage

    area = SteeringAreaPage.objects.get(slug="ohjausryhma")
    area.add_child(instance=IndicatorsPage(title="Indikaattorit", slug="tyollisyysindikaattorit"))
    return {}


def dashboard_objects():
    """The ecosystem dashboard inside the steering area."""
    from dashboard.models import DashboardPage
    from steering.models import SteeringAreaPage

    area = SteeringAreaPage.objects.get(slug="ohjausryhma")
    area.add_child(instance=DashboardPage(title="Tilannekatsaus", slug="tilannekatsaus"))
    return {}


def outcome(response, path):
    """What the user got, in the terms of the matrix."""
    status = response.status_code
    if status == 200:
        return OK
    if status == 404:
        return NOT_FOUND
    if status == 403:
        templates = {template.name for template in response.templates}
        return FORBIDDEN if templates & FORBIDDEN_TEMPLATES else "bare 403"
    if status in (301, 302):
        location = urlsplit(response["Location"])
        next_url = parse_qs(location.query).get("next", [None])[0]
        if location.path == reverse("account_login"):
            return LOGIN if next_url == path else f"sign-in with next={next_url!r}"
        if location.path == reverse("mfa_activate_totp"):
            return MFA_SETUP
        if location.path == reverse("wagtailadmin_home") and path.startswith("/admin/"):
            return DENIED
        return f"redirect to {response['Location']}"
    return str(status)


@pytest.mark.heavy
@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(role, request, matrix_objects, sign_in):
    client = Client()
    if role != ANONYMOUS:
        sign_in(client, request.getfixturevalue(ROLE_FIXTURES[role]))
    mismatches = []
    for template, expected in MATRIX + snippet_rows():
        path = template.format(**matrix_objects)
        got = outcome(client.get(path), path)
        if got != expected[role]:
            mismatches.append(f"{path}: expected {expected[role]}, got {got}")
    assert not mismatches, f"{role}:\n" + "\n".join(mismatches)


def test_every_row_names_every_role():
    for path, expected in MATRIX:
        assert set(expected) == set(ROLES), path
