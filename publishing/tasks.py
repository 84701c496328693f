"""Celery's side of publishing: deliver job ids to jobs.run_job(), and sweep on a beat."""

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from publishing import jobs, pipeline

logger = logging.getLogger(__name__)

# Worth another try: the database or a network peer had a bad moment, or a pipeline step
# failed with an error it declares passing (pipeline.Step.transient).
TRANSIENT_ERRORS = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
    pipeline.TransientStepError,
)
MAX_RETRIES = 5


# Acknowledged late and handed back if the worker dies: settings.CELERY_TASK_* for all tasks.
@shared_task(bind=True, max_retries=MAX_RETRIES)
def run_publishing_job(self, job_id: int) -> str:
    try:
        return jobs.run_job(job_id)
    except jobs.NotYetDue as early:
        raise self.retry(eta=early.due_at, max_retries=None) from early
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= MAX_RETRIES:
            return jobs.record_failure(job_id, error, final=True)
        raise self.retry(exc=error, countdown=2**self.request.retries) from error
    except Exception as error:
        # Not a passing hiccup: record it where editors look. The job waits out a pause
        # and the sweep tries it again, a few times, before it is left failed.
        logger.exception("Publishing job %s failed", job_id)
        return jobs.record_failure(job_id, error)


@shared_task
def sweep_publishing() -> dict[str, int]:
    return jobs.sweep()
