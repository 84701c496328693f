"""Receivers that turn Wagtail's publishing events into publishing jobs.

They fire on every path — the admin, a moderator's workflow approval, `revision.publish()`
in the shell, the import command — because all of them go through Wagtail's publish
actions, which save the revision's approved_go_live_at and send page_published.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_noop
from wagtail.models import Page, Revision, get_default_page_content_type
from wagtail.signals import page_published, page_unpublished

from publishing import jobs
from publishing.models import PublishingJob

Kind = PublishingJob.Kind


@receiver(post_save, sender=Revision)
def schedule_approved_go_live(sender, instance: Revision, update_fields=None, **kwargs):
    if not update_fields or "approved_go_live_at" not in update_fields:
        return
    if instance.base_content_type_id != get_default_page_content_type().pk:
        return  # a snippet's revision, not a page's
    page = Page.objects.filter(pk=instance.object_id).first()
    if page is None:
        return
    if instance.approved_go_live_at is None:
        jobs.supersede(page, Kind.GO_LIVE, gettext_noop("skipped: unscheduled"))
        return
    job = jobs.schedule(Kind.GO_LIVE, page, instance.approved_go_live_at, instance.pk)
    jobs.supersede(page, Kind.GO_LIVE, gettext_noop("skipped: rescheduled"), keep=job)


@receiver(page_published)
def after_publish(sender, instance: Page, **kwargs):
    # Wagtail also sends page_published when a never-live page is only *scheduled*
    # (wagtail/wagtail#13959); nothing is public yet, so nothing follows.
    if not instance.live:
        return
    jobs.schedule(Kind.AFTER_PUBLISH, instance, timezone.now())
    if instance.expire_at and instance.expire_at > timezone.now():
        job = jobs.schedule(Kind.EXPIRE, instance, instance.expire_at)
        jobs.supersede(instance, Kind.EXPIRE, gettext_noop("skipped: expiry changed"), keep=job)
    else:
        jobs.supersede(instance, Kind.EXPIRE, gettext_noop("skipped: expiry removed"))


@receiver(page_unpublished)
def after_unpublish(sender, instance: Page, **kwargs):
    jobs.schedule(Kind.AFTER_UNPUBLISH, instance, timezone.now())
    jobs.supersede(instance, Kind.EXPIRE, gettext_noop("skipped: unpublished"))
