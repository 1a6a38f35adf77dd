"""Opening an import file: the format follows from the extension, or a directory of CSV files.

| path                        | read as                                             |
| --------------------------- | --------------------------------------------------- |
| `*.json`                    | a "keko-ecosystem" document (the JSON export)       |
| `*.xlsx`                    | a workbook, one sheet per kind                      |
| `*.zip`                     | CSV files, one per kind (the CSV export as a ZIP)   |
| `*.csv`                     | one CSV file, its kind told by its name             |
| a directory                 | the CSV files in it (the CSV export as a directory) |
"""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from ecosystem.exchange.json_reader import read_json
from ecosystem.exchange.records import ParsedInput
from ecosystem.exchange.tabular_reader import read_csv_files, read_csv_zip, read_xlsx
from portal.kernel.limits import check_size
from portal.kernel.problems import ImportRefused, Location, Problem

EXTENSIONS = (".json", ".xlsx", ".zip", ".csv")


def _refuse(source: str, message: str) -> ImportRefused:
    return ImportRefused([Problem(Location(source), message)])


def read_input(path: Path, source: str | None = None) -> ParsedInput:
    """Read the file or directory at path; raise ImportRefused with every problem found.

    source is the name shown in messages (an uploaded file's own name), path's name by
    default.
    """
    path = Path(path)
    source = source or path.name
    if not path.exists():
        raise _refuse(source, _("No such file or directory."))
    if not (path.is_file() or path.is_dir()):
        raise _refuse(source, _("This is not a file or a directory."))
    message = check_size(path)
    if message:
        raise _refuse(source, message)
    if path.is_dir():
        files = sorted(child for child in path.iterdir() if child.suffix.lower() == ".csv")
        return read_csv_files([(child.name, child.read_bytes()) for child in files], source)
    suffix = Path(source).suffix.lower() or path.suffix.lower()
    if suffix == ".json":
        return read_json(path.read_bytes(), source)
    if suffix == ".xlsx":
        return read_xlsx(path, source)
    if suffix == ".zip":
        return read_csv_zip(path, source)
    if suffix == ".csv":
        return read_csv_files([(source, path.read_bytes())], source)
    raise _refuse(
        source,
        _(
            "Unknown file type “%(suffix)s”: import a .json, .xlsx, .zip or .csv file, or a "
            "directory of CSV files."
        )
        % {"suffix": suffix or "—"},
    )
