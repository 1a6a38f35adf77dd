"""What every register model shares: UUID-keyed revisions, localised name and description fields."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel, get_all_child_relations

MAX_AGE = 120


class UUIDClusterableModel(ClusterableModel):
    """A ClusterableModel whose revisions restore UUID primary keys as UUIDs.

    modelcluster rebuilds a revision's object and its inline children with the primary keys
    as the strings stored in the revision JSON; a string never equals the UUID of the same
    row, so reverting to a revision would insert children that already exist. Converting the
    keys back makes a revert update the rows it should.
    """

    class Meta:
        abstract = True

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        obj = super().from_serializable_data(data, check_fks=check_fks, strict_fks=strict_fks)
        if obj is not None:
            obj.pk = obj._meta.pk.to_python(obj.pk)
            for relation in get_all_child_relations(obj):
                for child in getattr(obj, relation.get_accessor_name()).all():
                    child.pk = child._meta.pk.to_python(child.pk)
        return obj


def _name_fields() -> tuple[models.CharField, ...]:
    """name_fi (required), name_sv, name_en."""
    return (
        models.CharField(_("name (Finnish)"), max_length=255),
        models.CharField(_("name (Swedish)"), max_length=255, blank=True),
        models.CharField(_("name (English)"), max_length=255, blank=True),
    )


def _description_fields() -> tuple[models.TextField, ...]:
    return (
        models.TextField(_("description (Finnish)"), blank=True),
        models.TextField(_("description (Swedish)"), blank=True),
        models.TextField(_("description (English)"), blank=True),
    )
