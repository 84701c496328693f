"""Topic (tag) slugs in Latin letters, by the same scheme as page slugs."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag

from newsroom.transliteration import latin_slug


def unique_topic_slug(name: str, exclude_pk=None) -> str:
    base = latin_slug(name, max_length=90, fallback="topic")
    taken = set(
        Tag.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@receiver(pre_save, sender=Tag)
def give_new_topics_a_latin_slug(sender, instance: Tag, **kwargs):
    # taggit has already filled in its own (Cyrillic-keeping) slug by now; a new topic gets
    # ours instead, so /topics/<slug>/ reads the same way as /interviews/<slug>/.
    if instance._state.adding:
        instance.slug = unique_topic_slug(instance.name)
