"""Tasks the fault tests enqueue; the real worker imports them from here."""

from pathlib import Path

from django_tasks import task


@task()
def write_marker(path: str, text: str) -> str:
    """Leave a file behind, so the test can see that a worker ran the task."""
    Path(path).write_text(text)
    return text
