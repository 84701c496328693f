"""How many interviews each listing holds: counted by the publishing pipeline, not per request.

The same mechanism as the front page (newsroom.front_page): `rebuild()` runs in the
publishing pipeline (a step registered in interviews/apps.py) and stores, in the
ListingCounts row, the counts that only a publication can change and that cost an
aggregation over the whole archive: interviews and answers per topic, interviews per
person, interviews per section. The topic, person and section pages read one number
from it, so their paginators (interviews.pagination.CountedPaginator) never COUNT over
the archive, and the topic and people indexes read their lists from it.

Between a publication and the pipeline run that follows it (seconds), a count may be a
moment old. A listing the counts do not know yet (a topic first used by that
publication) is counted once per request until the pipeline has run.
"""

from collections import defaultdict

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_noop
from wagtail.models import Page

from interviews.models import (
    ExchangeTopic,
    InterviewPage,
    InterviewPageTag,
    InterviewPerson,
    ListingCounts,
)
from publishing.pipeline import Stage, Step

entry_key = ListingCounts.entry_key
key_of = ListingCounts.key_of


def counts_data() -> dict:
    """The counts, computed from the archive (the expensive half)."""
    readable = InterviewPage.objects.readable().values("pk")
    # An interview is on a topic when the page or any of its exchanges is: the union of
    # both, counted once per interview.
    pages_by_topic = defaultdict(set)
    for model in (InterviewPageTag, ExchangeTopic):
        for tag, page in (
            model.objects.filter(content_object__in=readable)
            .values_list("tag", "content_object")
            .distinct()
        ):
            pages_by_topic[tag].add(page)
    answers_by_topic = dict(
        ExchangeTopic.objects.filter(content_object__in=readable)
        .values_list("tag")
        .annotate(n=Count("pk"))
    )
    people = (
        InterviewPerson.objects.filter(page__in=readable)
        .values_list("person")
        .annotate(n=Count("page", distinct=True))
    )
    # A section's interviews are its children: their paths extend the section's by a step.
    by_section = defaultdict(int)
    for path in InterviewPage.objects.readable().order_by().values_list("path", flat=True):
        by_section[entry_key(path[: -InterviewPage.steplen])] += 1
    return {
        "topics": {
            entry_key(tag): [len(pages), answers_by_topic.get(tag, 0)]
            for tag, pages in pages_by_topic.items()
        },
        "people": {entry_key(person): n for person, n in people},
        "sections": dict(by_section),
    }


def rebuild() -> dict:
    """Store fresh counts (idempotent: the same archive gives the same counts)."""
    data = counts_data()
    ListingCounts.objects.update_or_create(
        key=ListingCounts.KEY, defaults={"data": data, "computed_at": timezone.now()}
    )
    return data


def stored(kind: str, key=None):
    """The stored counts of one kind ("topics", "people", "sections"), or the one entry
    `key` of them (None when the counts do not know it); one query."""
    found = ListingCounts.lookup(kind, key)
    if not found:
        # Before the first publication through the pipeline (a fresh install, a test).
        data = rebuild()[kind]
        return data if key is None else data.get(entry_key(key))
    return found[0]


def recount_listings(page: Page | None, page_id: int | None) -> str:
    rebuild()
    return gettext_noop("listings recounted")


# CONTENT, not SNAPSHOTS: the front page's topic rails (newsroom.front_page) are built
# from these counts, so that every page gives a topic the same number.
RECOUNT = Step("listing counts", Stage.CONTENT, recount_listings)
