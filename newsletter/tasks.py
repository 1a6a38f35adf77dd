"""Background tasks (django-tasks: the database backend and `manage.py db_worker` by default)."""

from django_tasks import task

from newsletter.models import ConsentRecord, MailingList, Send


@task()
def deliver_confirmation(consent_id: int) -> bool:
    """Send the double opt-in email of one subscribe request (False: nothing to send)."""
    from newsletter.emails import confirmation_message
    from newsletter.services.subscriptions import purge_unconfirmed

    consent = (
        ConsentRecord.objects.select_related("subscriber")
        .filter(pk=consent_id, confirmed_at=None)
        .first()
    )
    if consent is None:
        return False
    lists = list(MailingList.objects.filter(slug__in=consent.list_slugs))
    confirmation_message(consent.subscriber, consent, lists).send()
    purge_unconfirmed()
    return True


@task()
def send_issue(send_id: int) -> dict:
    """Send (or go on sending) one newsletter send; see newsletter.services.sending."""
    from newsletter.services.sending import send_run

    send = Send.objects.filter(pk=send_id).first()
    if send is None:
        return {"missing": True}
    return send_run(send).as_dict()
