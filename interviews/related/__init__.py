"""Related articles: which interviews to show under an interview, and why.

One function scores, `related_articles(page_id)`. Around it:

    relink(page_id)   index a live page, store its list, and put it on the lists of the
                      existing pages that should now point at it (the post-publish step);
    unlink(page_id)   take a page out of the index and off every automatic list;
    relink_all()      rebuild the index and every list (`manage.py relink --all`).

How it works (docs/related.md has the reasoning, the weights and the evaluation):

    features    a live page is indexed by its topics (page and exchange topics), its people
                and its most frequent stemmed words, Russian and English (RelatedTerm rows).
                RelatedTermCount counts the pages that have each feature.
    rarity      ln((N+1) / pages with the feature) / ln(N+1): 1 for a feature no other page
                has, about 0 for one every page has (for a word, N counts the pages in its
                script). A shared rare feature says "same story"; a common one says nothing.
    candidates  the pages that share the page's rarest features, followed rarest first until
                a fixed number of index rows has been read. A relink reads as much at 100,000
                articles as at 1,000, and never scans them.
    score       topics, people and wording in common, each 0..1, blended by BLEND and damped
                by the time between the two articles. It is symmetric: the score of A for B
                is the score of B for A, which is what lets relink() update B's list too.

The package, one concern a module (the names above stay importable from here):

    features.py   text and page -> features (pure Python, no Django)
    scoring.py    rarity, Scorer, the blend and the reasons (pure Python, no Django)
    index.py      the index: written from live content, read to find and score candidates
    lists.py      the stored lists: a page's own, and its place on other pages' lists
    __init__.py   the entry points: relink, unlink, relink_all

The publishing pipeline's step (interviews/publishing_steps.py), the admin and the
management commands only call the entry points.
"""

import functools
import multiprocessing
from collections.abc import Callable

from django.db import connection, connections, transaction
from django.db.models import Exists, OuterRef
from wagtail.models import Page

from interviews.models import InterviewPage, RelatedLink, RelatedTerm, RelatedTermCount, readable_q
from interviews.related.features import Feature, page_features, stem, word_features
from interviews.related.index import (
    _insert_terms,
    _live_page_features,
    _reindex,
    _related_articles_of,
    related_articles,
)
from interviews.related.lists import (
    AUTO_LINKS_KEPT,
    _store_lists,
    _update_inbound,
    _without_deleted,
)
from interviews.related.scoring import (
    ALL_PAGES,
    BLEND,
    MIN_SCORE,
    NOISE_RARITY,
    TOPICS_ONLY,
    Match,
    Scorer,
    Suggestion,
    Weights,
    rarity,
)

__all__ = [
    "AUTO_LINKS_KEPT",
    "BLEND",
    "MIN_SCORE",
    "NOISE_RARITY",
    "TOPICS_ONLY",
    "Feature",
    "Match",
    "Scorer",
    "Suggestion",
    "Weights",
    "page_features",
    "rarity",
    "related_articles",
    "relink",
    "relink_all",
    "stem",
    "unlink",
    "word_features",
]


# The entry points.


def relink(page_id: int) -> int:
    """Index a live page, store its related list, and add it to the lists it now belongs on.

    The post-publish step. A page readers cannot open (or that no longer exists) is unlinked
    instead. Idempotent: running it twice leaves the same rows. Returns how many links
    the page's list now has (pins and exclusions included).
    """
    with transaction.atomic():
        # One relink of a page at a time; an editor saving the page waits a few ms.
        locked = Page.objects.select_for_update().filter(pk=page_id, live=True)
        if not locked.values_list("pk", flat=True) or not _is_readable(page_id):
            _unlink(page_id)
            return 0
        features = _live_page_features([page_id]).get(page_id)
        if features is None:  # live, but not an interview
            return 0
        _reindex(page_id, features)
        suggestions = _without_deleted({page_id: related_articles(page_id)})[page_id]
        stored = _store_lists({page_id: suggestions})
        _update_inbound(page_id, suggestions)
    return stored


