"""The "Import / export" page of the Wagtail admin's Ecosystem menu.

- Export: a download link per format (CSV and HSDS as ZIP archives).
- Import: upload a file; it is checked and dry-run and the page shows what would change,
  or every problem found. The import runs only when the user confirms. Files over
  KEKO_IMPORT_BACKGROUND_BYTES are checked and imported by background tasks (a national
  network takes a minute of CPU, longer than a request may); the page lists their
  outcomes, with the confirm button once a check has passed.

Export needs the view permission of every register model, import add, change and delete
(Project staff have them); anyone else gets Wagtail's permission-denied response.
`register_exchange_admin(group)` wires the URLs and the menu item into the group's menu.
"""

from __future__ import annotations

import logging
import tempfile
import zipfile
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from ecosystem.exchange import jobs
from ecosystem.exchange.exporting import FORMATS, register_export
from ecosystem.exchange.forms import ImportForm
from ecosystem.exchange.import_templates import write_template_csv, write_template_xlsx
from ecosystem.exchange.spec import KINDS
from ecosystem.exchange.tasks import import_stored_file
from portal.kernel.admin_pages import ImportExportPageView
from portal.kernel.limits import background_bytes, work_size
from portal.kernel.problems import ImportRefused

logger = logging.getLogger(__name__)

MENU_HOOK = "register_ecosystem_menu_item"
SESSION_UPLOADS = "ecosystem_import_uploads"
SESSION_JOBS = "ecosystem_import_jobs"
MAX_JOBS_SHOWN = 5
MODELS = sorted({kind.model._meta.model_name for kind in KINDS.values()})
EXPORT_PERMISSIONS = tuple(f"ecosystem.view_{model}" for model in MODELS)
IMPORT_PERMISSIONS = tuple(
    f"ecosystem.{action}_{model}" for model in MODELS for action in ("add", "change", "delete")
)
DOWNLOADS = {
    "json": ("json", "application/json"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("zip", "application/zip"),
    "graphml": ("graphml", "application/graphml+xml"),
    "hsds": ("zip", "application/zip"),
}
FORMAT_LABELS = {
    "json": gettext_lazy("JSON (complete, for backup and transfer)"),
    "xlsx": gettext_lazy("Excel workbook (XLSX), one sheet per kind"),
    "csv": gettext_lazy("CSV files (ZIP), one file per kind"),
    "graphml": gettext_lazy("GraphML network (Gephi, networkx)"),
    "hsds": gettext_lazy("Open Referral HSDS 3.0 (ZIP)"),
}


def can_export(user) -> bool:
    """True when the user may download the register."""
    return user.is_active and user.has_perms(EXPORT_PERMISSIONS)


def can_import(user) -> bool:
    """True when the user may import into the register."""
    return user.is_active and user.has_perms(IMPORT_PERMISSIONS)


class ExchangePageView(ImportExportPageView):
    """An Import / export page of the register: its own permissions."""

    user_can_export = staticmethod(can_export)
    user_can_import = staticmethod(can_import)


class ExchangeView(ExchangePageView):
    """The register's Import / export page: downloads, upload with preview, confirmation."""

    template_name = "ecosystem/exchange/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportForm())
        context["downloads"] = [
            {"url": reverse("ecosystem_exchange_export", args=[name]), "label": FORMAT_LABELS[name]}
            for name in FORMATS
        ]
        context["can_import"] = can_import(self.request.user)
        context["jobs"] = self._jobs()
        context["action_url"] = reverse("ecosystem_exchange")
        context["confirm_url"] = reverse("ecosystem_exchange_confirm")
        return context

    def _jobs(self) -> list[dict]:
        """Background checks and imports of this session, newest first."""
        uploads = self.request.session.get(SESSION_UPLOADS, {})
        shown = []
        for token, source in self.request.session.get(SESSION_JOBS, [])[-MAX_JOBS_SHOWN:]:
            outcome = jobs.get_outcome(token) or {"status": "queued"}
            confirmable = outcome.get("status") == "checked" and token in uploads
            shown.append(
                {
                    "source": source,
                    "token": token,
                    "confirmable": confirmable,
                    "replace": uploads.get(token, {}).get("replace", False),
                    **outcome,
                }
            )
        return list(reversed(shown))

    def post(self, request, *args, **kwargs):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        replace = form.cleaned_data["replace"]
        token, name = jobs.store_upload(upload)
        source = Path(upload.name).name
        uploads = request.session.get(SESSION_UPLOADS, {})
        # An archive's unpacked size decides: a small zip that unpacks large is parsed in the
        # background task, never inside the request.
        with jobs.local_path(name) as stored:
            size = work_size(Path(stored))
        uploads[token] = {"name": name, "source": source, "replace": replace, "size": size}
        if size > background_bytes():
            request.session[SESSION_UPLOADS] = uploads
            _start_job(request, token, uploads[token], dry_run=True)
            messages.info(
                request,
                _(
                    "%(source)s is large, so it is checked in the background. What the import "
                    "would do appears on this page when the check is done."
                )
                % {"source": source},
            )
            return redirect("ecosystem_exchange")
        try:
            preview = jobs.run_stored_import(
                name=name, source=source, dry_run=True, replace=replace
            )
        except ImportRefused as refused:
            jobs.delete_upload(name)
            return self.render_to_response(
                self.get_context_data(form=form, problems=refused.messages(), source=source)
            )
        request.session[SESSION_UPLOADS] = uploads
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview=preview,
                token=token,
                source=source,
                replace=replace,
            )
        )


