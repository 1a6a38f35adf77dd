"""The dashboard's models: snapshots and progress items (records), and its page type."""

from dashboard.models.pages import DashboardPage
from dashboard.models.records import (
    EcosystemSnapshot,
    EcosystemSnapshotQuerySet,
    ProgressItem,
    ProgressKind,
    ProgressStatus,
    SnapshotSource,
)

__all__ = [
    "DashboardPage",
    "EcosystemSnapshot",
    "EcosystemSnapshotQuerySet",
    "ProgressItem",
    "ProgressKind",
    "ProgressStatus",
    "SnapshotSource",
]
