"""The readers' site's steps in the publishing pipeline (registered in apps.py)."""

from django.utils.translation import gettext_noop
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from wagtail.models import Page

from interviews.models import InterviewPage
from publishing.pipeline import Stage, Step
from reader.cache import purge_pages
from reader.sharing import stored_card


def purge_caches(page: Page | None, page_id: int | None) -> str:
    """Cached pages, listings, topic and person pages, feeds and sitemaps."""
    purge_pages([page] if page is not None else [])
    return gettext_noop("caches, feeds and sitemaps purged")


PURGE_CACHES = Step(
    "caches",
    Stage.CACHES,
    purge_caches,
    # The cache server away for a moment; the page cache must not outlive the news.
    transient=(RedisConnectionError, RedisTimeoutError),
)


def draw_share_card(page: Page | None, page_id: int | None) -> str:
    """The interview's share card, drawn now: a messenger's crawler fetches it seconds
    after the link is first shared, and gives up on a slow image. Answer cards are drawn
    on their first request (one per exchange; most are never shared). Only for a page
    readers may open, as the card's own view (reader.sharing) serves only those."""
    interview = InterviewPage.objects.readable().filter(pk=page_id).first()
    if interview is None:
        return gettext_noop("no share card")
    stored_card(interview)
    return gettext_noop("share card drawn")


SHARE_CARD = Step("share card", Stage.CONTENT, draw_share_card)
