"""Searching the readers' index: interviews, the answers in them, and people.

A query is read into words, each a set of forms (reader.search.word_forms); a text
matches a word when it holds any of its forms, and an interview matches when it matches
every word. When no interview matches them all, interviews matching any of them are
given instead (ranked by how much they match), and the page says so.

What a reader may see comes from one place: InterviewPage.objects.readable() and
Person.objects.readable() (interviews.models). Their SQL is compiled by Django once per
process (and set of filters), with expiry judged by each statement's own clock, and the
statements here, written by hand, take it as it is: building those conditions with the
ORM for every search cost more Python time than the statements took to run.
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection, transaction
from django.db.models.expressions import RawSQL
from django.db.models.functions import Now
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, Site

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


def table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@dataclass(frozen=True)
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


def find(text: str, filters: Filters) -> Found:
    terms = query_terms(text)[:MAX_QUERY_WORDS]
    found = Found(terms)
    if not terms:
        return found
    found.interview_ids, found.many = ranked_interviews(terms, filters, every_word=True)
    if len(found.interview_ids) < SIMILAR_BELOW:
        widened = similar_terms(terms)
        if widened != terms:
            more, many = ranked_interviews(widened, filters, every_word=True)
            if len(more) > len(found.interview_ids):
                found.terms, found.interview_ids, found.similar = widened, more, True
                found.many = many
    if not found.interview_ids and len(terms) > 1:
        found.every_word = False
        found.interview_ids, found.many = ranked_interviews(found.terms, filters, every_word=False)
    if not filters.any:
        found.people = people_named(found.terms)
    return found


class Ids:
    """Stands for a statement's ids in SQL compiled once and kept (readable_among): each
    statement puts its own ids in its place (with_ids). Never sent to the database."""

    def __deepcopy__(self, memo):
        return self  # Django copies expressions as it builds a query; this must stay itself


IDS = Ids()


def id_array(ids) -> RawSQL:
    """Ids as one array parameter, for `__in`: a list of hundreds of ids cost Django and
    psycopg a conversion per id, a third of a results page's CPU time. The planner expects
    a short list from unnest, so it looks the rows up by key whatever the statistics."""
    return RawSQL("SELECT unnest(%s::integer[])", [ids])


def with_ids(params, ids: list[int]) -> list:
    return [ids if param is IDS else param for param in params]


@lru_cache(maxsize=256)
def readable_interviews_among(filters: Filters) -> tuple[str, tuple]:
    """SQL of the interviews, among the ids IDS stands for, that a reader may open and the
    filters keep: a SELECT of their ids, and its parameters.

    A statement's own list of ids, so the planner checks readability on those by primary
    key (given the readable pages of the whole site, it built them all first: a cost
    that grows with the site).
    """
    interviews = filters.apply(InterviewPage.objects.readable(now=Now()))
    # Unordered, as Django leaves a subquery of `__in`: sorted, the planner would not
    # merge it into the statement and would scan the whole index table to join it.
    among = interviews.filter(pk__in=id_array(IDS)).order_by().values("pk")
    return among.query.sql_with_params()


@lru_cache(maxsize=1)
def readable_people_among() -> tuple[str, tuple]:
    """SQL of the people, among the ids IDS stands for, in an interview a reader may open."""
    people = Person.objects.readable(now=Now())
    return people.filter(pk__in=id_array(IDS)).order_by().values("pk").query.sql_with_params()


def ranked_interviews(terms, filters: Filters, every_word: bool) -> tuple[list[int], bool]:
    """Interview ids, best first, and whether more interviews match than were ranked.

    Ranking reads each matching interview's whole vector, which for a word most
    interviews contain would be most of the index. So at most 2 × CANDIDATES are ranked:
    those with the words in their heading (title, people, topics), and the newest of
    those with them anywhere. A common word then finds the latest interviews with it.
    Nothing counts all the matches: a heading match is also a match anywhere, so when
    fewer than CANDIDATES match anywhere, every match was ranked; otherwise there are
    more, and the page says "many" instead of a number.
    """
    query = tsquery(terms, every_word)
    entries = table(InterviewSearchEntry)
    with transaction.atomic(), connection.cursor() as cursor:
        # The heap rows are narrow (the vectors are in TOAST), so the planner finds a
        # scan of the whole table, or of its primary key, cheap; it does not count that
        # testing each row's vector means reading it from TOAST. The GIN indexes answer
        # without reading any vector. On PostgreSQL before 18 a disabled plan is costed
        # 10^10, which would set off JIT compilation (a second and more): off too.
        cursor.execute(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL jit = off"
        )
        cursor.execute(
            f"""
            (SELECT page_id FROM {entries}
             WHERE heading_vector @@ to_tsquery('simple', %s)
             ORDER BY published_at DESC NULLS LAST LIMIT %s)
            UNION
            (SELECT page_id FROM {entries}
             WHERE vector @@ to_tsquery('simple', %s)
             ORDER BY published_at DESC NULLS LAST LIMIT %s)
            """,
            [query, CANDIDATES, query, CANDIDATES],
        )
        candidates = [pk for (pk,) in cursor.fetchall()]
    if not candidates:
        return [], False
    # A statement of its own, so the planner sees a short list of ids.
    readable, params = readable_interviews_among(filters)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT page_id FROM {entries}
            WHERE page_id IN (SELECT unnest(%s::integer[])) AND page_id IN ({readable})
            ORDER BY ts_rank(vector, to_tsquery('simple', %s), %s) DESC,
                published_at DESC, page_id DESC
            LIMIT %s
            """,
            [candidates, *with_ids(params, candidates), query, RANK_NORMALISATION, MAX_RESULTS],
        )
        ranked = [pk for (pk,) in cursor.fetchall()]
    return ranked, len(candidates) >= CANDIDATES


