"""Scheduling and running publishing jobs: go-live, expiry and the post-publish pipeline.

Every function here works on the database alone; Celery (tasks.py) only delivers job ids
to run_job() and calls sweep() on a beat. Whatever the delivery does — a message twice,
late, never, or to two workers at once — the row locks below let the work happen once.
"""

import logging
import os
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop
from kombu.exceptions import OperationalError as BrokerUnavailable
from wagtail.models import Page, Revision

# tasks imports this module too: both refer to the other's names only when called.
from publishing import pipeline, tasks
from publishing.models import PublishingJob

logger = logging.getLogger(__name__)

Kind = PublishingJob.Kind
Status = PublishingJob.Status

# A pipeline message that has not started this long after its job was queued is taken
# as lost (broker down, worker gone) and sent again by the sweep.
LOST_MESSAGE_AFTER_SECONDS = 60
# A job that raises waits 30 s, 60 s, 2 min, 4 min before its next tries, and after the
# fifth failure is left failed for a moderator to retry from the report. Without this, a
# revision that can never be published would fail every sweep, for ever.
MAX_ATTEMPTS = 5
RETRY_BACKOFF_SECONDS = 30


# Tests only (tests/test_publishing_worker.py): a file where each process notes, from
# inside the job's transaction, that it is about to publish or run the pipeline, with its
# database backend's pid. A fault test thereby proves where a killed worker was, and counts
# pipeline runs. Unset, as in production, nothing is written.
TEST_MARKER_FILE = os.environ.get("NEWSROOM_TEST_MARKER_FILE")


def note_for_tests(event: str, job: PublishingJob) -> None:
    if not TEST_MARKER_FILE:
        return
    backend = "-"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
    with open(TEST_MARKER_FILE, "a", encoding="utf-8") as marker:
        marker.write(f"{event} job={job.pk} page={job.page_id} backend={backend}\n")


class NotYetDue(Exception):
    def __init__(self, due_at: datetime):
        super().__init__(f"not due until {due_at.isoformat()}")
        self.due_at = due_at


# Scheduling: called from signal receivers, inside the transaction that caused the job.


def schedule(kind: str, page: Page, due_at: datetime, revision_id: int | None = None):
    """Record a job and send it to Celery once the surrounding transaction commits."""
    job = PublishingJob.objects.create(
        kind=kind,
        page=page,
        page_title=page.title[:255],
        revision_id=revision_id,
        due_at=due_at,
    )
    transaction.on_commit(lambda: send_to_worker(job.pk, due_at))
    return job


def supersede(page: Page, kind: str, reason: str, keep: PublishingJob | None = None) -> int:
    """Mark a page's still-queued jobs of a kind as skipped (rescheduled or cancelled)."""
    jobs = PublishingJob.objects.queued().filter(page=page, kind=kind)
    if keep is not None:
        jobs = jobs.exclude(pk=keep.pk)
    return jobs.update(status=Status.SKIPPED, outcome=reason, finished_at=timezone.now())


def send_to_worker(job_id: int, due_at: datetime | None = None, connection=None) -> bool:
    """Hand a job to Celery. With the broker down the job stays queued for the sweep."""
    eta = due_at if due_at and due_at > timezone.now() else None
    try:
        tasks.run_publishing_job.apply_async(
            (job_id,),
            eta=eta,
            connection=connection,
            retry=True,
            retry_policy={"max_retries": 1},
        )
    except (BrokerUnavailable, OSError) as error:
        logger.warning("Broker unavailable (%s); job %s waits for the sweep", error, job_id)
        return False
    return True


# Running one job.


def run_job(job_id: int) -> str:
    """Do a queued job's work once, and record the outcome on the job.

    Returns what happened in words. Raises NotYetDue for an early delivery; any other
    exception rolls the whole job back (it stays queued) for the caller to retry.
    """
    with transaction.atomic():
        job = PublishingJob.objects.select_for_update(skip_locked=True).filter(pk=job_id).first()
        if job is None:
            return "skipped: another worker holds this job, or it is gone"
        if job.status != Status.QUEUED:
            return f"skipped: already {job.status}"
        if job.due_at > timezone.now():
            raise NotYetDue(job.due_at)
        if job.retry_at and job.retry_at > timezone.now():
            raise NotYetDue(job.retry_at)
        job.attempts += 1
        status, outcome = HANDLERS[job.kind](job)
        job.status, job.outcome, job.finished_at = status, outcome, timezone.now()
        job.retry_at = None
        job.save(update_fields=["status", "outcome", "finished_at", "attempts", "retry_at"])
    return outcome


