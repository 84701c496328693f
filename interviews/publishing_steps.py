"""The interviews app's step in the publishing pipeline (registered in apps.py)."""

from django.db import IntegrityError
from django.utils.translation import gettext_noop
from wagtail.models import Page

from interviews import related, renditions
from interviews.models import InterviewPage
from publishing.pipeline import Stage, Step


def update_related_links(page: Page | None, page_id: int | None) -> str:
    if page is not None and page.live:
        related.relink(page.pk)
        return gettext_noop("related links recomputed")
    if page_id is not None:
        related.unlink(page_id)
    return gettext_noop("removed from related lists")


RELATED_LINKS = Step(
    "related links",
    Stage.CONTENT,
    update_related_links,
    # A target deleted between scoring and commit surfaces as an IntegrityError; the
    # next try no longer sees it.
    transient=(IntegrityError,),
)


def make_image_renditions(page: Page | None, page_id: int | None) -> str:
    interview = InterviewPage.objects.readable().filter(pk=page_id).first()
    if interview is None:
        return gettext_noop("no images to prepare")
    renditions.make_renditions(interview)
    return gettext_noop("image renditions made")


IMAGE_RENDITIONS = Step(
    "image renditions",
    Stage.CONTENT,
    make_image_renditions,
    # Two runs drawing the same rendition at once: one insert loses the unique race.
    transient=(IntegrityError,),
)
