"""Give existing topics Latin slugs (ICAO 9303), like every topic created from now on."""

from django.db import migrations

from interviews.slugs import latin_slug


def latin_topic_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    taken = set(Tag.objects.values_list("slug", flat=True))
    for tag in Tag.objects.order_by("pk"):
        if tag.slug.isascii():
            continue
        base = latin_slug(tag.name, max_length=90, fallback="topic")
        slug, suffix = base, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken.discard(tag.slug)
        taken.add(slug)
        tag.slug = slug
        tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0003_related_links"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(latin_topic_slugs, migrations.RunPython.noop)]