def _start_job(request, token: str, upload: dict, *, dry_run: bool) -> None:
    """Enqueue a background check or import of a stored upload and list it on the page."""
    jobs.set_outcome(token, {"status": "queued", "source": upload["source"]})
    import_stored_file.enqueue(
        token=token,
        name=upload["name"],
        source=upload["source"],
        replace=upload["replace"],
        language=translation.get_language() or "fi",
        dry_run=dry_run,
    )
    listed = [job for job in request.session.get(SESSION_JOBS, []) if job[0] != token]
    request.session[SESSION_JOBS] = [*listed, [token, upload["source"]]][-MAX_JOBS_SHOWN:]


class ConfirmImportView(View):
    """Run the previewed import: now, or as a background task for a large file."""

    def post(self, request):
        if not can_import(request.user):
            raise PermissionDenied
        token = request.POST.get("token", "")
        upload = request.session.get(SESSION_UPLOADS, {}).pop(token, None)
        request.session.modified = True
        if upload is None:
            messages.error(request, _("That upload is no longer available: upload the file again."))
            return redirect("ecosystem_exchange")
        if upload["size"] > background_bytes():
            if (jobs.get_outcome(token) or {}).get("status") != "checked":
                messages.error(
                    request, _("The file has not passed its check: nothing was imported.")
                )
                return redirect("ecosystem_exchange")
            _start_job(request, token, upload, dry_run=False)
            messages.info(
                request,
                _(
                    "%(source)s is being imported in the background. Its outcome appears on "
                    "this page when it is done."
                )
                % {"source": upload["source"]},
            )
            return redirect("ecosystem_exchange")
        try:
            result = jobs.run_stored_import(
                name=upload["name"],
                source=upload["source"],
                dry_run=False,
                replace=upload["replace"],
            )
        except ImportRefused as refused:
            for line in refused.messages():
                messages.error(request, line)
            messages.error(request, _("Nothing was imported."))
            return redirect("ecosystem_exchange")
        finally:
            jobs.delete_upload(upload["name"])
        logger.info("Ecosystem import of %s by user %s", upload["source"], request.user.pk)
        messages.success(
            request,
            _("Imported %(source)s: %(summary)s")
            % {"source": upload["source"], "summary": "; ".join(result.lines())},
        )
        return redirect("ecosystem_exchange")


class ExportDownloadView(View):
    """Download the register in one format."""

    def get(self, request, format: str):
        if not can_export(request.user):
            raise PermissionDenied
        if format not in DOWNLOADS:
            raise Http404
        extension, content_type = DOWNLOADS[format]
        filename = f"keko-ekosysteemi-{timezone.localdate():%Y-%m-%d}.{extension}"
        if format == "hsds":
            filename = filename.replace("ekosysteemi", "ekosysteemi-hsds")
        with tempfile.TemporaryDirectory() as directory:
            target = Path(directory) / ("export" if format == "hsds" else f"export.{extension}")
            register_export(format=format, path=target)
            if format == "hsds":
                archive = Path(directory) / "hsds.zip"
                with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
                    for member in sorted(target.iterdir()):
                        zipped.write(member, member.name)
                target = archive
            content = target.read_bytes()
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class TemplateDownloadView(View):
    """Download a blank import template (XLSX, or CSV files in a ZIP) with the code list."""

    def get(self, request, format: str):
        if not can_import(request.user):
            raise PermissionDenied
        if format not in ("xlsx", "csv"):
            raise Http404
        extension, content_type = DOWNLOADS[format]
        with tempfile.TemporaryDirectory() as directory:
            target = Path(directory) / f"template.{extension}"
            (write_template_xlsx if format == "xlsx" else write_template_csv)(target)
            content = target.read_bytes()
        response = HttpResponse(content, content_type=content_type)
        filename = f"keko-rekisteri-tuontipohja.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def admin_urls() -> list:
    """The URL patterns of the page (under /admin/)."""
    return [
        path("ecosystem/exchange/", ExchangeView.as_view(), name="ecosystem_exchange"),
        path(
            "ecosystem/exchange/confirm/",
            ConfirmImportView.as_view(),
            name="ecosystem_exchange_confirm",
        ),
        path(
            "ecosystem/exchange/export/<str:format>/",
            ExportDownloadView.as_view(),
            name="ecosystem_exchange_export",
        ),
        path(
            "ecosystem/exchange/template/<str:format>/",
            TemplateDownloadView.as_view(),
            name="ecosystem_exchange_template",
        ),
    ]


class ExchangeMenuItem(MenuItem):
    """Shown to those who may export."""

    def is_shown(self, request):
        return can_export(request.user)


def exchange_menu_item() -> MenuItem:
    """The "Import / export" item of the Ecosystem menu."""
    return ExchangeMenuItem(
        gettext_lazy("Import / export"),
        reverse("ecosystem_exchange"),
        name="ecosystem-exchange",
        icon_name="download",
        order=900,
    )


def register_exchange_admin(group: type) -> None:
    """Add the page's URLs to the admin and its menu item to the group's submenu.

    group is the Ecosystem menu's viewset group class; when it has no submenu hook, it gets
    MENU_HOOK (read when the menu is first built, so the call may come before or after the
    group is registered).
    """
    if getattr(group, "submenu_hook", None) is None:
        group.submenu_hook = MENU_HOOK
    hooks.register(group.submenu_hook, exchange_menu_item)
    hooks.register("register_admin_urls", admin_urls)
