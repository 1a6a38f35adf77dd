# Test data lookup for the browser tests, run by `manage.py shell -c` in the browser server's
# environment (see server.py): the paths of the steering area's demo pages in Finnish (the
# area, a meeting, the dashboard, the indicators page). Prints one JSON line.
import json

from wagtail.models import Locale

from dashboard.models import DashboardPage
from indicators.models import IndicatorsPage
from steering.models import MeetingPage, SteeringAreaPage

finnish = Locale.objects.get(language_code="fi")


def path_of(model):
    page = model.objects.live().filter(locale=finnish).order_by("path").first()
    if page is None:
        raise SystemExit(f"no live Finnish {model.__name__} in the demo content")
    _site_id, _root_url, path = page.get_url_parts()
    return path


print(
    json.dumps(
        {
            "area": path_of(SteeringAreaPage),
            "meeting": path_of(MeetingPage),
            "dashboard": path_of(DashboardPage),
            "indicators": path_of(IndicatorsPage),
        }
    )
)