def run_job_isolated(job_id: int) -> str:
    """run_job() for the sweep: a job that raises is recorded and the sweep goes on.

    run_job's transaction has already rolled back whatever the failed try did, so
    recording the failure in a transaction of its own leaves the database consistent.
    """
    try:
        return run_job(job_id)
    except NotYetDue:
        return "skipped: not due yet"
    except Exception as error:
        logger.exception("Publishing job %s failed in the sweep", job_id)
        return record_failure(job_id, error)


def record_failure(job_id: int, error: BaseException, final: bool = False) -> str:
    """Count a failed try on the job: wait and try again later, or (last try) fail for good.

    The job stays visible with its error in the report and in `publishing_status`.
    """
    now = timezone.now()
    with transaction.atomic():
        job = PublishingJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Status.QUEUED:
            return "skipped: no longer queued"
        job.attempts += 1
        job.outcome = f"{type(error).__name__}: {error}"[:2000]
        if final or job.attempts >= MAX_ATTEMPTS:
            job.status, job.finished_at, job.retry_at = Status.FAILED, now, None
            result = f"failed: {job.outcome}"
        else:
            pause = RETRY_BACKOFF_SECONDS * 2 ** (job.attempts - 1)
            job.retry_at = now + timedelta(seconds=pause)
            result = f"will retry at {job.retry_at.isoformat()}: {job.outcome}"
        job.save(update_fields=["attempts", "outcome", "status", "finished_at", "retry_at"])
    return result


def retry(job: PublishingJob) -> None:
    """Queue a failed (or waiting) job again, now, with fresh tries (the report's "Retry").

    due_at stays: a go-live job publishes only a revision approved for exactly that time.
    """
    PublishingJob.objects.filter(pk=job.pk).update(
        status=Status.QUEUED, outcome="", finished_at=None, retry_at=None, attempts=0
    )
    transaction.on_commit(lambda: send_to_worker(job.pk))


def go_live(job: PublishingJob) -> tuple[str, str]:
    revision = Revision.page_revisions.select_for_update().filter(pk=job.revision_id).first()
    if revision is None:
        return Status.SKIPPED, gettext_noop("skipped: the page was deleted")
    if revision.approved_go_live_at is None:
        page = Page.objects.filter(pk=revision.object_id).first()
        if page and page.live_revision_id == revision.pk:
            return Status.SKIPPED, gettext_noop("skipped: already published")
        return Status.SKIPPED, gettext_noop("skipped: unscheduled or superseded")
    if revision.approved_go_live_at != job.due_at:
        # The outcome is stored in English; the report translates it (outcome_display).
        return Status.SKIPPED, f"skipped: rescheduled to {revision.approved_go_live_at}"
    note_for_tests("publishing", job)
    revision.publish(log_action="wagtail.publish.scheduled")
    return Status.DONE, gettext_noop("published")


def expire(job: PublishingJob) -> tuple[str, str]:
    page = Page.objects.select_for_update().filter(pk=job.page_id).first()
    if page is None:
        return Status.SKIPPED, gettext_noop("skipped: the page was deleted")
    if not page.live:
        return Status.SKIPPED, gettext_noop("skipped: not live")
    if page.expire_at != job.due_at:
        return Status.SKIPPED, gettext_noop("skipped: the expiry time changed")
    page.specific.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
    return Status.DONE, gettext_noop("unpublished")


def after_publishing(job: PublishingJob) -> tuple[str, str]:
    note_for_tests("pipeline", job)
    return Status.DONE, pipeline.run(job.page_id)


HANDLERS = {
    Kind.GO_LIVE: go_live,
    Kind.EXPIRE: expire,
    Kind.AFTER_PUBLISH: after_publishing,
    Kind.AFTER_UNPUBLISH: after_publishing,
}


# The beat's safety net.


