# Test data for the map's browser tests, run by `manage.py shell -c` in the browser server's
# environment (see server.py): a standard page under the Finnish home page with two service
# map blocks (immigrants only; the immigrants' service path). Prints one JSON line with its
# address.
import json

from wagtail.models import Site

from cms_pages.models import StandardPage
from ecosystem.models import ServicePath

home = Site.objects.get(is_default_site=True).root_page.specific
path = ServicePath.objects.filter(target_group__code="immigrants").first()
page = StandardPage.objects.child_of(home).filter(slug="kartta-sivulla").first()
if page is None:
    page = StandardPage(
        title="Kartta sivulla",
        slug="kartta-sivulla",
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>Maahanmuuttajien palvelut kartalla.</p>"},
                {
                    "type": "service_map",
                    "value": {"heading": "Maahanmuuttajien palvelut", "target_group": "immigrants"},
                },
                {
                    "type": "service_map",
                    "value": {
                        "heading": "Maahanmuuttajan polku",
                        "service_path": str(path.pk) if path else "",
                    },
                },
            ]
        ),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
print(json.dumps({"url": page.url, "path": str(path.pk) if path else ""}))
