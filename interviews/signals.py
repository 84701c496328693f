"""Topic (tag) slugs in Latin letters, by the same scheme as page slugs."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from taggit.models import Tag

from interviews.services import unique_slug
from interviews.text_hygiene import without_control_characters
from newsroom.transliteration import latin_slug


@receiver(pre_save, sender=Tag)
def give_new_topics_a_latin_slug(sender, instance: Tag, **kwargs):
    instance.name = without_control_characters(instance.name)  # see text_hygiene
    # taggit has already filled in its own (Cyrillic-keeping) slug by now; a new topic gets
    # ours instead, so /topics/<slug>/ reads the same way as /interviews/<slug>/.
    if instance._state.adding:
        instance.slug = unique_slug(
            Tag.objects.all(), latin_slug(instance.name, max_length=90, fallback="topic")
        )
