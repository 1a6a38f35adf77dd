"""Fixtures of the steering-area tests: the demo site with the private area loaded."""

from dataclasses import dataclass

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page

from steering import demo
from steering.demo_content import DOCUMENT_TITLE


@dataclass
class SteeringDemo:
    area: Page
    areas: dict
    meeting_index: Page
    meeting: Page
    meetings: dict
    document: object


def _by_language(key) -> dict:
    return {
        page.locale.language_code: page.specific
        for page in Page.objects.filter(translation_key=key).select_related("locale")
    }


@pytest.fixture
def steering_demo(site_and_steering_demo) -> SteeringDemo:
    """The site's demo pages and the steering area's demo (files under a temporary
    MEDIA_ROOT)."""
    areas = _by_language(demo.AREA_KEY)
    meetings = _by_language(demo.MEETING_KEY)
    return SteeringDemo(
        area=areas["fi"],
        areas=areas,
        meeting_index=_by_language(demo.MEETING_INDEX_KEY)["fi"],
        meeting=meetings["fi"],
        meetings=meetings,
        document=get_document_model().objects.get(title=DOCUMENT_TITLE),
    )
