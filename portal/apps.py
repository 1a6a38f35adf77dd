from django.apps import AppConfig

# Saving anything from these apps can change what an anonymous visitor sees.
INVALIDATING_APPS = {
    "cms_pages",
    "ecosystem",
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "wagtailredirects",
    "wagtailsettings",
}
NON_INVALIDATING_MODELS = {
    "rendition",
    "pagelogentry",
    "referenceindex",
    "revision",
    "pagesubscription",
    "uploadedimage",
    "uploadeddocument",
    "taskstate",
    "workflowstate",
}


def _invalidate_on_change(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in INVALIDATING_APPS:
        return
    if meta.model_name in NON_INVALIDATING_MODELS:
        return
    from portal.page_cache import invalidate

    invalidate()


def _invalidate(**kwargs):
    from portal.page_cache import invalidate

    invalidate()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "KEKO portal"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal import deploy_checks
        from portal.mail_encoding import use_quoted_printable

        use_quoted_printable()
        deploy_checks.register()

        post_save.connect(_invalidate_on_change, dispatch_uid="keko_pagecache_save")
        post_delete.connect(_invalidate_on_change, dispatch_uid="keko_pagecache_delete")
        m2m_changed.connect(_invalidate_on_change, dispatch_uid="keko_pagecache_m2m")
        page_published.connect(_invalidate, dispatch_uid="keko_pagecache_published")
        page_unpublished.connect(_invalidate, dispatch_uid="keko_pagecache_unpublished")
        post_page_move.connect(_invalidate, dispatch_uid="keko_pagecache_moved")

        # The request id travels with the tasks a request enqueues (portal.logs).
        from django_tasks.signals import task_enqueued, task_finished, task_started

        from portal import logs

        task_enqueued.connect(logs.remember_for_task, dispatch_uid="keko_logs_enqueued")
        task_started.connect(logs.adopt_for_task, dispatch_uid="keko_logs_started")
        # A failed task is logged once, without personal data (portal.kernel.failures), in
        # place of django-tasks' own record (the traceback, messages and all). Before
        # adopt_finished, so the record still carries the request id.
        from django_tasks import signals as task_signals

        from portal import task_failures
        from portal.kernel import failures

        task_finished.disconnect(task_signals.log_task_finished)
        task_started.connect(failures.task_began, dispatch_uid="keko_failures_started")
        task_finished.connect(task_failures.task_ended, dispatch_uid="keko_failures_finished")
        task_finished.connect(logs.adopt_finished, dispatch_uid="keko_logs_finished")
