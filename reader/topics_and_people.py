"""Public topic and person pages: interviews, and what was said, across the whole archive.

Plain Django views rather than Wagtail pages: topics and people are not edited as pages,
and a view costs no page tree. Only live interviews without view restrictions are ever
shown (`InterviewPage.objects.readable()`), so drafts, expired and private pages cannot
leak through here.
"""

from dataclasses import dataclass

from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from taggit.models import Tag

from interviews import listing_counts
from interviews.alphabet import alphabetical
from interviews.anchors import short_anchor
from interviews.lookups import AnyOf
from interviews.models import (
    RELATED_LINK_FIELDS,
    ExchangeExcerpt,
    ExchangeTopic,
    InterviewPage,
    InterviewPerson,
    Person,
    on_topic_q,
    readable_ids_by_date,
)
from interviews.pagination import CountedPaginator
from reader import seo

INTERVIEWS_PER_PAGE = 10
ANSWERS_PER_PAGE = 10


@dataclass(frozen=True)
class QuotedAnswer:
    """One exchange quoted out of its interview, on a topic page or a person page: not the
    exchange itself (interviews.exchange.Exchange) but its stored excerpt
    (interviews.ExchangeExcerpt) with the interview it links back to."""

    interview: InterviewPage
    anchor: str
    question: str
    excerpt: str
    speakers: tuple[Person, ...] = ()

    @property
    def short_id(self) -> str:
        return short_anchor(self.anchor)


def topic_counts() -> list[tuple[Tag, int, int]]:
    """Every topic readers can reach, with its interview and answer counts, by name (the
    counts from the publishing pipeline: interviews.listing_counts)."""
    counts = listing_counts.stored("topics")
    tags = Tag.objects.in_bulk([listing_counts.key_of(key) for key in counts])
    rows = [(tags[int(listing_counts.key_of(key))], *n) for key, n in counts.items()]
    return sorted(rows, key=lambda row: alphabetical(row[0].name))


@require_safe
def topic_index(request):
    return render(request, "interviews/topic_index.html", {"topics": topic_counts()})


@require_safe
def topic(request, slug):
    # Any topic by its slug: one with nothing readable has two empty lists, and 404s below.
    # (readable_topics() here hashed every readable topic row of the archive: 0.1 s.)
    # With its description and image, if it has them, in the same query.
    tag = get_object_or_404(Tag.objects.select_related("profile__image"), slug=slug)
    interview_count, answer_count = listing_counts.stored("topics", tag.pk) or (None, None)
    interview_page = CountedPaginator(
        readable_ids_by_date(on_topic_q(tag)),
        INTERVIEWS_PER_PAGE,
        interview_count,
        load=InterviewPage.objects.defer_streamfields().cards,
    ).get_page(request.GET.get("page"))
    answer_page = CountedPaginator(TopicAnswers(tag), ANSWERS_PER_PAGE, answer_count).get_page(
        request.GET.get("answers")
    )
    if not interview_page.object_list and not answer_page.object_list:
        raise Http404("No published interview on this topic")
    answer_page.object_list = answers_for(list(answer_page.object_list))
    profile = getattr(tag, "profile", None)
    return render(
        request,
        "interviews/topic.html",
        {"topic": tag, "profile": profile, "interviews": interview_page, "answers": answer_page},
    )


@dataclass(frozen=True)
class TopicAnswers:
    """A topic's answers as (page id, anchor), newest interview first, for the paginator.

    A slice reads only as many interviews as it reaches, newest first (each holds at
    least one answer on the topic), then their answers on it: the cost grows with the
    page number, not with the topic. Ordering every answer of the largest topic by its
    interview's date cost 170 ms a request.
    """

    tag: Tag

    def count(self) -> int:
        """Only for a topic the pipeline has not counted yet (interviews.listing_counts)."""
        readable = InterviewPage.objects.readable().values("pk")
        return ExchangeTopic.objects.filter(tag=self.tag, content_object__in=readable).count()

    def __getitem__(self, window: slice) -> list[tuple[int, str]]:
        on_topic = ExchangeTopic.objects.filter(tag=self.tag)
        page_ids = list(
            readable_ids_by_date(Q(pk__in=on_topic.values("content_object")))[: window.stop]
        )
        position = {pk: n for n, pk in enumerate(page_ids)}
        rows = sorted(
            on_topic.filter(content_object__in=page_ids).values_list(
                "content_object", "block_id", "pk"
            ),
            key=lambda row: (position[row[0]], row[2]),
        )
        return [(page_id, anchor) for page_id, anchor, _ in rows][window]


