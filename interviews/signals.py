"""Topic (tag) slugs in Latin letters, by the same scheme as page slugs; and the pages
that show a person, refreshed when the person changes."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, ReferenceIndex

from interviews.models import InterviewPage, InterviewPerson, Person
from interviews.services import unique_slug
from interviews.slugs import latin_slug
from interviews.text_hygiene import without_control_characters
from publishing import jobs
from publishing.models import PublishingJob


@receiver(pre_save, sender=Tag)
def give_new_topics_a_latin_slug(sender, instance: Tag, **kwargs):
    instance.name = without_control_characters(instance.name)  # see text_hygiene
    # taggit has already filled in its own (Cyrillic-keeping) slug by now; a new topic gets
    # ours instead, so /topics/<slug>/ reads the same way as /interviews/<slug>/.
    if instance._state.adding:
        instance.slug = unique_slug(
            Tag.objects.all(), latin_slug(instance.name, max_length=90, fallback="topic")
        )


@receiver(post_save, sender=Person)
def refresh_pages_showing_a_person(sender, instance: Person, created: bool, **kwargs):
    """A person is not versioned: a change (by a Moderator, see publishing migration 0003)
    is public at once. Every readable interview they appear in gets the post-publish
    pipeline: its cached copy, topic and person pages are purged, its related index
    takes the new name. A new person is on no live page yet."""
    if created:
        return
    person_id = instance.pk
    transaction.on_commit(lambda: queue_pages_of(person_id))


def queue_pages_of(person_id: int) -> int:
    appearances = InterviewPerson.objects.filter(person_id=person_id).values("page")
    # Pull quotes name people too (JSON-LD `mentions`); Wagtail's reference index knows
    # which pages' content points at the person.
    quoted_by = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(Person(pk=person_id))
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
        if object_id.isdigit()
    ]
    pages = InterviewPage.objects.readable().filter(Q(pk__in=appearances) | Q(pk__in=quoted_by))
    now, queued = timezone.now(), 0
    with transaction.atomic():
        for page in pages.only("pk", "title"):
            jobs.schedule(PublishingJob.Kind.AFTER_PUBLISH, page, now)
            queued += 1
    return queued
