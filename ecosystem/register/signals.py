"""Every change to the register's data gives it a new data version
(see ecosystem.register.versioning)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from ecosystem.register.versioning import bump_data_version

M2M_CHANGES = {"post_add", "post_remove", "post_clear"}


def _on_save_or_delete(sender: type, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    bump_data_version()


def _on_m2m_changed(sender: type, action: str, **kwargs: Any) -> None:
    if action in M2M_CHANGES:
        bump_data_version()


def connect() -> None:
    """Connect the handlers to every model of the ecosystem app and its m2m tables, except
    those that say they hold no register data (`register_data = False`: proposals, reminders)."""
    for model in apps.get_app_config("ecosystem").get_models():
        if not getattr(model, "register_data", True):
            continue
        uid = f"ecosystem-version-{model._meta.label_lower}"
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _on_m2m_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
            )
