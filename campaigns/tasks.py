"""Work the task worker runs outside any request (django-tasks; ``manage.py db_worker`` runs them from
the database). Each task is a thin shell around a service, which holds the rule and its docstring.
"""

from django_tasks import task

from .services import exports


@task()
def make_export_task(export_id):
    """Make the queued export ``export_id`` (``campaigns.services.exports.make_export``)."""
    return exports.make_export(export_id=export_id)