def _is_readable(page_id: int) -> bool:
    # A live page under a view restriction (or past its expiry) is no related article:
    # readers could not open it.
    return Page.objects.filter(readable_q(), pk=page_id).exists()


def unlink(page_id: int) -> None:
    """Take a page out of the index, out of the counts and off every automatic list.

    For an unpublished or deleted page (it works after the page is gone). Editors' pins of
    it stay on their pages and show again if it is published again.
    """
    with transaction.atomic():
        _unlink(page_id)


def _unlink(page_id: int) -> None:
    _reindex(page_id, {})
    RelatedLink.objects.filter(source_id=page_id).delete()
    RelatedLink.objects.filter(target_id=page_id, kind=RelatedLink.Kind.AUTO).delete()


Progress = Callable[[str, int, int], None]  # (phase, done, total)


def relink_all(*, batch_size: int = 200, workers: int = 1, progress: Progress | None = None) -> int:
    """Rebuild the whole index, then every live page's list. Returns the pages linked.

    Two passes, because a page's list is only as good as the index it is scored against:
    first every live page is indexed and the counts are recounted from the index, then each
    page's list is computed and stored. Pages that are no longer live are forgotten.
    Batches are independent within a pass, so `workers` processes can share them (each with
    its own database connection).
    """
    readable = InterviewPage.objects.readable()
    page_ids = list(readable.order_by("pk").values_list("pk", flat=True))
    # Forget what readers can no longer open. NOT EXISTS, not NOT IN: PostgreSQL runs a
    # NOT IN over 100,000 ids row by row once they no longer fit in memory.
    RelatedTerm.objects.filter(~Exists(readable.filter(pk=OuterRef("page_id")))).delete()
    RelatedLink.objects.filter(~Exists(readable.filter(pk=OuterRef("source_id")))).delete()
    RelatedLink.objects.filter(
        ~Exists(readable.filter(pk=OuterRef("target_id"))), kind=RelatedLink.Kind.AUTO
    ).delete()

    batches = [
        page_ids[start : start + batch_size] for start in range(0, len(page_ids), batch_size)
    ]
    _in_batches(_index_batch, batches, workers, progress and functools.partial(progress, "index"))
    _recount()
    _in_batches(_link_batch, batches, workers, progress and functools.partial(progress, "link"))
    return len(page_ids)


def _index_batch(page_ids: list[int]) -> int:
    with transaction.atomic():
        RelatedTerm.objects.filter(page_id__in=page_ids).delete()
        _insert_terms(_live_page_features(page_ids))
    return len(page_ids)


def _link_batch(page_ids: list[int]) -> int:
    with transaction.atomic():
        _store_lists(_without_deleted(_related_articles_of(page_ids, BLEND)))
    return len(page_ids)


def _in_batches(work, batches: list[list[int]], workers: int, progress) -> None:
    total, done = sum(map(len, batches)), 0
    if connection.in_atomic_block:
        workers = 1  # other processes could not see this transaction's uncommitted rows
    if workers <= 1:
        results = map(work, batches)
    else:
        connections.close_all()  # each forked worker opens its own connection
        pool = multiprocessing.get_context("fork").Pool(workers)
        results = pool.imap_unordered(work, batches)
    try:
        for pages in results:
            done += pages
            if progress:
                progress(done, total)
    finally:
        if workers > 1:
            pool.close()
            pool.join()


def _recount() -> None:
    """Count the pages of every feature afresh from the index."""
    counts = connection.ops.quote_name(RelatedTermCount._meta.db_table)
    terms = connection.ops.quote_name(RelatedTerm._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {counts}")
        cursor.execute(
            f"INSERT INTO {counts} (term, pages) SELECT term, COUNT(*) FROM {terms} GROUP BY term"
            f" UNION ALL SELECT %s, COUNT(DISTINCT page_id) FROM {terms}",
            [ALL_PAGES],
        )
        # Fresh planner statistics: after a bulk load they are stale, and the database then
        # misjudges the postings lists and scans the whole index.
        cursor.execute(f"ANALYZE {terms}")
        cursor.execute(f"ANALYZE {counts}")
