"""Size limits of import files, readable from settings.

- KEKO_IMPORT_MAX_BYTES (default 100 MB): the largest file (or CSV directory) accepted;
  the JSON export of the synthetic national network (20,000 services, 100,000 relations)
  is some 70 MB.
- KEKO_IMPORT_MAX_UNZIPPED_BYTES (default 150 MB): the most an XLSX or ZIP may unpack to,
  read from the archive's directory before anything is unpacked.
- KEKO_IMPORT_MAX_ZIP_RATIO (default 100): the most a member of one may be compressed;
  zip bombs compress a thousandfold, real spreadsheets some tens of times.
- KEKO_IMPORT_BACKGROUND_BYTES (default 2 MB): admin uploads whose data is larger than this
  (for an XLSX or ZIP: unpacked) are checked and imported by a background task, never
  parsed during the web request.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_UNZIPPED_BYTES = 150 * 1024 * 1024
DEFAULT_MAX_ZIP_RATIO = 100
DEFAULT_BACKGROUND_BYTES = 2 * 1024 * 1024
ZIP_RATIO_FLOOR = 1024 * 1024  # members smaller than this may compress as they like


def max_bytes() -> int:
    """The largest import file accepted, in bytes."""
    return int(getattr(settings, "KEKO_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def background_bytes() -> int:
    """Admin uploads above this size are imported in the background."""
    return int(getattr(settings, "KEKO_IMPORT_BACKGROUND_BYTES", DEFAULT_BACKGROUND_BYTES))


def work_size(path: Path) -> int:
    """How much data parsing the file means: an archive's (XLSX, ZIP) unpacked size from its
    directory (nothing is unpacked), else the file's size."""
    size = path.stat().st_size
    if zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                return max(size, sum(info.file_size for info in archive.infolist()))
        except (zipfile.BadZipFile, OSError):
            return size
    return size


def too_large_message(size: int) -> str:
    """'The file is 80 MB; the largest file accepted is 50 MB.'"""
    return _("The file is %(size)s; the largest file accepted is %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(max_bytes()),
    }


def check_size(path: Path) -> str | None:
    """A message when the file or directory is larger than allowed, else None."""
    if path.is_dir():
        size = sum(child.stat().st_size for child in path.iterdir() if child.is_file())
    else:
        size = path.stat().st_size
    return too_large_message(size) if size > max_bytes() else None


def check_zip(archive: zipfile.ZipFile) -> str | None:
    """A message when the archive would unpack too large or looks like a zip bomb."""
    limit = int(getattr(settings, "KEKO_IMPORT_MAX_UNZIPPED_BYTES", DEFAULT_MAX_UNZIPPED_BYTES))
    ratio_limit = int(getattr(settings, "KEKO_IMPORT_MAX_ZIP_RATIO", DEFAULT_MAX_ZIP_RATIO))
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_RATIO_FLOOR and ratio > ratio_limit:
            return _(
                "The archive member “%(name)s” is compressed %(ratio)d-fold, which only "
                "zip bombs are: refused."
            ) % {"name": info.filename, "ratio": ratio}
    if total > limit:
        return _("The archive would unpack to %(size)s; at most %(limit)s is accepted.") % {
            "size": filesizeformat(total),
            "limit": filesizeformat(limit),
        }
    return None