def people_named(terms) -> list[Person]:
    """People by their names only: a role or an organisation naming a word is no match.

    The people named first, then readability on those only (given every readable person,
    the planner built them all: a second at 100,000 interviews).
    """
    query = tsquery(terms, every_word=True, weights="A")
    entries = table(PersonSearchEntry)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_id FROM {entries} WHERE vector @@ to_tsquery('simple', %s) LIMIT %s",
            [query, PEOPLE_CANDIDATES],
        )
        named = [pk for (pk,) in cursor.fetchall()]
    if not named:
        return []
    readable, params = readable_people_among()
    return list(
        Person.objects.raw(
            f"""
            SELECT person.* FROM {entries} entry
            JOIN {table(Person)} person ON person.id = entry.person_id
            WHERE entry.person_id IN (SELECT unnest(%s::integer[]))
                AND entry.person_id IN ({readable})
            ORDER BY ts_rank(entry.vector, to_tsquery('simple', %s)) DESC, person.name
            LIMIT %s
            """,
            [named, *with_ids(params, named), query, MAX_PEOPLE],
        )
    )


@dataclass(frozen=True)
class AnswerHit:
    anchor: str
    question: str  # HTML: escaped, matches marked
    snippet: str  # HTML


@dataclass(frozen=True)
class InterviewHit:
    # Only what a result shows is loaded: title, URL, date (any other field is loaded on
    # first use, a query each).
    interview: InterviewPage
    url: str | None  # the interview's link (see link)
    title: str  # HTML
    snippet: str  # HTML: the lede where the words are
    interviewees: list[str]  # their names
    answers: list[AnswerHit]


# The stored value of the exchange with the answer's anchor (its block id), out of the
# page's body: only the answers shown are sent and decoded, not whole bodies.
EXCHANGE_PATH = '$[*] ? (@.type == "exchange" && @.id == $anchor).value'


def link(page: InterviewPage, one_site: bool, request=None) -> str | None:
    """The page's link, as Wagtail's get_url(request) gives it.

    When one site serves every host name (`one_site`) the link is the path, whatever the
    request's site; get_url would look that site up all the same (an ORM query: 3 ms of
    CPU, a tenth of a results page).
    """
    if not one_site:
        return page.get_url(request)
    parts = page.get_url_parts(request)
    return parts[2] if parts else None


