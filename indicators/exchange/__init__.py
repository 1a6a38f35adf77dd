"""Import and export of labour-market indicators (CSV and XLSX, all or nothing).

Entry points:
- `python manage.py import_indicators PATH [--dry-run] [--source TEXT]` and
  `python manage.py export_indicators PATH` (CSV).
- The admin page "Import / export" of the Indicators menu (`admin_views`): upload →
  preview → confirm; a CSV download.

Two layouts are read (`reading.read_tables`, then `tidy` or `wide`):
- tidy, one value per row: columns alue and/or kunta, indikaattori, ryhmä (optional,
  "Kaikki yhteensä" when empty), kuukausi (YYYY-MM, also 3/2026 or "maaliskuu 2026"),
  arvo, lähde and ennuste (optional). English and Swedish headers work too. The CSV export
  writes this layout, so an export imports back unchanged.
- wide, the tables of the monthly employment bulletin (Työllisyyskatsaus) as they are
  printed: month columns ("maalis.26", "2026 helmikuu"), change columns ("LKM", "%",
  "Muutos 1 v", "Muutos 2 v") and a forecast column ("Ennuste …"); areas side by side, named
  in the row above the header; group rows with their sub-rows. Printed changes are checked
  against the values: a table whose changes do not add up is refused.

The ecosystem import's conventions and helpers are reused: problems with file/sheet, row and
field in the user's language (`portal.kernel.problems`), size and zip-bomb limits
(`portal.kernel.limits`), CSV encodings (UTF-8 with or without BOM, UTF-16, cp1252) and
the formula guard (a CSV cell starting with "=" or an XLSX formula cell is refused; the
export guards such text with an apostrophe). Nothing is written unless every row is valid.
"""
