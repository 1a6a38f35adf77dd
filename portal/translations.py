"""Compiling the project's .po catalogues to .mo files with polib (no GNU gettext needed).

Plain Python with no Django, so that `make translations`, which every `make run` and
`make test` goes through, costs a few milliseconds when nothing changed rather than a Django
start-up: `python -m portal.translations`. `manage.py compile_translations` (and
`setup_portal`) call the same function with the settings' LOCALE_PATHS.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def compile_catalogues(locale_dirs: Iterable[Path | str] = (LOCALE_DIR,)) -> int:
    """Compile every locale/*/LC_MESSAGES/*.po whose .mo is missing or older; returns how many
    were compiled."""
    compiled = 0
    for locale_dir in locale_dirs:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            import polib  # only when there is something to compile

            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
    return compiled


if __name__ == "__main__":
    count = compile_catalogues()
    if "--quiet" not in sys.argv[1:]:
        print(f"Compiled {count} translation file(s).")
