"""Receivers that turn Wagtail's publishing events into publishing jobs.

They fire on every path — the admin, a moderator's workflow approval, `revision.publish()`
in the shell, the import command — because all of them go through Wagtail's publish
actions, which save the revision's approved_go_live_at and send page_published.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_noop
from wagtail.models import (
    Page,
    PageViewRestriction,
    Revision,
    Site,
    get_default_page_content_type,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from publishing import jobs, pipeline
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


# What readers may see also changes without a publish: a page (or its section) made
# private or public again, or moved. Each live page of the subtree gets the post-publish
# pipeline: its related lists drop it (or take it back), and its cached copy, section,
# topic and person pages are purged.


def refresh_subtree(page_id: int) -> int:
    """Queue the pipeline for a page and every live page below it; returns how many."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0  # deleted with its restriction: the delete has its own purge
    now = timezone.now()
    subtree = Page.objects.descendant_of(page, inclusive=True).filter(live=True)
    queued = 0
    with transaction.atomic():
        for node in subtree.only("pk", "title"):
            jobs.schedule(Kind.AFTER_PUBLISH, node, now)
            queued += 1
    return queued


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def after_view_restriction_change(sender, instance: PageViewRestriction, **kwargs):
    # After the commit: a restriction is also deleted when its page is, and a job row
    # must not point at a page that is going away in the same transaction.
    page_id = instance.page_id
    transaction.on_commit(lambda: refresh_subtree(page_id))


@receiver(post_page_move)
def after_move(
    sender,
    instance: Page,
    parent_page_before: Page,
    url_path_before: str,
    url_path_after: str,
    **kwargs,
):
    if url_path_before == url_path_after:
        return  # reordered among its siblings: no address or visibility changed
    subtree = Page.objects.descendant_of(instance, inclusive=True).filter(live=True)
    # The addresses the subtree left, and the section (with its ancestors) that listed it.
    former_url_paths = [
        url_path_before + url_path[len(url_path_after) :]
        for url_path in subtree.values_list("url_path", flat=True)
    ]
    former_url_paths += parent_page_before.get_ancestors(inclusive=True).values_list(
        "url_path", flat=True
    )
    former = [path for url_path in former_url_paths for path in site_paths(url_path)]
    page_id = instance.pk
    transaction.on_commit(lambda: pipeline.purge_former_paths(former))
    transaction.on_commit(lambda: refresh_subtree(page_id))


def site_paths(url_path: str) -> list[str]:
    """A tree url_path ("/home/interviews/x/") as the path readers used on each site."""
    return [
        url_path[len(root.root_path) - 1 :]
        for root in Site.get_site_root_paths()
        if url_path.startswith(root.root_path)
    ]
