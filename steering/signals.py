"""Keeps the steering area private whatever creates or edits it.

Every save of a SteeringAreaPage (created in the admin, by the demo loader, copied, published)
gives the page its group restriction when it lacks it. Changing or deleting that restriction
(the admin's privacy dialog set to "public" or "any signed-in user") is undone once the
transaction commits. Pages below the area inherit the restriction.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

from steering.models import SteeringAreaPage
from steering.privacy import restrict_area, restrict_area_after_commit


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
