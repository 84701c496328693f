"""Where Wagtail's own background tasks run: inline, each in a savepoint of its own.

Wagtail 8 updates its search and reference indexes through django-tasks, and the
immediate backend runs them inside whatever transaction saved the page. When two
publishes run at once (two Celery workers), their search-index upserts can deadlock;
the index code logs and swallows the error, but the transaction it ran in is then
aborted, and the publish fails with it. Here each task gets a savepoint: a failed
index update rolls back alone and is retried, and the publish goes on.
"""

import logging
import time

from django.db import DatabaseError, transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResultStatus

logger = logging.getLogger(__name__)

ATTEMPTS = 3


class _TaskFailed(Exception):
    """Raised inside the savepoint to roll it back."""


class IsolatedImmediateBackend(ImmediateBackend):
    def _execute_task(self, task_result) -> None:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                with transaction.atomic():
                    super()._execute_task(task_result)
                    if (
                        task_result.status == TaskResultStatus.FAILED
                        or transaction.get_connection().needs_rollback
                    ):
                        raise _TaskFailed
                return
            except (_TaskFailed, DatabaseError):
                if attempt == ATTEMPTS:
                    logger.warning(
                        "Background task %s failed %d times; giving up",
                        task_result.task.module_path,
                        ATTEMPTS,
                    )
                    return
                time.sleep(0.05 * 2**attempt)
