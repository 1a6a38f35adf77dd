"""The upload form of the admin's Import / export page."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ecosystem.exchange.reading import EXTENSIONS
from portal.kernel.limits import max_bytes, too_large_message


class ImportForm(forms.Form):
    """A register file and whether records missing from it are deleted."""

    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A .json or .xlsx export, a .zip of CSV files or one .csv file. "
            "It is checked first; nothing changes until you confirm."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    replace = forms.BooleanField(
        label=gettext_lazy("Delete records missing from the file"),
        help_text=gettext_lazy(
            "Only for the kinds of records the file contains. Without this, nothing is deleted."
        ),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(too_large_message(upload.size))
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in EXTENSIONS:
            raise forms.ValidationError(
                _("Upload a .json, .xlsx, .zip or .csv file, not “%(suffix)s”.")
                % {"suffix": suffix or "—"}
            )
        return upload
