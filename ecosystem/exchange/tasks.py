"""Background checks and imports of large files (django-tasks; run by `manage.py db_worker`)."""

from __future__ import annotations

from django.utils import translation
from django_tasks import task

from ecosystem.exchange.jobs import delete_upload, outcome_of, run_stored_import, set_outcome
from portal.kernel.failures import error_fields, file_kind, log_failure
from portal.kernel.problems import ImportRefused


@task()
def import_stored_file(
    token: str, name: str, source: str, replace: bool, language: str, dry_run: bool = False
) -> str:
    """Check (dry_run) or import a stored upload; the outcome goes to the cache under token.

    Messages are translated into the language of the person who started it. The upload is
    kept after a successful check (the import that follows reads it) and deleted otherwise.
    Returns the outcome's status: "checked", "done", "refused" or "failed".
    """
    keep = False
    with translation.override(language):
        try:
            result = run_stored_import(name=name, source=source, dry_run=dry_run, replace=replace)
            outcome = outcome_of(result, None)
            keep = dry_run
        except ImportRefused as refused:
            outcome = outcome_of(None, refused)
        except Exception as error:
            # Once, without the file's name (it may name a person): portal.kernel.failures.
            log_failure(
                "import",
                "Import failed",
                **{"import": "register"},
                file_kind=file_kind(source),
                dry_run=dry_run,
                **error_fields(error),
            )
            outcome = {
                "status": "failed",
                "problems": [
                    translation.gettext("The import failed unexpectedly; nothing was saved.")
                ],
            }
        finally:
            if not keep:
                delete_upload(name)
    set_outcome(token, {**outcome, "source": source})
    return outcome["status"]
