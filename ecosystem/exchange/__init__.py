"""Import and export of the ecosystem register (JSON, CSV, XLSX, GraphML, HSDS 3.0).

- `exporting.register_export(format=…, path=…)` writes one format; `importing.register_import(
  path=…, dry_run=…, replace=…)` reads JSON, XLSX, CSV (a directory, a ZIP or one file)
  all or nothing and upserts by UUID.
- `spec` is the one table of kinds, fields and Finnish spreadsheet headers every format uses.
- Management commands `export_ecosystem` and `import_ecosystem`; Wagtail admin page
  "Import / export" under the Ecosystem menu (`admin_views`).
"""
