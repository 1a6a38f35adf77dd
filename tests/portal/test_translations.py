"""Messages Wagtail leaves untranslated in Finnish come from the project's own catalogue."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Site

from cms_pages.models import StandardPage


@pytest.mark.django_db
def test_a_duplicate_slug_is_explained_in_finnish():
    # An editor meets this when a second page under the same parent takes the same address
    # (e.g. publishing while the editor's autosave has just created the page).
    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=StandardPage(title="Tietoa", slug="tietoa"))
    with translation.override("fi"), pytest.raises(ValidationError) as refused:
        home.add_child(instance=StandardPage(title="Tietoa toiseen kertaan", slug="tietoa"))
    assert "Lyhytnimi 'tietoa' on jo käytössä yläsivun" in str(refused.value)


def test_make_translations_compiles_a_changed_catalogue_once(tmp_path):
    """`make translations` (python -m portal.translations, no Django start-up) compiles a
    catalogue whose .mo is missing or older, and leaves an up-to-date one alone."""
    import gettext
    import os
    import shutil

    from portal.translations import LOCALE_DIR, compile_catalogues

    messages = tmp_path / "fi" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / "fi" / "LC_MESSAGES" / "django.po", messages / "django.po")

    assert compile_catalogues([tmp_path]) == 1
    catalogue = gettext.translation("django", localedir=tmp_path, languages=["fi"])
    assert catalogue.gettext("Service map") == "Palvelukartta"
    assert compile_catalogues([tmp_path]) == 0

    # A catalogue edited after its .mo was written is compiled again.
    mo = messages / "django.mo"
    os.utime(mo, (mo.stat().st_atime, mo.stat().st_mtime - 10))
    assert compile_catalogues([tmp_path]) == 1
