"""The "Import / export" page of the admin's Labour market menu: upload → preview → confirm.

An uploaded file is checked with a dry run and the page shows what the import would do,
or every problem found (nothing is saved then). The upload is kept in the default storage
under `indicator-imports/<token>/` until the user confirms, so the confirmed import reads
the very file that was previewed. Indicator files are small (a bulletin is some hundred
values), so everything runs in the request.

Import needs add and change permission on observations, export view permission (Project
staff have them through the app's data migration); anyone else gets permission denied.
"""

from __future__ import annotations

import datetime
import logging
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from indicators.exchange.exporting import export_csv
from indicators.exchange.importing import ImportRefused, indicators_import
from indicators.exchange.reading import EXTENSIONS
from portal.kernel.admin_pages import ImportExportPageView
from portal.kernel.limits import max_bytes, too_large_message
from portal.kernel.uploads import delete_upload, local_path, store_upload

logger = logging.getLogger(__name__)

MENU_HOOK = "register_indicators_menu_item"
UPLOAD_DIR = "indicator-imports"
STALE_AFTER = datetime.timedelta(days=1)
SESSION_UPLOADS = "indicator_import_uploads"
EXPORT_PERMISSIONS = ("indicators.view_observation",)
IMPORT_PERMISSIONS = ("indicators.add_observation", "indicators.change_observation")


def can_export(user) -> bool:
    return user.is_active and user.has_perms(EXPORT_PERMISSIONS)


def can_import(user) -> bool:
    return user.is_active and user.has_perms(IMPORT_PERMISSIONS)


class IndicatorImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A .csv, .txt or .xlsx file: columns alue, indikaattori, ryhmä, kuukausi, arvo, or "
            "the tables of the employment bulletin as printed. Nothing changes until you "
            "confirm."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        required=False,
        max_length=255,
        help_text=gettext_lazy(
            "Stored with every value, e.g. Työllisyyskatsaus 3/2026. Empty: the file's own "
            "source column, or the bulletin and the table's latest month."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(too_large_message(upload.size))
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in EXTENSIONS:
            raise forms.ValidationError(
                _("Upload a .csv, .txt or .xlsx file, not “%(suffix)s”.")
                % {"suffix": suffix or "—"}
            )
        return upload


def _store(upload) -> tuple[str, str]:
    return store_upload(upload, UPLOAD_DIR, max_age=STALE_AFTER)


def _run(upload: dict, *, dry_run: bool):
    with local_path(upload["name"]) as file_path:
        return indicators_import(
            path=file_path,
            source_name=upload["source_name"],
            dry_run=dry_run,
            source=upload["source"],
        )


class IndicatorExchangeView(ImportExportPageView):
    template_name = "indicators/admin/exchange.html"
    user_can_export = staticmethod(can_export)
    user_can_import = staticmethod(can_import)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", IndicatorImportForm())
        context["can_import"] = can_import(self.request.user)
        context["export_url"] = reverse("indicators_export")
        context["action_url"] = reverse("indicators_exchange")
        context["confirm_url"] = reverse("indicators_exchange_confirm")
        return context

    def post(self, request, *args, **kwargs):
        form = IndicatorImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload_file = form.cleaned_data["file"]
        token, name = _store(upload_file)
        upload = {
            "name": name,
            "source_name": Path(upload_file.name).name,
            "source": form.cleaned_data["source"],
        }
        try:
            preview = _run(upload, dry_run=True)
        except ImportRefused as refused:
            delete_upload(name)
            return self.render_to_response(
                self.get_context_data(
                    form=form, problems=refused.messages(), source_name=upload["source_name"]
                )
            )
        uploads = request.session.get(SESSION_UPLOADS, {})
        uploads[token] = upload
        request.session[SESSION_UPLOADS] = uploads
        return self.render_to_response(
            self.get_context_data(
                form=form, preview=preview, token=token, source_name=upload["source_name"]
            )
        )


class ConfirmIndicatorImportView(View):
    def post(self, request):
        if not can_import(request.user):
            raise PermissionDenied
        upload = request.session.get(SESSION_UPLOADS, {}).pop(request.POST.get("token", ""), None)
        request.session.modified = True
        if upload is None:
            messages.error(request, _("That upload is no longer available: upload the file again."))
            return redirect("indicators_exchange")
        try:
            summary = _run(upload, dry_run=False)
        except ImportRefused as refused:  # the data changed since the preview
            for line in refused.messages():
                messages.error(request, line)
            messages.error(request, _("Nothing was imported."))
            return redirect("indicators_exchange")
        finally:
            delete_upload(upload["name"])
        logger.info("Indicator import of %s by user %s", upload["source_name"], request.user.pk)
        messages.success(
            request,
            _("Imported %(source)s: %(summary)s")
            % {"source": upload["source_name"], "summary": "; ".join(summary.lines())},
        )
        return redirect("indicators_exchange")


class IndicatorExportView(View):
    def get(self, request):
        if not can_export(request.user):
            raise PermissionDenied
        response = HttpResponse(export_csv(), content_type="text/csv; charset=utf-8")
        filename = f"keko-tyollisyysindikaattorit-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def admin_urls() -> list:
    return [
        path("indicators/exchange/", IndicatorExchangeView.as_view(), name="indicators_exchange"),
        path(
            "indicators/exchange/confirm/",
            ConfirmIndicatorImportView.as_view(),
            name="indicators_exchange_confirm",
        ),
        path("indicators/export.csv", IndicatorExportView.as_view(), name="indicators_export"),
    ]


class ExchangeMenuItem(MenuItem):
    def is_shown(self, request):
        return can_export(request.user)


def exchange_menu_item() -> MenuItem:
    return ExchangeMenuItem(
        gettext_lazy("Import / export"),
        reverse("indicators_exchange"),
        name="indicators-exchange",
        icon_name="download",
        order=900,
    )


def register_exchange_admin(group: type) -> None:
    """Add the page's URLs to the admin and its item to the group's submenu."""
    if getattr(group, "submenu_hook", None) is None:
        group.submenu_hook = MENU_HOOK
    hooks.register(group.submenu_hook, exchange_menu_item)
    hooks.register("register_admin_urls", admin_urls)
