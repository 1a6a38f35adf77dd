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