def interview_hits(page_ids: list[int], found: Found, request=None) -> list[InterviewHit]:
    """One page of results: the interviews, each with its best answers, the words marked.

    One statement: each page with its interviewees and its best ANSWERS_PER_INTERVIEW
    answers, those with every word if any has them all (each ranked on the query it
    matches).
    """
    every, some = tsquery(found.terms, every_word=True), tsquery(found.terms, every_word=False)
    pages = table(InterviewPage)
    sql = f"""
        SELECT interview.page_ptr_id, page.id, page.title, page.url_path,
            page.first_published_at, interview.lede,
            ARRAY(
                SELECT person.name FROM {table(InterviewPerson)} part
                JOIN {table(Person)} person ON person.id = part.person_id
                WHERE part.page_id = interview.page_ptr_id AND part.part = %s
                ORDER BY part.sort_order
            ) AS interviewee_names,
            (
                SELECT jsonb_agg(jsonb_build_array(
                    best.anchor, best.every_word,
                    jsonb_path_query_first(
                        interview.body, '{EXCHANGE_PATH}', jsonb_build_object('anchor', best.anchor)
                    )
                ) ORDER BY best.every_word DESC, best.rank DESC, best.id)
                FROM (
                    SELECT answer.id, answer.anchor, answer.every_word,
                        ts_rank(answer.vector, CASE WHEN answer.every_word
                            THEN to_tsquery('simple', %s) ELSE to_tsquery('simple', %s) END
                        ) AS rank
                    FROM (
                        SELECT id, anchor, vector, vector @@ to_tsquery('simple', %s) AS every_word
                        FROM {table(AnswerSearchEntry)}
                        WHERE page_id = interview.page_ptr_id
                            AND vector @@ to_tsquery('simple', %s)
                    ) answer
                    ORDER BY answer.every_word DESC, rank DESC, answer.id
                    LIMIT %s
                ) best
            ) AS best_answers
        FROM {pages} interview JOIN {table(Page)} page ON page.id = interview.page_ptr_id
        WHERE interview.page_ptr_id IN (SELECT unnest(%s::integer[]))
    """
    params = [
        InterviewPerson.Part.INTERVIEWEE.value,
        every,
        some,
        every,
        some,
        ANSWERS_PER_INTERVIEW,
        page_ids,
    ]
    found_pages = {page.pk: page for page in InterviewPage.objects.raw(sql, params)}
    one_site = len(Site.get_site_root_paths()) == 1  # kept in Django's cache by Wagtail
    wanted = found.wanted
    hits = []
    for pk in page_ids:
        page = found_pages.get(pk)
        if page is None:
            continue
        # Django's connection leaves jsonb undecoded (its JSONField decodes it).
        best = json.loads(page.best_answers) if page.best_answers else []
        if best and best[0][1]:  # some answer has every word: only those
            best = [answer for answer in best if answer[1]]
        answers = []
        for anchor, _every_word, value in best:
            if value is None:
                continue
            text, _matched = snippet(rich_text(answers_html(value)), wanted)
            answers.append(AnswerHit(anchor, highlighted(value.get("question", ""), wanted), text))
        lede, _matched = snippet(page.lede, wanted, size=40)
        hits.append(
            InterviewHit(
                page,
                link(page, one_site, request),
                highlighted(page.title, wanted),
                lede,
                page.interviewee_names,
                answers,
            )
        )
    return hits


@dataclass(frozen=True)
class Facet:
    value: str
    label: str
    count: int


def facets(page_ids: list[int]) -> dict[str, list[Facet]]:
    """The topics, people and years of the best results: the choices of the filters.

    One statement of three parts, each given the ids as its own short list (a list the
    planner looks up by key, see id_array). Years are read from the page table itself:
    joined with the interview table, the ids would filter the joined table, and the page
    table would be scanned whole.
    """
    ids = page_ids[:FACET_RESULTS]
    sql = f"""
        (SELECT 'topic', tag.slug, tag.name, count(*),
            row_number() OVER (ORDER BY count(*) DESC, tag.name)
         FROM {table(InterviewPageTag)} topic JOIN {table(Tag)} tag ON tag.id = topic.tag_id
         WHERE topic.content_object_id IN (SELECT unnest(%s::integer[]))
         GROUP BY tag.slug, tag.name ORDER BY 5 LIMIT %s)
        UNION ALL
        (SELECT 'person', person.slug, person.name, count(DISTINCT part.page_id),
            row_number() OVER (ORDER BY count(DISTINCT part.page_id) DESC, person.name)
         FROM {table(InterviewPerson)} part JOIN {table(Person)} person
            ON person.id = part.person_id
         WHERE part.page_id IN (SELECT unnest(%s::integer[])) AND part.part = %s
         GROUP BY person.slug, person.name ORDER BY 5 LIMIT %s)
        UNION ALL
        (SELECT 'year', year::text, year::text, n, row_number() OVER (ORDER BY year DESC)
         FROM (
            SELECT EXTRACT(YEAR FROM first_published_at AT TIME ZONE %s)::integer AS year,
                count(*) AS n
            FROM {table(Page)}
            WHERE id IN (SELECT unnest(%s::integer[])) AND first_published_at IS NOT NULL
            GROUP BY 1
         ) years)
    """
    params = [
        ids,
        FACET_SIZE,
        ids,
        InterviewPerson.Part.INTERVIEWEE.value,
        FACET_SIZE,
        timezone.get_current_timezone_name(),
        ids,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = sorted(cursor.fetchall(), key=lambda row: row[4])
    choices: dict[str, list[Facet]] = {"topic": [], "person": [], "year": []}
    for kind, value, label, count, _order in rows:
        choices[kind].append(Facet(value, label, count))
    return choices
