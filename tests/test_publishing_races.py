"""An editor deletes a page at the moment the worker publishes it: both finish, no deadlock.

The worker's job (publishing.jobs.run_job, then go_live) locks the job row, then the
revision. Deleting a page in Wagtail deletes its revisions before Django sets the job's
page to NULL: the opposite order. Run in two real PostgreSQL sessions, that was a deadlock
(seen in the worker tests under load): PostgreSQL aborted one side, the editor's delete
answered 500 or the publish failed.
"""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from interviews.models import InterviewPage
from publishing import jobs
from publishing.models import PublishingJob
from tests.factories import make_interview

# The worker's side runs in a thread with a connection of its own, so the test needs real
# commits; serialized_rollback puts back the page tree the data migrations made.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WORKER_HOLDS_THE_JOB_FOR = 1.5  # seconds: longer than PostgreSQL's deadlock_timeout (1 s)


def worker_publishing(job_id, job_locked, errors):
    """run_job's work, with a pause between locking the job and publishing it."""
    try:
        with transaction.atomic():
            job = PublishingJob.objects.select_for_update().get(pk=job_id)
            job_locked.set()
            time.sleep(WORKER_HOLDS_THE_JOB_FOR)
            jobs.go_live(job)
    except Exception as error:  # reported by the test, not lost in the thread
        errors.append(error)
    finally:
        connection.close()


def test_deleting_a_page_while_the_worker_publishes_it_is_no_deadlock(interview_section):
    page = make_interview(interview_section, title="Удаляют при публикации")
    page.go_live_at = timezone.now() + timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()
    job = PublishingJob.objects.get(page=page, kind=PublishingJob.Kind.GO_LIVE)

    job_locked, errors = threading.Event(), []
    worker = threading.Thread(target=worker_publishing, args=(job.pk, job_locked, errors))
    worker.start()
    assert job_locked.wait(10)
    try:
        page.delete()
    finally:
        worker.join(30)

    assert errors == []
    assert not InterviewPage.objects.filter(pk=page.pk).exists()
    job.refresh_from_db()
    assert job.page_id is None
