"""Exporting the register in one of the exchange formats to a path.

| format    | path                              | content                                      |
| --------- | --------------------------------- | -------------------------------------------- |
| `json`    | a file                            | the "keko-ecosystem" document (lossless)     |
| `xlsx`    | a file                            | one sheet per kind, Finnish headers          |
| `csv`     | a directory, or a file `*.zip`    | one CSV file per kind, Finnish headers       |
| `graphml` | a file                            | the register graph (ecosystem.network.graph) |
| `hsds`    | a directory                       | HSDS 3.0 organizations, services, locations  |
"""

from __future__ import annotations

from pathlib import Path

from ecosystem.exchange.document import export_document, write_document_json
from ecosystem.exchange.graphml import write_graphml
from ecosystem.exchange.hsds import write_hsds
from ecosystem.exchange.tabular_writer import write_csv, write_xlsx

FORMATS = ("json", "csv", "xlsx", "graphml", "hsds")
# The formats that may leave partner-only records out (the others are lossless copies).
PUBLIC_ONLY_FORMATS = ("graphml", "hsds")


def register_export(*, format: str, path: Path | str, public_only: bool = False) -> Path:
    """Write the register in format to path (see the module docstring); return the path."""
    path = Path(path)
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}")
    if format in ("json", "xlsx", "graphml"):
        path.parent.mkdir(parents=True, exist_ok=True)
    if format == "json":
        write_document_json(export_document(), path)
    elif format == "xlsx":
        write_xlsx(export_document(), path)
    elif format == "csv":
        if path.suffix.lower() == ".zip":
            path.parent.mkdir(parents=True, exist_ok=True)
        write_csv(export_document(), path)
    elif format == "graphml":
        write_graphml(path, public_only=public_only)
    else:
        write_hsds(path, public_only=public_only)
    return path
