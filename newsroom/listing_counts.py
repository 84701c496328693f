"""How many interviews each listing holds: counted by the publishing pipeline, not per request.

The same mechanism as the front page (newsroom.front_page): `rebuild()` runs in the
publishing pipeline and stores, in a FrontPageSnapshot row, the counts that only a
publication can change and that cost an aggregation over the whole archive: interviews
and answers per topic, interviews per person, interviews per section. The topic, person
and section pages read one number from it (PostgreSQL extracts it; the row is never
loaded whole), so their paginators never COUNT over the archive, and the topic and
people indexes read their lists from it.

Between a publication and the pipeline run that follows it (seconds), a count may be a
moment old. A listing the snapshot does not know yet (a topic first used by that
publication) is counted once per request until the pipeline has run.
"""

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils import timezone

SNAPSHOT_KEY = "listing_counts"


def counts_data() -> dict:
    """The counts, computed from the archive (the expensive half)."""
    from interviews.models import ExchangeTopic, InterviewPage, InterviewPageTag, InterviewPerson

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


def entry_key(key) -> str:
    """A topic's or person's id, or a section's tree path, as a key of the snapshot.

    Django reads a key made of digits in a JSON path as an array index, so every key
    starts with a letter.
    """
    return f"k{key}"


def key_of(entry: str) -> str:
    return entry[1:]


def rebuild() -> dict:
    """Store fresh counts (idempotent: the same archive gives the same counts)."""
    from newsroom.models import FrontPageSnapshot

    data = counts_data()
    FrontPageSnapshot.objects.update_or_create(
        key=SNAPSHOT_KEY, defaults={"data": data, "computed_at": timezone.now()}
    )
    return data


def stored(kind: str, key=None):
    """The stored counts of one kind ("topics", "people", "sections"), or the one entry
    `key` of them (None when the snapshot does not know it); one query."""
    from newsroom.models import FrontPageSnapshot

    path = f"data__{kind}" if key is None else f"data__{kind}__{entry_key(key)}"
    found = list(
        FrontPageSnapshot.objects.filter(key=SNAPSHOT_KEY).values_list(path, flat=True)[:1]
    )
    if not found:
        # Before the first publication through the pipeline (a fresh install, a test).
        data = rebuild()[kind]
        return data if key is None else data.get(entry_key(key))
    return found[0]


class CountedPaginator(Paginator):
    """Django's Paginator told the count (from the snapshot) instead of counting itself.

    With `load`, the object list holds ids, and the page's slice of them is turned into
    objects by `load(ids)` (such as InterviewPageQuerySet.cards).
    """

    def __init__(self, object_list, per_page, count: int | None, *, load=None):
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count  # shadows Paginator.count, a cached_property
        self.load = load

    def _get_page(self, object_list, number, paginator):
        if self.load is not None:
            object_list = self.load(list(object_list))
        return super()._get_page(object_list, number, paginator)