def sweep() -> dict[str, int]:
    """Catch whatever a lost or late message missed. Safe to run anywhere, any number of times.

    1. Due go-live and expiry jobs run here and now, each in its own transaction: one
       that raises is recorded on its row (and retried later), the others still run.
    2. Pipeline jobs whose message seems lost, or whose pause after a failure is over,
       are sent again.
    3. Wagtail's own publish_scheduled rule, for anything scheduled outside our signals:
       due approved revisions go live, live pages past expire_at are unpublished. What
       already failed as a job is left to that job's retries.
    """
    now = timezone.now()
    counts = {"ran": 0, "failed": 0, "resent": 0, "published": 0, "expired": 0}
    due_schedules = PublishingJob.objects.due(now).filter(kind__in=[Kind.GO_LIVE, Kind.EXPIRE])
    for job_id in due_schedules.order_by("due_at").values_list("pk", flat=True):
        outcome = run_job_isolated(job_id)
        counts["failed" if outcome.startswith(("will retry", "failed")) else "ran"] += 1
    lost_before = now - timedelta(seconds=LOST_MESSAGE_AFTER_SECONDS)
    stale_pipeline = (
        PublishingJob.objects.due(now)
        .filter(kind__in=[Kind.AFTER_PUBLISH, Kind.AFTER_UNPUBLISH])
        .filter(Q(created_at__lt=lost_before) | Q(retry_at__isnull=False))
    )
    for job in stale_pipeline:
        counts["resent"] += send_to_worker(job.pk)
    published, failed = publish_due_revisions(now)
    expired, failed_expiries = expire_due_pages(now)
    counts["published"], counts["expired"] = published, expired
    counts["failed"] += failed + failed_expiries
    return counts


def publish_due_revisions(now: datetime) -> tuple[int, int]:
    troubled = PublishingJob.objects.troubled().filter(kind=Kind.GO_LIVE)
    due = Revision.page_revisions.filter(approved_go_live_at__lte=now).exclude(
        pk__in=troubled.filter(revision_id__isnull=False).values("revision_id")
    )
    return each_locked(
        due.values_list("pk", flat=True),
        lock=lambda revision_id: (
            Revision.page_revisions.select_for_update(skip_locked=True)
            .filter(pk=revision_id, approved_go_live_at__lte=now)
            .first()
        ),
        act=lambda revision: revision.publish(log_action="wagtail.publish.scheduled"),
        on_failure=lambda revision_id, error: record_jobless_failure(
            Kind.GO_LIVE, error, revision_id=revision_id
        ),
        failure_message="Scheduled revision %s failed to publish",
    )


def expire_due_pages(now: datetime) -> tuple[int, int]:
    troubled = PublishingJob.objects.troubled().filter(kind=Kind.EXPIRE, page__isnull=False)
    due = Page.objects.filter(live=True, expire_at__lte=now).exclude(
        pk__in=troubled.values("page_id")
    )
    return each_locked(
        due.values_list("pk", flat=True),
        lock=lambda page_id: (
            Page.objects.select_for_update(skip_locked=True)
            .filter(pk=page_id, live=True, expire_at__lte=now)
            .first()
        ),
        act=lambda page: page.specific.unpublish(
            set_expired=True, log_action="wagtail.unpublish.scheduled"
        ),
        on_failure=lambda page_id, error: record_jobless_failure(
            Kind.EXPIRE, error, page_id=page_id
        ),
        failure_message="Expired page %s failed to unpublish",
    )


def each_locked(
    ids: Iterable[int],
    *,
    lock: Callable[[int], object | None],
    act: Callable[[object], object],
    on_failure: Callable[[int, Exception], object],
    failure_message: str,
) -> tuple[int, int]:
    """Act on each row in a transaction of its own, under its row lock (None: another
    process holds it, or it is no longer due). A failure is logged and recorded, and the
    rest go on. Returns (done, failed)."""
    done = failed = 0
    for pk in ids:
        try:
            with transaction.atomic():
                row = lock(pk)
                if row is not None:
                    act(row)
                    done += 1
        except Exception as error:
            logger.exception(failure_message, pk)
            on_failure(pk, error)
            failed += 1
    return done, failed


def record_jobless_failure(kind: str, error: BaseException, revision_id=None, page_id=None):
    """Wagtail's rule failed on something no job covers: give it a job, so the failure is
    shown in the report and retried with pauses like any other, not in every sweep."""
    if revision_id is not None:
        revision = Revision.page_revisions.filter(pk=revision_id).first()
        if revision is None:
            return
        page, due_at = (
            Page.objects.filter(pk=revision.object_id).first(),
            revision.approved_go_live_at,
        )
    else:
        page = Page.objects.filter(pk=page_id).first()
        due_at = page.expire_at if page else None
    if page is None or due_at is None:
        return
    job = PublishingJob.objects.create(
        kind=kind, page=page, page_title=page.title[:255], revision_id=revision_id, due_at=due_at
    )
    record_failure(job.pk, error)