def answers_for(rows: list[tuple[int, str]]) -> list[QuotedAnswer]:
    """(page id, anchor) pairs as Answers, in two queries whatever their number: the stored
    excerpts with their pages (only what the answer shows of its interview), then the
    speakers."""
    excerpts = {
        (excerpt.page_id, excerpt.block_id): excerpt
        for excerpt in ExchangeExcerpt.objects.filter(
            page__in={pk for pk, _ in rows}, block_id__in={anchor for _, anchor in rows}
        )
        .select_related("page")
        .only(
            "page_id",
            "block_id",
            "question",
            "excerpt",
            "speaker_ids",
            *(f"page__{name}" for name in RELATED_LINK_FIELDS),
        )
    }
    found = [excerpts[row] for row in rows if row in excerpts]
    ids = {pk for excerpt in found for pk in excerpt.speaker_ids}
    people = Person.objects.in_bulk(ids) if ids else {}
    return [
        QuotedAnswer(
            interview=excerpt.page,
            anchor=excerpt.block_id,
            question=excerpt.question,
            excerpt=excerpt.excerpt,
            speakers=tuple(people[pk] for pk in excerpt.speaker_ids if pk in people),
        )
        for excerpt in found
    ]


def answers_by(person: Person, interviews: list[InterviewPage]) -> dict[int, list[QuotedAnswer]]:
    """What `person` said in each of these interviews, by page id, in one query: the
    answers stored as theirs (interviews/exchange_excerpts.py)."""
    by_pk = {interview.pk: interview for interview in interviews}
    said = {}
    # jsonb containment: an exchange with an answer [person id, excerpt] among its answers.
    for excerpt in (
        ExchangeExcerpt.objects.filter(page__in=by_pk, answers__contains=[[person.pk]])
        .order_by("page", "position")
        .only("page_id", "block_id", "question", "answers")
    ):
        said.setdefault(excerpt.page_id, []).extend(
            QuotedAnswer(
                by_pk[excerpt.page_id], excerpt.block_id, excerpt.question, text, (person,)
            )
            for speaker_id, text in excerpt.answers
            if speaker_id == person.pk
        )
    return said


@require_safe
def person_index(request):
    """Everyone readers can reach, by name: (link, name, role) each."""
    ids = [int(listing_counts.key_of(key)) for key in listing_counts.stored("people")]
    people = Person.objects.filter(AnyOf(F("pk"), ids))
    # Each link from the index's own address: reverse() per person (758 in the bench
    # corpus) cost more than the rest of the page. The person URL is the index's + slug.
    base = reverse("person_index")
    rows = sorted(people.values_list("slug", "name", "role"), key=lambda row: alphabetical(row[1]))
    links = [(f"{base}{slug}/", name, role) for slug, name, role in rows]
    return render(request, "interviews/person_index.html", {"people": links})


@dataclass(frozen=True)
class Appearance:
    interview: InterviewPage
    part: str
    answers: list[QuotedAnswer]


def part_of(person: Person, interview: InterviewPage) -> str:
    """The person's part in the interview: the first of theirs among its people (the cards
    have them prefetched)."""
    return next(row.part for row in interview.interview_people.all() if row.person_id == person.pk)


@require_safe
def person(request, slug):
    # Readable only through its interviews, found below: a person none of whose interviews
    # readers may open is not found. (Person.objects.readable() here cost a tenth of the
    # page's CPU, building the same readability condition a second time.)
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    interview_count = listing_counts.stored("people", person.pk)
    # The person's interviews as a list of ids: as a subquery, a fresh database's planner
    # (no statistics) joined it by comparing each of them with every page (2 s).
    appears_in = list(InterviewPerson.objects.filter(person=person).values_list("page", flat=True))
    interviews = readable_ids_by_date(AnyOf(F("pk"), appears_in))
    page = CountedPaginator(
        interviews,
        INTERVIEWS_PER_PAGE,
        interview_count,
        load=InterviewPage.objects.defer_streamfields().cards,
    ).get_page(request.GET.get("page"))
    if not page.object_list:
        raise Http404("No published interview with this person")
    if interview_count is None:
        interview_count = page.paginator.count
    said = answers_by(person, page.object_list)
    appearances = [
        Appearance(interview, part_of(person, interview), said.get(interview.pk, []))
        for interview in page.object_list
    ]
    page.object_list = appearances
    url = request.build_absolute_uri(request.path)
    person_data = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "mainEntity": seo.person_ld(person, url),
    }
    return render(
        request,
        "interviews/person.html",
        {
            "person": person,
            "appearances": page,
            "interview_count": interview_count,
            "person_data": person_data,
        },
    )
