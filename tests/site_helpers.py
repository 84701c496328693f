"""Builders shared by the readers' site tests (tests/test_site*.py, test_feeds, test_seo)."""

import io

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from interviews.models import InterviewPerson, Person
from tests.factories import make_interview


def news_site_client(test_settings) -> Client:
    """A reader's client on news.example, with the page cache off: every request renders.

    Also resets the thread's language, which a request activates and leaves active, so
    page.url in a test does not depend on which test ran before.
    """
    test_settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    test_settings.ALLOWED_HOSTS = ["news.example"]
    cache.clear()
    translation.activate(test_settings.LANGUAGE_CODE)
    return Client(HTTP_HOST="news.example")


def person(name: str, slug: str, **fields) -> Person:
    return Person.objects.create(name=name, slug=slug, **fields)


def png_image(title: str = "Порт Курык") -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), (30, 90, 140)).save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="kuryk.png"))


def long_interview(section, *, exchanges: int, images: int = 0, publish: bool = True, **kwargs):
    """An interview of any length with every kind of block: sections, quotes, figures, images.

    Pull quotes are attributed to people who are not in the interview (so `mentions`),
    and every exchange has topics, which is the worst case for the page's query count.
    """
    guest = Person.objects.filter(slug="guest").first() or person(
        "Айгерим Нурланова", "guest", role="аналитик"
    )
    host = Person.objects.filter(slug="host").first() or person("Anna Kim", "host")
    quoted = [
        Person.objects.filter(slug=f"quoted-{n}").first() or person(f"Цитата {n}", f"quoted-{n}")
        for n in range(3)
    ]
    pictures = [png_image(f"Снимок {n}") for n in range(images)]
    page = make_interview(
        section,
        people=[
            (guest, InterviewPerson.Part.INTERVIEWEE),
            (host, InterviewPerson.Part.INTERVIEWER),
        ],
        topics=["Каспий", "порты"],
        publish=False,
        **kwargs,
    )
    body = []
    for n in range(exchanges):
        if n % 10 == 0:
            body.append(("section", f"Часть {n // 10 + 1}"))
        body.append(
            (
                "exchange",
                {
                    "question": f"Вопрос номер {n}: что дальше с портом?",
                    "asked_by": [host],
                    "answers": [
                        {
                            "speaker": guest,
                            "text": RichText(
                                f"<p>Ответ {n}. Порт растёт.</p><p>Второй абзац {n}.</p>"
                            ),
                        }
                    ],
                    "topics": [f"тема {n % 7}", "Каспий"],
                },
            )
        )
        if n % 5 == 0:
            body.append(("pull_quote", {"text": f"Цитата {n}", "attribution": quoted[n % 3]}))
            body.append(("key_figure", {"value": f"{n}%", "label": "доля"}))
    for picture in pictures:
        body.append(("image", {"image": picture, "caption": picture.title}))
    page.body = body
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


# --- transactional browser tests ------------------------------------------------------
#
# pytest-django's serialized_rollback restores the migrated data (the page tree the data
# migrations make) from `connections["default"]._test_serialized_contents`. Once the
# Playwright sync API runs (the session `browser` fixture), this thread's code runs in a
# greenlet with its own contextvars, asgiref hands out a *new* connection object without
# that attribute, and the restore is silently skipped: a later transactional test starts
# on an empty database. `site_tree` puts back what the readers' tests need.


@pytest.fixture
def site_tree(live_server):
    """The page tree of a fresh install, however the previous test left the database."""
    from wagtail.models import Collection, Locale, Page, Site

    from interviews.models import InterviewIndexPage
    from newsroom.models import HomePage

    if InterviewIndexPage.objects.exists():
        return
    call_command("flush", interactive=False, verbosity=0)  # whatever half-state is left
    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = root.add_child(instance=HomePage(title="Newsroom", slug="home", locale=locale))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    home.add_child(instance=InterviewIndexPage(title="Интервью", slug="interviews", locale=locale))
    Site.clear_site_root_paths_cache()


def archive(section, size: int) -> list:
    """`size` interviews on "порты" (on the page and an exchange) and one of five other
    topics, three guests in turn, every other one of the latest ten with a lead image;
    then the publishing pipeline runs once, as after the last publication."""
    from publishing import pipeline

    guests = [person(f"Гость {n}", f"guest-{n}", photo=png_image(f"Гость {n}")) for n in range(3)]
    pages = []
    for n in range(size):
        page = make_interview(
            section,
            title=f"Интервью {n}",
            topics=["порты", f"тема {n % 5}"],
            exchange_topics=[["порты"], [f"тема {n % 5}"]],
            people=[(guests[n % 3], InterviewPerson.Part.INTERVIEWEE)],
            publish=False,
        )
        page.lead_image = png_image(f"Снимок {n}") if n % 2 == 0 and n >= size - 10 else None
        page.save_revision().publish()
        pages.append(page)
    pipeline.run(pages[-1].pk)
    return pages
