from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.health import healthz


class AdminLoginRedirect(RedirectView):
    """Wagtail's own sign-in and password reset lead to allauth's, so one set of rate
    limits and MFA guards every way in."""

    query_string = True
    pattern_name = "account_login"


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/login/", AdminLoginRedirect.as_view(), name="keko_admin_login"),
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
        name="keko_admin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("portal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("", include("ecosystem.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
