"""Files made outside the request (issue [E], "work too long for a request runs in the background").

A page asks with ``request_export``; the task worker (``manage.py db_worker``, django-tasks' database
backend) runs ``make_export``; the requester follows the progress on the file's page and downloads the
file from the default storage, which every app server shares. Kinds of file are registered by the app
that knows how to write them (``register_exporter``): the entry list here, the award annex in
``awards``, the dossier zip of issue [I] later.

Settings: ``EXPORT_BACKGROUND_ROWS`` (a file of at least this many rows is made in the background;
smaller ones are sent at once), ``EXPORT_KEEP_DAYS`` (days a made file is kept).
"""

import datetime
import logging
import pickle
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from ..choices import ExportState
from ..models import ExportFile

logger = logging.getLogger(__name__)

PROGRESS_SECONDS = 1.0  # at most one progress write per second


@dataclass(frozen=True)
class Exporter:
    """How to write one kind of file.

    ``write(out, *, rows, params, progress)`` writes into the binary file ``out`` and returns the
    number of rows written; ``rows`` is the rebuilt queryset (``None`` when ``model`` is not set),
    ``params`` the export's dict, ``progress(rows_done)`` may be called as often as the writer likes.
    """

    write: Any
    model: Any = None  # the model class of the queryset, when the rows are one


EXPORTERS: dict[str, Exporter] = {}


def register_exporter(kind, *, write, model=None):
    """Make ``kind`` (a short name, stored on ``ExportFile.kind``) writable in the background."""
    EXPORTERS[kind] = Exporter(write=write, model=model)


def in_background(rows):
    """Whether a file of ``rows`` rows (an int) is too big to be made within a request."""
    return rows >= settings.EXPORT_BACKGROUND_ROWS


def request_export(*, user, kind, title, filename, queryset=None, params=None, rows_total=None):
    """Ask for a file of ``kind`` to be made in the background; returns the new ``ExportFile``.

    ``queryset``: the rows, when the kind writes a queryset (its query is kept, so the worker reads
    the rows as they are when it runs); ``params``: a JSON-able dict for the writer otherwise;
    ``rows_total``: the expected number of rows, for the progress bar.

    Side effects: one ``ExportFile`` row (queued) and one task row of django-tasks, written in one
    transaction, so the worker never sees one without the other; exports past ``EXPORT_KEEP_DAYS``
    are purged. Raises ``KeyError`` for an unregistered kind.
    """
    from ..tasks import make_export_task  # the task module imports this one: a circle at import

    if kind not in EXPORTERS:
        raise KeyError(kind)
    purge_exports()
    with transaction.atomic():
        export = ExportFile.objects.create(
            kind=kind,
            title=title[:255],
            filename=filename[:150],
            params=params or {},
            query=pickle.dumps(queryset.query) if queryset is not None else None,
            rows_total=rows_total,
            requested_by=user,
        )
        result = make_export_task.enqueue(export_id=export.pk)
        export.task_id = str(result.id)
        export.save(update_fields=["task_id"])
    return export


def _rows_of(export, exporter):
    if exporter.model is None:
        return None
    queryset = exporter.model.objects.all()
    queryset.query = pickle.loads(export.query)  # noqa: S301 (written by request_export only)
    return queryset


class _Progress:
    """``progress(rows_done)``: writes the count at most once a second (one UPDATE, no save())."""

    def __init__(self, export):
        self.export, self.last = export, time.monotonic()

    def __call__(self, rows_done):
        now = time.monotonic()
        if now - self.last >= PROGRESS_SECONDS:
            self.last = now
            ExportFile.objects.filter(pk=self.export.pk).update(rows_done=rows_done)


def make_export(*, export_id):
    """Make the file of the queued ``ExportFile`` ``export_id`` (the task body; run by the worker).

    Returns the number of rows written, or ``None`` when the export is gone or no longer queued
    (a second run of the same task is a no-op). Side effects: the export goes running → done with its
    file saved in the default storage, or → failed with a Vietnamese message when the writer raised
    (the error is logged and raised again, so the task's own result records it too).
    """
    claimed = ExportFile.objects.filter(pk=export_id, state=ExportState.QUEUED).update(
        state=ExportState.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    export = ExportFile.objects.get(pk=export_id)
    try:
        exporter = EXPORTERS[export.kind]
        with tempfile.TemporaryFile() as out:
            count = exporter.write(
                out, rows=_rows_of(export, exporter), params=export.params, progress=_Progress(export)
            )
            out.flush()
            export.size = out.tell()
            out.seek(0)
            export.file.save(export.filename, File(out), save=False)
    except Exception as error:
        logger.exception("export %s (%s) failed", export_id, export.kind)
        export.state = ExportState.FAILED
        export.error = f"Không tạo được tệp ({type(error).__name__}). Hãy thử lại hoặc báo quản trị."
        export.finished_at = timezone.now()
        export.save(update_fields=["state", "error", "finished_at"])
        raise
    export.state, export.rows_done, export.finished_at = ExportState.DONE, count, timezone.now()
    if export.rows_total is None:
        export.rows_total = count
    export.save(update_fields=["state", "rows_done", "rows_total", "file", "size", "finished_at"])
    return count


def purge_exports(*, now=None):
    """Delete exports (rows and stored files) requested more than ``EXPORT_KEEP_DAYS`` days before
    ``now`` (an aware datetime, default now). Returns how many were deleted. Made files only copy
    records kept elsewhere, so nothing is lost.
    """
    now = now or timezone.now()
    old = ExportFile.objects.filter(requested_at__lt=now - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS))
    removed = 0
    for export in old.iterator():
        if export.file:
            export.file.delete(save=False)
        export.delete()
        removed += 1
    return removed
