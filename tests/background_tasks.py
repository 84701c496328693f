"""Background tasks the tests enqueue (django-tasks needs them at module level)."""

from django.db import DatabaseError, connection
from django_tasks import task


@task()
def swallow_a_database_error():
    """Like Wagtail's search indexer on a deadlock: the error is logged, not raised."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM newsroom_no_such_table")
    except DatabaseError:
        pass
