"""The readers' site's steps in the publishing pipeline (registered in apps.py)."""

from django.utils.translation import gettext_noop
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from wagtail.models import Page

from publishing.pipeline import Stage, Step
from reader.cache import purge_pages


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
