"""Merging one topic into another: every page and exchange moves to the survivor.

Editors make duplicates ("порт" and "порты"). A merge rewrites the topic's name in every
interview that has it — the live row, its ExchangeTopic rows, and the latest revision, so
that publishing a draft does not bring the old topic back — then deletes the old tag and
leaves a permanent redirect from its reader URLs (topic page and feeds, every language)
to the survivor's.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from interviews.models import ExchangeTopic, InterviewPage, InterviewPageTag
from publishing import jobs
from publishing.models import PublishingJob

TOPIC_URL_NAMES = ("topic", "topic_feed_rss", "topic_feed_atom")


@dataclass(frozen=True)
class MergeResult:
    pages: int
    redirects: int


def renamed(names: list[str], old: str, new: str) -> list[str]:
    """`names` with `old` (any case) replaced by `new`, without duplicates, in order."""
    result, seen = [], set()
    for name in names:
        name = new if name.casefold() == old.casefold() else name
        if name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def rename_in_body(page: InterviewPage, old: str, new: str) -> bool:
    changed = False
    for child in page.body:
        if child.block_type == "exchange":
            topics = list(child.value["topics"])
            new_topics = renamed(topics, old, new)
            if new_topics != topics:
                child.value["topics"] = new_topics
                changed = True
    return changed


def rename_in_tags(page: InterviewPage, old: str, new: str) -> bool:
    names = list(page.tags.names())
    new_names = renamed(names, old, new)
    if new_names != names:
        page.tags.set(new_names)
        return True
    return False


def topic_paths(slug: str) -> list[str]:
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [reverse(name, args=[slug]) for name in TOPIC_URL_NAMES]
    return paths


@transaction.atomic
def merge_topics(old: Tag, survivor: Tag) -> MergeResult:
    if old.pk == survivor.pk:
        raise ValueError("a topic cannot be merged into itself")
    affected = InterviewPage.objects.filter(
        Q(pk__in=InterviewPageTag.objects.filter(tag=old).values("content_object_id"))
        | Q(pk__in=ExchangeTopic.objects.filter(tag=old).values("content_object_id"))
        | Q(has_unpublished_changes=True)
    )
    pages = []
    for page in affected.select_for_update():
        touched = False
        if rename_in_body(page, old.name, survivor.name):
            InterviewPage.objects.filter(pk=page.pk).update(body=page.body)
            page.index_exchange_topics()
            touched = True
        if InterviewPageTag.objects.filter(content_object=page, tag=old).exists():
            if InterviewPageTag.objects.filter(content_object=page, tag=survivor).exists():
                InterviewPageTag.objects.filter(content_object=page, tag=old).delete()
            else:
                InterviewPageTag.objects.filter(content_object=page, tag=old).update(tag=survivor)
            touched = True
        # The editor opens the latest revision: left alone, the next publish would bring
        # the old topic back. The live revision too, for history and reverts.
        revisions = {page.latest_revision_id, page.live_revision_id} - {None}
        for revision in Revision.objects.filter(pk__in=revisions):
            draft = revision.as_object()
            if rename_in_body(draft, old.name, survivor.name) | rename_in_tags(
                draft, old.name, survivor.name
            ):
                revision.content = draft.serializable_data()
                revision.save(update_fields=["content"])
                touched = True
        if touched:
            pages.append(page)
    old_paths, new_paths = topic_paths(old.slug), topic_paths(survivor.slug)
    old.delete()
    for old_path, new_path in zip(old_paths, new_paths, strict=True):
        Redirect.objects.update_or_create(
            old_path=Redirect.normalise_path(old_path),
            site=None,
            defaults={"redirect_link": new_path, "is_permanent": True, "redirect_page": None},
        )
    # Topics count in related scoring, the front page's rails and the cached pages: each
    # live page gets the post-publish pipeline, as after a publish.
    now = timezone.now()
    for page in pages:
        if page.live:
            jobs.schedule(PublishingJob.Kind.AFTER_PUBLISH, page, now)
    return MergeResult(pages=len(pages), redirects=len(old_paths))
