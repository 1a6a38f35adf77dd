"""Import and export of the ecosystem register (JSON, CSV, XLSX, GraphML, HSDS 3.0).

Entry points:
- `python manage.py export_ecosystem --format {json,csv,xlsx,graphml,hsds} -o PATH
  [--public-only]` → `exporting.register_export()`.
- `python manage.py import_ecosystem PATH [--dry-run] [--replace]` →
  `importing.register_import()`; the format follows from the extension (.json, .xlsx,
  .zip of CSV files, one .csv) or PATH is a directory of CSV files.
- The Wagtail admin page "Import / export" in the Ecosystem menu (`admin_views`).

Decisions:
- One table (`spec`) names every kind, field and Finnish spreadsheet header; every format
  is derived from the canonical document of `document.export_document()`.
- Timestamps (created/updated) are not exchanged: the database sets them. That is what
  makes export → import into an empty database → export byte-identical (JSON) and
  identical cell by cell (XLSX). HSDS carries `last_modified` for consumers.
- Spreadsheets: one sheet (XLSX) or file (CSV) per kind, children (a service's
  organisations and channels, a path's steps) on their own sheet with the parent's UUID,
  in their order. Municipalities and target groups are referred to by code, other
  records by UUID; lists separated by semicolons; booleans kyllä/ei; dates d.m.yyyy or
  ISO. CSV exports are a directory, or a ZIP when the path ends with .zip; UTF-8 with BOM,
  semicolons. Every column must be present; unknown sheets and columns are refused.
- Formulas: XLSX text cells are always text (quote prefix on = + - @); CSV cells starting
  with those get an apostrophe, which the import removes; an unguarded CSV cell starting
  with "=" and any XLSX formula cell are refused.
- Import is all or nothing in one transaction; every problem is listed with its file or
  sheet, row or record, and field, translated. A record replaces the stored one whole.
  Nothing is deleted without --replace, which deletes only within the kinds the file
  carries. --dry-run runs the very same writes and rolls them back.
- Limits (`limits`): file size, unpacked size and compression ratio of ZIP/XLSX; XML is
  parsed by openpyxl through defusedxml.
- Admin uploads above KEKO_IMPORT_BACKGROUND_BYTES (2 MB) are imported by a django-tasks
  task (`tasks`): the national synthetic network (20,000 services, 100,000 relations,
  a 70 MB JSON file) takes about a minute of CPU and 700 MB of memory to import.
"""
