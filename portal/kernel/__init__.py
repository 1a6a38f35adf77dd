"""Shared plumbing of the portal's apps: localised fields, import/export problems and limits,
the import command and admin page scaffolds, CSV cells, charts. Nothing here knows any app."""
