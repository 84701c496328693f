"""Scheduling and running publishing jobs: go-live, expiry and the post-publish pipeline.

Every function here works on the database alone; Celery (tasks.py) only delivers job ids
to run_job() and calls sweep() on a beat. Whatever the delivery does — a message twice,
late, never, or to two workers at once — the row locks below let the work happen once.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from kombu.exceptions import OperationalError as BrokerUnavailable
from wagtail.models import Page, Revision

from publishing import pipeline
from publishing.models import PublishingJob

logger = logging.getLogger(__name__)

Kind = PublishingJob.Kind
Status = PublishingJob.Status

# A pipeline message that has not started this long after its job was queued is taken
# as lost (broker down, worker gone) and sent again by the sweep.
LOST_MESSAGE_AFTER_SECONDS = 60


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
    from publishing.tasks import run_publishing_job

    eta = due_at if due_at and due_at > timezone.now() else None
    try:
        run_publishing_job.apply_async(
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
        job.attempts += 1
        status, outcome = HANDLERS[job.kind](job)
        job.status, job.outcome, job.finished_at = status, outcome, timezone.now()
        job.save(update_fields=["status", "outcome", "finished_at", "attempts"])
    return outcome


def mark_failed(job_id: int, error: BaseException) -> None:
    """Record a job that ran out of retries; it stays visible (and retryable) in the report."""
    PublishingJob.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.FAILED,
        outcome=f"{type(error).__name__}: {error}"[:2000],
        finished_at=timezone.now(),
    )


def retry(job: PublishingJob) -> None:
    """Queue a failed job again (the report's "Retry")."""
    PublishingJob.objects.filter(pk=job.pk).update(
        status=Status.QUEUED, outcome="", finished_at=None, due_at=timezone.now()
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

    1. Due go-live and expiry jobs run here and now.
    2. Pipeline jobs whose message seems lost are sent again.
    3. Wagtail's own publish_scheduled rule, for anything scheduled outside our signals:
       due approved revisions go live, live pages past expire_at are unpublished.
    """
    now = timezone.now()
    counts = {"ran": 0, "resent": 0, "published": 0, "expired": 0}
    due_schedules = PublishingJob.objects.scheduled().filter(due_at__lte=now)
    for job_id in due_schedules.values_list("pk", flat=True):
        run_job(job_id)
        counts["ran"] += 1
    lost_before = now - timedelta(seconds=LOST_MESSAGE_AFTER_SECONDS)
    stale_pipeline = PublishingJob.objects.due(now).filter(
        kind__in=[Kind.AFTER_PUBLISH, Kind.AFTER_UNPUBLISH], created_at__lt=lost_before
    )
    for job in stale_pipeline:
        counts["resent"] += send_to_worker(job.pk)
    counts["published"] = publish_due_revisions(now)
    counts["expired"] = expire_due_pages(now)
    return counts


def publish_due_revisions(now: datetime) -> int:
    published = 0
    due = Revision.page_revisions.filter(approved_go_live_at__lte=now)
    for revision_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            revision = (
                Revision.page_revisions.select_for_update(skip_locked=True)
                .filter(pk=revision_id, approved_go_live_at__lte=now)
                .first()
            )
            if revision is not None:
                revision.publish(log_action="wagtail.publish.scheduled")
                published += 1
    return published


def expire_due_pages(now: datetime) -> int:
    expired = 0
    for page_id in Page.objects.filter(live=True, expire_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            page = (
                Page.objects.select_for_update(skip_locked=True)
                .filter(pk=page_id, live=True, expire_at__lte=now)
                .first()
            )
            if page is not None:
                page.specific.unpublish(set_expired=True, log_action="wagtail.unpublish.scheduled")
                expired += 1
    return expired
