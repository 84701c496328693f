"""What happens after a page is published or unpublished, step by step.

Each step is idempotent (running it twice leaves the same state), so a retried or
duplicated pipeline job is harmless. A step that raises stops the run; the job is
retried with backoff and, when retries run out, recorded as failed in the report.
"""

from django.utils.translation import gettext_noop
from wagtail.models import Page


def update_related_links(page: Page | None, page_id: int | None) -> str:
    from interviews import related

    if page is not None and page.live:
        related.relink(page.pk)
        return gettext_noop("related links recomputed")
    if page_id is not None:
        related.unlink(page_id)
    return gettext_noop("removed from related lists")


def purge_caches(page: Page | None, page_id: int | None) -> str:
    """Cached pages, listings, topic and person pages, feeds and sitemaps."""
    from newsroom.cache import purge_pages

    purge_pages([page] if page is not None else [])
    return gettext_noop("caches, feeds and sitemaps purged")


def rebuild_front_page(page: Page | None, page_id: int | None) -> str:
    """The front page's topic rails, people and section fronts (newsroom.front_page)."""
    from newsroom import front_page

    front_page.rebuild()
    return "front page rebuilt"


def recount_listings(page: Page | None, page_id: int | None) -> str:
    """The interviews and answers per topic, person and section (newsroom.listing_counts)."""
    from newsroom import listing_counts

    listing_counts.rebuild()
    return "listings recounted"


# The snapshots before the purge, so the purged pages are rendered from the new ones.
STEPS = [update_related_links, rebuild_front_page, recount_listings, purge_caches]


def purge_former_paths(paths: list[str]) -> None:
    """After a move: the cached copies at the addresses the pages left (their new ones are
    purged by each page's own pipeline job)."""
    from newsroom.cache import purge_paths

    purge_paths(paths)


def run(page_id: int | None) -> str:
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    return "; ".join(step(page, page_id) for step in STEPS)
