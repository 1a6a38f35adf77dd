"""Keeps the steering area private whatever creates or edits it.

Every save of a SteeringAreaPage (created in the admin, by the demo loader, copied, published)
gives the page its group restriction when it lacks it. Changing or deleting that restriction
(the admin's privacy dialog set to "public" or "any signed-in user") is undone once the
transaction commits. Pages below the area inherit the restriction.

Any change of a restriction, or a page moved, also drops the cached list of restricted paths
(steering.privacy.restricted_paths) the serving hook uses to pass public pages without a query.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import post_page_move

from steering.models import SteeringAreaPage
from steering.privacy import forget_restricted_paths, restrict_area, restrict_area_after_commit


@receiver(post_save, sender=SteeringAreaPage, dispatch_uid="steering_area_private_on_save")
def _area_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        restrict_area(instance)


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="steering_restriction_saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="steering_restriction_deleted")
def _restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if SteeringAreaPage.objects.filter(pk=instance.page_id).exists():
        restrict_area_after_commit(instance.page_id)


post_save.connect(
    forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="steering_paths_saved"
)
post_delete.connect(
    forget_restricted_paths, sender=PageViewRestriction, dispatch_uid="steering_paths_deleted"
)
post_page_move.connect(forget_restricted_paths, dispatch_uid="steering_paths_page_moved")
