import io
import json
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from taggit.models import Tag
from wagtail.images.models import Image

from interviews import demo_images
from interviews.importer import parse_interview
from interviews.models import InterviewPage, Person, TopicProfile
from interviews.services import create_interview, interview_section

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_ADMIN = ("admin", "newsroom")
DEMO_IMAGE_CREDIT = "Newsroom demo (generated)"
DEMO_TOPIC_DESCRIPTION = (
    "«{topic}»: что об этом говорили наши собеседники — все интервью и каждый ответ на эту тему."
)


class Command(BaseCommand):
    help = (
        "Load the demo interviews (interviews/demo/) and a demo admin login. Safe to run "
        "again: what is already there is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin", action="store_true", help="do not create the demo admin login"
        )

    @transaction.atomic
    def handle(self, *args, no_admin, **options):
        section = interview_section()
        manifest = json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))
        created = 0
        for entry in manifest:
            if InterviewPage.objects.child_of(section).filter(slug=entry["slug"]).exists():
                continue
            self.load_interview(entry, section)
            created += 1
        for entry in manifest:
            self.give_pictures(entry, section)
            self.give_english_names(entry)
        self.describe_topics(manifest)
        self.stdout.write(
            f"Demo interviews: {created} loaded, {len(manifest) - created} already there."
        )
        if not no_admin:
            self.ensure_demo_admin()

    def load_interview(self, entry, section):
        people = [(self.person(details), details["part"]) for details in entry["people"]]
        parsed = parse_interview((DEMO_DIR / entry["file"]).read_text(encoding="utf-8"))
        page = create_interview(
            parsed,
            title=entry["title"],
            slug=entry["slug"],
            section=section,
            topics=entry["topics"],
            exchange_topics=entry["exchange_topics"],
            people=people,
            publish=True,
        )
        published_at = datetime.fromisoformat(entry["first_published_at"])
        InterviewPage.objects.filter(pk=page.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )

    def give_pictures(self, entry, section):
        """A lead image for the interview and portraits for its people, where missing.

        Drawn by interviews.demo_images; a demo loaded before images existed gets them too.
        """
        page = InterviewPage.objects.child_of(section).filter(slug=entry["slug"]).first()
        if page is None:
            return
        for details in entry["people"]:
            person = Person.objects.get(slug=details["slug"])
            if person.photo_id is None:
                picture = demo_images.portrait_picture(
                    person.slug, demo_images.initials_of(person.name)
                )
                person.photo = self.wagtail_image(picture, person.name, f"{person.slug}.jpg")
                person.save(update_fields=["photo"])
        if page.lead_image_id is None:
            page.lead_image = self.wagtail_image(
                demo_images.lead_picture(page.slug), page.title, f"{page.slug}.jpg"
            )
            page.lead_image_credit = DEMO_IMAGE_CREDIT
            page.save_revision().publish()
            published_at = datetime.fromisoformat(entry["first_published_at"])
            InterviewPage.objects.filter(pk=page.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )

    def give_english_names(self, entry):
        """An English interview's manifest spells its people in English ("Anna Kim"): that
        is what the person's English name and role are for, where still empty."""
        if entry["language"] != "en":
            return
        for details in entry["people"]:
            person = Person.objects.get(slug=details["slug"])
            if person.name_en or details["name"] == person.name:
                continue
            person.name_en, person.role_en = details["name"], details.get("role", "")
            person.save(update_fields=["name_en", "role_en"])

    def describe_topics(self, manifest):
        """Each interview's first topic gets a topic description with a drawn image."""
        for name in {entry["topics"][0] for entry in manifest if entry["topics"]}:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None or TopicProfile.objects.filter(tag=tag).exists():
                continue
            picture = demo_images.lead_picture(f"topic:{tag.slug}")
            TopicProfile.objects.create(
                tag=tag,
                description=DEMO_TOPIC_DESCRIPTION.format(topic=tag.name),
                image=self.wagtail_image(picture, tag.name, f"topic-{tag.slug}.jpg"),
            )

    def wagtail_image(self, picture, title: str, filename: str) -> Image:
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=88)
        return Image.objects.create(title=title, file=ImageFile(buffer, name=filename))

    def person(self, details) -> Person:
        fields = ("name", "role", "organisation", "country", "bio")
        person, _created = Person.objects.get_or_create(
            slug=details["slug"], defaults={field: details.get(field, "") for field in fields}
        )
        return person

    def ensure_demo_admin(self):
        username, password = DEMO_ADMIN
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            return
        User.objects.create_superuser(username, f"{username}@example.com", password)
        self.stdout.write(f"Demo admin created: {username} / {password}")
