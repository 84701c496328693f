"""Celery tasks for related articles: thin shells around interviews.related.

Both are idempotent (the same message twice leaves the same rows), acked late like every
task here, and retried with backoff when the database hiccups: a lost connection, a
deadlock between two relinks, or a target deleted between scoring and commit (which
surfaces as an IntegrityError; the retry simply no longer sees that target).
"""

from celery import shared_task
from django.db import IntegrityError, InterfaceError, OperationalError

from interviews import related

TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError, IntegrityError)
RETRY = {
    "autoretry_for": TRANSIENT_DATABASE_ERRORS,
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(**RETRY)
def relink_page(page_id: int) -> int:
    """After a publish: the page's list, and the lists that should now point at it."""
    return related.relink(page_id)


@shared_task(**RETRY)
def unlink_page(page_id: int) -> None:
    """After an unpublish or a delete: the page leaves the index and every automatic list."""
    related.unlink(page_id)
