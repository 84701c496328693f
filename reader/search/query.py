"""Searching the readers' index: interviews, the answers in them, and people.

A query is read into words, each a set of forms (reader.search.word_forms); a text
matches a word when it holds any of its forms, and an interview matches when it matches
every word. When no interview matches them all, interviews matching any of them are
given instead (ranked by how much they match), and the page says so.

What a reader may see comes from one place: the querysets passed in, which the view
takes from interviews.models (InterviewPage.objects.readable(), Person.objects.readable()).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import Count, F
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from wagtail.models import Page

from interviews.models import InterviewPage, InterviewPageTag, InterviewPerson, Person
from interviews.stored_exchange import answers_html
from reader.search.highlight import highlighted, snippet
from reader.search.indexing import rich_text
from reader.search.models import AnswerSearchEntry, InterviewSearchEntry, PersonSearchEntry
from reader.search.similar_words import similar_terms
from reader.search.word_forms import query_terms

# Enough for any reader who pages through results; bounds the work of one search.
MAX_RESULTS = 500
# How many matching interviews are ranked at most (see ranked_interviews).
CANDIDATES = 400
# The filters offer the topics, people and years of this many of the best results.
FACET_RESULTS = 200
MAX_PEOPLE = 10
# People whose names match, at most, before readability (a surname many people share).
PEOPLE_CANDIDATES = 1000
# Fewer interviews than this found by the words as typed: words spelt like them are tried
# too (reader.search.similar_words), a fallback for names typed slightly wrong.
SIMILAR_BELOW = 3
ANSWERS_PER_INTERVIEW = 3
MAX_QUERY_WORDS = 12
FACET_SIZE = 12
# ts_rank's normalisation 1: divide by 1 + log(length), so a long interview that
# mentions a word in passing does not outrank a short one about it.
RANK_NORMALISATION = 1


def tsquery(terms: list[frozenset[str]], every_word: bool, weights: str = "") -> str:
    """PostgreSQL tsquery text; tokens are quoted, so no input can change its syntax.

    `weights` ("A"): match only tokens of that weight (the heading).
    """

    def quoted(token: str) -> str:
        escaped = token.replace("\\", "\\\\").replace("'", "''")
        return f"'{escaped}'" + (f":{weights}" if weights else "")

    groups = ["(" + " | ".join(quoted(t) for t in sorted(forms)) + ")" for forms in terms]
    return (" & " if every_word else " | ").join(groups)


def search_query(terms, every_word: bool, weights: str = "") -> SearchQuery:
    return SearchQuery(tsquery(terms, every_word, weights), search_type="raw", config="simple")


@dataclass
class Filters:
    topic: str = ""  # a topic slug
    person: str = ""  # a person slug
    year: int | None = None

    def apply(self, interviews):
        if self.topic:
            interviews = interviews.with_topic(self.topic)
        if self.person:
            interviews = interviews.with_person(self.person)
        if self.year:
            interviews = interviews.filter(first_published_at__year=self.year)
        return interviews

    @property
    def any(self) -> bool:
        return bool(self.topic or self.person or self.year)


@dataclass
class Found:
    """What a query finds, before a page of it is shown."""

    terms: list[frozenset[str]]
    interview_ids: list[int] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    every_word: bool = True  # False: no interview had every word; these have some
    similar: bool = False  # True: words spelt like the query's were searched as well
    many: bool = False  # True: more interviews match than were ranked (see ranked_interviews)

    @property
    def wanted(self) -> frozenset[str]:
        return frozenset().union(*self.terms) if self.terms else frozenset()


def find(text: str, readable_interviews, readable_people, filters: Filters) -> Found:
    terms = query_terms(text)[:MAX_QUERY_WORDS]
    found = Found(terms)
    if not terms:
        return found
    interviews = filters.apply(readable_interviews).values("pk")
    found.interview_ids, found.many = ranked_interviews(terms, interviews, every_word=True)
    if len(found.interview_ids) < SIMILAR_BELOW:
        widened = similar_terms(terms)
        if widened != terms:
            more, many = ranked_interviews(widened, interviews, every_word=True)
            if len(more) > len(found.interview_ids):
                found.terms, found.interview_ids, found.similar = widened, more, True
                found.many = many
    if not found.interview_ids and len(terms) > 1:
        found.every_word = False
        found.interview_ids, found.many = ranked_interviews(
            found.terms, interviews, every_word=False
        )
    if not filters.any:
        # People by their names only: a role or an organisation naming a word is no match.
        query = search_query(found.terms, every_word=True, weights="A")
        # The people named first, then readability on those only (given every readable
        # person, the planner built them all: a second at 100,000 interviews).
        named = id_array(
            list(
                PersonSearchEntry.objects.filter(vector=query).values_list("pk", flat=True)[
                    :PEOPLE_CANDIDATES
                ]
            )
        )
        found.people = [
            entry.person
            for entry in PersonSearchEntry.objects.filter(
                pk__in=named, person__in=readable_people.filter(pk__in=named).values("pk")
            )
            .select_related("person")
            .defer("heading_tokens", "text_tokens", "vector")
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "person__name")[:MAX_PEOPLE]
        ]
    return found


def id_array(ids: list[int]) -> RawSQL:
    """Ids as one array parameter, for `__in`: a list of hundreds of ids cost Django and
    psycopg a conversion per id, a third of a results page's CPU time. The planner expects
    a short list from unnest, so it looks the rows up by key whatever the statistics."""
    return RawSQL("SELECT unnest(%s::integer[])", [ids])


def ranked_interviews(terms, interviews, every_word: bool) -> tuple[list[int], bool]:
    """Interview ids, best first, and whether more interviews match than were ranked.

    Ranking reads each matching interview's whole vector, which for a word most
    interviews contain would be most of the index. So at most 2 × CANDIDATES are ranked:
    those with the words in their heading (title, people, topics), and the newest of
    those with them anywhere. A common word then finds the latest interviews with it.
    Nothing counts all the matches: a heading match is also a match anywhere, so when
    fewer than CANDIDATES match anywhere, every match was ranked; otherwise there are
    more, and the page says "many" instead of a number.
    """
    query = search_query(terms, every_word)
    newest = F("published_at").desc(nulls_last=True)
    entries = InterviewSearchEntry.objects
    with transaction.atomic(), connection.cursor() as cursor:
        # The heap rows are narrow (the vectors are in TOAST), so the planner finds a
        # scan of the whole table, or of its primary key, cheap; it does not count that
        # testing each row's vector means reading it from TOAST. The GIN indexes answer
        # without reading any vector. On PostgreSQL before 18 a disabled plan is costed
        # 10^10, which would set off JIT compilation (a second and more): off too.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL jit = off")
        candidates = list(
            entries.filter(heading_vector=query)
            .order_by(newest)
            .values_list("pk", flat=True)[:CANDIDATES]
            .union(
                entries.filter(vector=query)
                .order_by(newest)
                .values_list("pk", flat=True)[:CANDIDATES]
            )
        )
    if not candidates:
        return [], False
    # A statement of its own, so the planner sees a short list of ids, and readability is
    # checked on those by primary key (given the readable pages of the whole site, it
    # built them all first: a cost that grows with the site).
    ranked = list(
        entries.filter(
            pk__in=id_array(candidates), page__in=interviews.filter(pk__in=id_array(candidates))
        )
        .annotate(rank=SearchRank(F("vector"), query, normalization=RANK_NORMALISATION))
        .order_by("-rank", "-published_at", "-page")
        .values_list("page", flat=True)[:MAX_RESULTS]
    )
    return ranked, len(candidates) >= CANDIDATES


@dataclass(frozen=True)
class AnswerHit:
    anchor: str
    question: str  # HTML: escaped, matches marked
    snippet: str  # HTML


@dataclass(frozen=True)
class InterviewHit:
    interview: InterviewPage
    title: str  # HTML
    snippet: str  # HTML: the lede, or the intro where the words are
    answers: list[AnswerHit]


def matching_answers(page_ids: list[int], found: Found) -> dict[int, list[str]]:
    """The best answers of each interview, by anchor: every word if any has them all."""
    best: dict[int, list[str]] = defaultdict(list)
    for every_word in (True, False):
        missing = [pk for pk in page_ids if pk not in best]
        if not missing:
            break
        query = search_query(found.terms, every_word)
        rows = (
            AnswerSearchEntry.objects.filter(page__in=missing, vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("page", "-rank", "pk")
            .values_list("page", "anchor")
        )
        for page_id, anchor in rows:
            if len(best[page_id]) < ANSWERS_PER_INTERVIEW:
                best[page_id].append(anchor)
    return best


def interview_hits(page_ids: list[int], found: Found) -> list[InterviewHit]:
    """One page of results: the interviews, each with its matching answers marked."""
    pages = InterviewPage.objects.filter(pk__in=page_ids).prefetch_people().in_bulk()
    anchors = matching_answers([pk for pk in page_ids if pk in pages], found)
    wanted = found.wanted
    hits = []
    for pk in page_ids:
        page = pages.get(pk)
        if page is None:
            continue
        exchanges = {
            item["id"]: item.get("value") or {}
            for item in page.body.raw_data
            if item.get("type") == "exchange" and item.get("id")
        }
        answers = []
        for anchor in anchors.get(pk, []):
            value = exchanges.get(anchor)
            if value is None:
                continue
            text, _matched = snippet(rich_text(answers_html(value)), wanted)
            answers.append(AnswerHit(anchor, highlighted(value.get("question", ""), wanted), text))
        lede, _matched = snippet(page.lede, wanted, size=40)
        hits.append(InterviewHit(page, highlighted(page.title, wanted), lede, answers))
    return hits


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


def facets(page_ids: list[int]) -> dict[str, list[Facet]]:
    """The topics, people and years of the best results: the choices of the filters."""
    page_ids = id_array(page_ids[:FACET_RESULTS])
    topics = (
        InterviewPageTag.objects.filter(content_object__in=page_ids)
        .values_list("tag__slug", "tag__name")
        .annotate(n=Count("content_object"))
        .order_by("-n", "tag__name")[:FACET_SIZE]
    )
    people = (
        InterviewPerson.objects.filter(page__in=page_ids, part=InterviewPerson.Part.INTERVIEWEE)
        .values_list("person__slug", "person__name")
        .annotate(n=Count("page", distinct=True))
        .order_by("-n", "person__name")[:FACET_SIZE]
    )
    # From the page table itself: through InterviewPage, the ids would filter the joined
    # table, and the page table would be scanned whole.
    years = (
        Page.objects.filter(pk__in=page_ids, first_published_at__isnull=False)
        .annotate(year=ExtractYear("first_published_at"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    return {
        "topic": [Facet(slug, name, n) for slug, name, n in topics],
        "person": [Facet(slug, name, n) for slug, name, n in people],
        "year": [Facet(str(year), str(year), n) for year, n in years],
    }
