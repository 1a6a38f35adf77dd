from django.db import models


class WorkerHeartbeat(models.Model):
    """A task worker saying it is alive (portal.worker_liveness).

    A worker writes its row every few seconds, from a thread of its own so that a long task
    does not stop it; a task left RUNNING by a worker whose row has gone quiet (killed, its
    machine lost) is put back in the queue by the next worker.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    seen_at = models.DateTimeField(db_index=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)

    class Meta:
        verbose_name = "task worker heartbeat"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid}) {self.seen_at:%Y-%m-%d %H:%M:%S}"
