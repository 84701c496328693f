"""The front page: a lead interview, the latest ones, section fronts, topic rails, people.

Two halves. `rebuild()` runs in the publishing pipeline and stores, as ids, what only a
publication can change and what costs aggregations over the whole archive: the busiest
topics with their latest interviews, the people interviewed most, each section's latest
(one `FrontPageSnapshot` row, defined here with the code that writes and reads it).
`front_page()` runs on every request and costs a fixed number of queries, whatever the
size of the archive: the snapshot, the latest interviews, then one query per kind of
thing shown (interviews, topics, people, sections) with their people and images.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_noop
from taggit.models import Tag

from interviews import listing_counts
from interviews.models import (
    InterviewIndexPage,
    InterviewPage,
    InterviewPerson,
    Person,
    on_topic_q,
)
from publishing.pipeline import Stage, Step

SNAPSHOT_KEY = "home"
LATEST_ON_HOME = 7  # the lead and six more
TOPIC_RAILS = 4
INTERVIEWS_PER_RAIL = 3
PEOPLE_ON_HOME = 8
INTERVIEWS_PER_SECTION = 3
# The whole home page view, Wagtail's routing and session-less serve included; pinned by
# tests/test_front_page.py at two archive sizes.
MAX_HOME_QUERIES = 16


class FrontPageSnapshot(models.Model):
    """What the front page shows that changes only when something is published.

    Rebuilt by the publishing pipeline (`rebuild`), read by every view of the home page
    (`front_page`): topic rails, people and section fronts, as ids and counts. It is
    registered with the app through newsroom/models.py, which imports it.
    """

    key = models.CharField(max_length=40, primary_key=True)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.key} ({self.computed_at:%Y-%m-%d %H:%M})"


def readable():
    return InterviewPage.objects.readable()


def snapshot_data() -> dict:
    """The snapshot's content, computed from the archive (the expensive half)."""
    live = readable()
    # The topics with most interviews, counted as every listing counts them (on the page
    # or on an exchange: interviews.listing_counts), ties by age of the topic.
    counts = listing_counts.stored("topics")
    busiest = sorted(
        ((n, int(listing_counts.key_of(key))) for key, (n, _answers) in counts.items()),
        key=lambda row: (-row[0], row[1]),
    )[:TOPIC_RAILS]
    topics = []
    for n, tag in busiest:
        ids = list(
            live.filter(on_topic_q(Tag(pk=tag)))
            .order_by("-first_published_at", "-pk")
            .values_list("pk", flat=True)[:INTERVIEWS_PER_RAIL]
        )
        topics.append({"tag": tag, "interviews": n, "latest": ids})
    people = list(
        Person.objects.filter(
            appearances__page__in=live.values("pk"),
            appearances__part=InterviewPerson.Part.INTERVIEWEE,
        )
        .annotate(n=Count("appearances__page", distinct=True))
        .order_by("-n", "name")
        .values_list("pk", "n")[:PEOPLE_ON_HOME]
    )
    sections = []
    for section in InterviewIndexPage.objects.live().public().order_by("path"):
        ids = list(
            live.child_of(section)
            .order_by("-first_published_at", "-pk")
            .values_list("pk", flat=True)[:INTERVIEWS_PER_SECTION]
        )
        sections.append({"section": section.pk, "latest": ids})
    return {
        "topics": topics,
        "people": [{"person": pk, "interviews": n} for pk, n in people],
        "sections": sections,
    }


def rebuild() -> dict:
    """Store a fresh snapshot (idempotent: the same archive gives the same snapshot)."""
    data = snapshot_data()
    FrontPageSnapshot.objects.update_or_create(
        key=SNAPSHOT_KEY, defaults={"data": data, "computed_at": timezone.now()}
    )
    return data


def stored_snapshot() -> dict:
    row = FrontPageSnapshot.objects.filter(key=SNAPSHOT_KEY).first()
    # Before the first publication through the pipeline (a fresh install, a test), build it.
    return row.data if row is not None else rebuild()


def rebuild_step(page, page_id) -> str:
    rebuild()
    return gettext_noop("front page rebuilt")


REBUILD = Step("front page", Stage.SNAPSHOTS, rebuild_step)


@dataclass
class Rail:
    topic: Tag
    interview_count: int
    interviews: list


@dataclass
class SectionFront:
    section: object
    interviews: list


@dataclass
class FrontPage:
    lead: object | None
    latest: list
    sections: list[SectionFront] = field(default_factory=list)
    rails: list[Rail] = field(default_factory=list)
    people: list = field(default_factory=list)


def front_page(home) -> FrontPage:
    data = stored_snapshot()
    live = readable()
    latest_ids = list(
        live.order_by("-first_published_at", "-pk").values_list("pk", flat=True)[:LATEST_ON_HOME]
    )
    lead_id = home.lead_interview_id
    rail_ids = {pk for rail in data["topics"] for pk in rail["latest"]}
    section_ids = {pk for front in data["sections"] for pk in front["latest"]}
    wanted = {*latest_ids, *rail_ids, *section_ids} | ({lead_id} if lead_id else set())
    # Readable is checked again here: the snapshot may be a moment older than an unpublish.
    pages = live.filter(pk__in=wanted).defer_streamfields().prefetch_cards().in_bulk()

    lead = pages.get(lead_id) if lead_id else None
    ordered = [pages[pk] for pk in latest_ids if pk in pages]
    if lead is None and ordered:
        lead = ordered[0]
    latest = [page for page in ordered if page is not lead][: LATEST_ON_HOME - 1]

    tags = Tag.objects.in_bulk([rail["tag"] for rail in data["topics"]])
    rails = [
        Rail(
            tags[rail["tag"]],
            rail["interviews"],
            [pages[pk] for pk in rail["latest"] if pk in pages],
        )
        for rail in data["topics"]
        if rail["tag"] in tags
    ]
    people_by_id = (
        Person.objects.filter(pk__in=[row["person"] for row in data["people"]])
        .select_related("photo")
        .prefetch_related("photo__renditions")
        .in_bulk()
    )
    people = []
    for row in data["people"]:
        person = people_by_id.get(row["person"])
        if person is not None:
            person.interview_count = row["interviews"]
            people.append(person)
    sections_by_id = InterviewIndexPage.objects.live().in_bulk(
        [front["section"] for front in data["sections"]]
    )
    sections = [
        SectionFront(
            sections_by_id[front["section"]], [pages[pk] for pk in front["latest"] if pk in pages]
        )
        for front in data["sections"]
        if front["section"] in sections_by_id
    ]
    return FrontPage(lead=lead, latest=latest, sections=sections, rails=rails, people=people)
