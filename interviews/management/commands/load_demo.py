import json
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from interviews.importer import parse_interview
from interviews.models import InterviewPage, Person
from interviews.services import create_interview, interview_section

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_ADMIN = ("admin", "newsroom")


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
