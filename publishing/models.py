"""The publishing desk's ledger: every scheduled go-live, expiry and post-publish run."""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

RESCHEDULED_PREFIX = "skipped: rescheduled to "


class PublishingJobQuerySet(models.QuerySet):
    def queued(self):
        return self.filter(status=PublishingJob.Status.QUEUED)

    def due(self, now=None):
        """Queued jobs whose time has come, and whose pause after a failure is over."""
        now = now or timezone.now()
        waited = models.Q(retry_at__isnull=True) | models.Q(retry_at__lte=now)
        return self.queued().filter(waited, due_at__lte=now)

    def scheduled(self):
        """Publications and expiries still to come (or overdue), soonest first."""
        Kind = PublishingJob.Kind
        return (
            self.queued()
            .filter(kind__in=[Kind.GO_LIVE, Kind.EXPIRE], retry_at__isnull=True)
            .order_by("due_at")
        )

    def retrying(self):
        """Jobs that raised and wait for their next try, next try first."""
        return self.queued().filter(retry_at__isnull=False).order_by("retry_at")

    def troubled(self):
        """Jobs that raised: waiting for another try, or failed for good."""
        Status = PublishingJob.Status
        return self.filter(
            models.Q(status=Status.FAILED) | models.Q(status=Status.QUEUED, retry_at__isnull=False)
        )

    def finished(self):
        """Jobs that ran (done or failed), latest first."""
        return self.exclude(status=PublishingJob.Status.QUEUED).order_by("-finished_at")


class PublishingJob(models.Model):
    """One unit of publishing work, written in the same transaction as its cause.

    Because the row commits with the publish (or the schedule) that caused it, a lost
    Celery message or a broker that is down loses nothing: the beat sweep finds queued
    rows and runs them. The row is locked while its work runs, so duplicate messages,
    sweeps and tasks never do the work twice.
    """

    class Kind(models.TextChoices):
        GO_LIVE = "go_live", _("scheduled publish")
        EXPIRE = "expire", _("scheduled unpublish")
        AFTER_PUBLISH = "after_publish", _("after publish")
        AFTER_UNPUBLISH = "after_unpublish", _("after unpublish")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        DONE = "done", _("done")
        SKIPPED = "skipped", _("skipped")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="publishing_jobs",
    )
    page_title = models.CharField(_("page title"), max_length=255)
    revision_id = models.BigIntegerField(_("revision"), null=True, blank=True)
    due_at = models.DateTimeField(_("due at"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    outcome = models.TextField(_("outcome"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    # Set after a try that raised: the job waits until then, so one job that always fails
    # costs a few tries with growing pauses, not one failure per sweep forever.
    retry_at = models.DateTimeField(_("next try at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = PublishingJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("publishing job")
        ordering = ["-due_at"]
        indexes = [models.Index(fields=["status", "due_at"], name="publishing_job_queue")]

    def __str__(self):
        return f"{self.get_kind_display()} «{self.page_title}» at {self.due_at:%Y-%m-%d %H:%M:%S}"

    def outcome_display(self) -> str:
        """The outcome in the reader's language: it is stored in English, step by step
        ("related links recomputed; caches, feeds and sitemaps purged"), so that what a
        worker wrote does not depend on its language. Errors stay as the code raised them.
        """
        parts = []
        for part in filter(None, self.outcome.split("; ")):
            if part.startswith(RESCHEDULED_PREFIX):
                when = part.removeprefix(RESCHEDULED_PREFIX)
                parts.append(gettext("skipped: rescheduled to %(time)s") % {"time": when})
            else:
                parts.append(gettext(part))
        return "; ".join(parts)


# Marked here for makemessages: the rescheduled outcome carries its time (jobs.go_live).
gettext_noop("skipped: rescheduled to %(time)s")


class DeletedAfterItsJobs:
    """A page type whose deletion first waits for the publishing jobs of its subtree.

    A worker publishing a page holds the job's row, then writes the page and its search
    entries; Wagtail's delete removes those rows first and sets the job's page to NULL
    last. In that order two sessions deadlock and PostgreSQL aborts one of them: the
    editor's delete or the publish (tests/test_publishing_races.py). Taken first, before
    the delete collects what to remove, the jobs make the delete wait for the publish.
    """

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            list(
                PublishingJob.objects.select_for_update(of=("self",)).filter(
                    page__path__startswith=self.path
                )
            )
            return super().delete(*args, **kwargs)
