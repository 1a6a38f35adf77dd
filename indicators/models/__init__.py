"""The indicators' models: areas, indicators, groups and observations (records), and the
indicators page type."""

from indicators.models.pages import IndicatorsPage
from indicators.models.records import Area, Group, Indicator, Observation

__all__ = ["Area", "Group", "Indicator", "IndicatorsPage", "Observation"]
