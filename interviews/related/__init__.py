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

Everything here is plain Python and portable SQL (run on PostgreSQL, the one engine);
Celery tasks, the admin and the management commands only call it.
"""

import functools
import heapq
import html
import math
import multiprocessing
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

import snowballstemmer
from django.db import connection, connections, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from wagtail.models import Page

from interviews.models import (
    InterviewPage,
    InterviewPageTag,
    InterviewPerson,
    RelatedChoice,
    RelatedLink,
    RelatedTerm,
    RelatedTermCount,
    readable_q,
)

# What a page is indexed by.
WORDS_PER_PAGE = 40  # its most frequent stems; enough to tell a story apart, few index rows
TITLE_WEIGHT = 3  # a word in the title counts as three in the body
LEDE_WEIGHT = 2
TOPIC, PERSON, SCRIPT = "topic:", "person:", "script:"  # a stem never holds a colon
ALL_PAGES = "*"  # the count of this key is the number of indexed pages, N
INSERT_ROWS = 1000  # index rows per INSERT statement (a statement takes 65,535 parameters)

# How candidates are found.
POSTINGS_BUDGET = 1000  # index rows read to find candidates, whatever the corpus size
CANDIDATES_SCORED = 30  # the most promising of them get a full score
# A feature on so many pages that its rarity is below this says nothing about a story
# (on more than about a fifth of them at 10,000 articles): not followed, scored or named.
NOISE_RARITY = 0.15

# What is kept.
AUTO_LINKS_KEPT = 10  # per page; readers see five, pins first, so there are spares
MIN_SCORE = 0.15  # below this an article is not related, it merely exists
REASON_WORDS = 3


@dataclass(frozen=True)
class Weights:
    """How the signals are blended. Each signal is 0..1; so is the blend."""

    topics: float
    people: float
    wording: float
    # Time between the two articles: a score keeps recency_floor of itself however far
    # apart they are, and loses half of the rest every half_life_days.
    recency_floor: float = 1.0
    half_life_days: float = 365.0


# Tuned on the evaluation set in tests/fixtures/related/ (docs/related.md, "Evaluation").
BLEND = Weights(topics=0.25, people=0.15, wording=0.6, recency_floor=0.8, half_life_days=365)
# The usual "count shared tags" approach, rarity-weighted; the baseline the blend must beat.
TOPICS_ONLY = Weights(topics=1.0, people=0.0, wording=0.0)

# How quickly each signal saturates: 1 - exp(-evidence / scale).
TOPIC_SCALE = 1.0  # one shared topic of rarity 0.7 → 0.5, two → 0.75
PEOPLE_SCALE = 1.0
WORDING_SCALE = 0.1  # a wording overlap (see Scorer.add) of 0.1 → 0.63


@dataclass(frozen=True)
class Feature:
    key: str  # "порт", "topic:каспий", "person:12"
    label: str  # what an editor reads: "портов", "Каспий", "Ерлан Сатпаев"
    weight: float  # words: share of the page's indexed words; topics and people: 1


def kind_of(key: str) -> str:
    if key.startswith(TOPIC):
        return "topic"
    if key.startswith(PERSON):
        return "person"
    if key.startswith(SCRIPT):
        return "script"
    return "word"


def script_of(word: str) -> str:
    return "cyrillic" if "\u0400" <= word[0] <= "\u04ff" else "latin"


@dataclass(frozen=True)
class Suggestion:
    page_id: int
    score: float
    explain: Callable[[], str] = field(repr=False, compare=False)

    @functools.cached_property
    def reasons(self) -> str:
        """Worded only for the suggestions that get stored: most are merely compared."""
        return self.explain()


# Text → word features. Pure functions: no database.

WORD = re.compile(r"[^\W\d_]{3,40}")  # letters only; longer "words" are noise
TAG = re.compile(r"<[^>]+>")
# Words too common to tell one story from another (matched before and after stemming).
STOP_WORDS_TEXT = """
    без более бы был была были было быть вам вас весь во вот все всего всех всё вы где да даже
    для до его ее её если есть еще ещё же за здесь из или им их как какой какая какие когда
    кто ли либо меня мне много может можно мой мы на над надо наш не него нее неё нет ни них
    но ну об один однако он она они оно от очень по под после потому почему при про раз
    сам свой себе себя сейчас со так такой также там тем то того тоже той только том тот ту
    ты уже хотя чего чей чем что чтобы чуть эта эти это этого этой этом этот эту мы нам нас
    который которая которые которого которой котором которых надо нужно будет будут было
    сказал говорит год года году годы лет время сегодня теперь тогда всегда просто если
    вопрос ответ интервью спасибо конечно действительно например именно поэтому потом
    два две три четыре пять шесть семь восемь девять десять сто тысяча тысяч миллион
    миллиона миллионов миллиард половина треть трети через почти около больше меньше
    the and for are but not you all any can had her was one our out has have from with this
    that they their there them then than what when where which who will would about into over
    also just more most other some such only very been being were its it's our your these
    those does did doing say says said year years time think know really well yes question
    answer interview thank thanks because could should may might must shall much many
    two three four five six seven eight nine ten hundred thousand million billion half
"""
STOP_WORDS = frozenset(STOP_WORDS_TEXT.split())
RUSSIAN, ENGLISH = snowballstemmer.stemmer("russian"), snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case word: Russian for Cyrillic, English otherwise."""
    return (RUSSIAN if script_of(word) == "cyrillic" else ENGLISH).stemWord(word)


STOP_STEMS = frozenset(stem(word) for word in STOP_WORDS)


def plain_text(value: str) -> str:
    return html.unescape(TAG.sub(" ", value)) if "<" in value else value


def block_texts(value) -> Iterable[str]:
    """Every piece of text in a StreamField block's raw value; topic names are not text."""
    if isinstance(value, str):
        yield plain_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "topics":
                yield from block_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from block_texts(item)


def word_features(weighted_texts: Iterable[tuple[str, int]]) -> list[Feature]:
    """The page's WORDS_PER_PAGE most frequent stems, each with its share and a display word."""
    stems, spellings = Counter(), defaultdict(Counter)
    for text, weight in weighted_texts:
        for spelling in WORD.findall(text):
            word = spelling.lower().replace("ё", "е")
            if word in STOP_WORDS:
                continue
            stemmed = stem(word)
            if len(stemmed) >= 3 and stemmed not in STOP_STEMS:
                stems[stemmed] += weight
                spellings[stemmed][spelling] += weight
    # Ties (common in short texts) go to the longer stem: long words tend to be specific.
    kept = sorted(stems, key=lambda s: (-stems[s], -len(s), s))[:WORDS_PER_PAGE]
    total = sum(stems[s] for s in kept)
    return [Feature(s, spellings[s].most_common(1)[0][0], stems[s] / total) for s in sorted(kept)]


def page_features(
    *,
    title: str,
    lede: str,
    intro: str,
    body_blocks: Iterable[dict],
    page_topics: Iterable[str],
    people: Iterable[tuple[int, str]],
) -> dict[str, Feature]:
    """Everything a page is indexed by, from its live content."""
    body_blocks = list(body_blocks)
    texts = [(title, TITLE_WEIGHT), (lede, LEDE_WEIGHT), (plain_text(intro), 1)]
    texts += [(text, 1) for block in body_blocks for text in block_texts(block.get("value"))]
    exchange_topics = [
        name
        for block in body_blocks
        if block.get("type") == "exchange"
        for name in (block.get("value") or {}).get("topics") or []
    ]
    features = [
        Feature(TOPIC + name.strip().casefold(), name.strip(), 1.0)
        for name in [*page_topics, *exchange_topics]
        if name.strip()
    ]
    features += [Feature(f"{PERSON}{person_id}", name, 1.0) for person_id, name in people]
    words = word_features(texts)
    # Which scripts the page is written in: counted like features, so that a word's rarity
    # is judged among the pages of its own language (see Scorer).
    scripts = sorted({script_of(word.key) for word in words})
    features += [*words, *(Feature(SCRIPT + script, script, 0.0) for script in scripts)]
    return {feature.key: feature for feature in reversed(features)}  # first spelling wins


# Scoring. Pure code: no database.


def rarity(pages_with_feature: int, indexed_pages: int) -> float:
    """1 for a feature only this page has, about 0 for one that every page has."""
    if indexed_pages < 1:
        return 0.0
    pages_with_feature = min(max(pages_with_feature, 1), indexed_pages)
    return math.log((indexed_pages + 1) / pages_with_feature) / math.log(indexed_pages + 1)


def _saturate(evidence: float, scale: float) -> float:
    return 1.0 - math.exp(-evidence / scale)


@dataclass
class Match:
    """What one candidate shares with the page, summed up by kind as index rows arrive."""

    topics: float = 0.0  # the rarities of the shared topics, added up
    people: float = 0.0  # the same for people
    wording: float = 0.0  # see Scorer.add
    shared: dict[str, float] = field(default_factory=dict)  # key → weight on the candidate


class Scorer:
    """Scores candidates against one page, given its features and how rare each one is.

    The score is symmetric in the two pages: each shared feature counts the same from
    either side (its rarity; for words, the smaller of the two shares).
    """

    def __init__(self, features: dict[str, Feature], counts: dict[str, int], weights: Weights):
        self.features = features
        self.weights = weights
        self.kinds = {key: kind_of(key) for key in features}
        self.rarities = {key: self.rarity(key, counts) for key in features}

    def rarity(self, key: str, counts: dict[str, int]) -> float:
        """A word is rare or common among the pages written in its script: in a desk that
        writes mostly Russian, an everyday English word is not a rare one. Script markers
        only count pages; they are never shared evidence."""
        kind, pages_with_it = self.kinds[key], counts.get(key, 1)
        if kind == "script":
            return 0.0
        if kind == "word":
            return rarity(pages_with_it, counts.get(SCRIPT + script_of(key), 0))
        return rarity(pages_with_it, counts.get(ALL_PAGES, 0))

    def add(self, match: Match, key: str, their_weight: float) -> None:
        """Count one feature the candidate shares with the page.

        Words add up a histogram intersection (the smaller of the two pages' shares of the
        word, 0..1 over all words because each page's shares add up to 1) weighted by
        rarity: two texts match when much of both is the same rare words.
        """
        kind, key_rarity = self.kinds[key], self.rarities[key]
        if kind == "word":
            match.wording += key_rarity * min(self.features[key].weight, their_weight)
        elif kind == "topic":
            match.topics += key_rarity
        else:
            match.people += key_rarity
        match.shared[key] = their_weight

    def score(self, match: Match, days_apart: float = 0.0) -> float:
        """0..1: the blend of the three signals, faded by the time between the articles."""
        weights = self.weights
        blended = (
            weights.topics * _saturate(match.topics, TOPIC_SCALE)
            + weights.people * _saturate(match.people, PEOPLE_SCALE)
            + weights.wording * _saturate(match.wording, WORDING_SCALE)
        )
        fading = 0.5 ** (abs(days_apart) / weights.half_life_days)
        return blended * (weights.recency_floor + (1 - weights.recency_floor) * fading)

    def reasons(self, match: Match) -> str:
        """The editor's version: "shares topics: Каспий, порты; also features: Ерлан Сатпаев".

        Rarest first; what nearly every article has is not worth saying.
        """
        telling = defaultdict(list)
        for key in sorted(match.shared, key=lambda key: (-self.rarities[key], key)):
            if self.rarities[key] >= NOISE_RARITY:
                telling[self.kinds[key]].append(key)
        telling["word"].sort(
            key=lambda key: -self.rarities[key] * min(self.features[key].weight, match.shared[key])
        )

        def labels(kind, most=None):
            return ", ".join(self.features[key].label for key in telling[kind][:most])

        parts = []
        if topics := labels("topic"):
            parts.append(f"shares topics: {topics}")
        if people := labels("person"):
            parts.append(f"{'also ' if parts else ''}features: {people}")
        if words := labels("word", REASON_WORDS):
            parts.append(f"similar wording: {words}")
        return "; ".join(parts)[:500]


# The one scoring function: reads the index, writes nothing.


def related_articles(
    page_id: int, *, weights: Weights = BLEND, limit: int | None = None
) -> list[Suggestion]:
    """The indexed live pages most related to an indexed page, best first, with reasons.

    Editors' pins and exclusions are not applied here (see relink). A page that is not in
    the index (not live, or no features at all) has no related articles.
    """
    return _related_articles_of([page_id], weights)[page_id][:limit]


def _related_articles_of(page_ids: list[int], weights: Weights) -> dict[int, list[Suggestion]]:
    """related_articles for several pages at once, in the same five queries as for one."""
    features = _indexed_features(page_ids)
    counts = _page_counts({key for page in features.values() for key in page} | {ALL_PAGES})
    scorers = {page_id: Scorer(features[page_id], counts, weights) for page_id in features}
    matches = _candidates(scorers, counts)
    published = _readable_publication_dates({*scorers, *(c for m in matches.values() for c in m)})

    related = {page_id: [] for page_id in page_ids}
    for page_id, scorer in scorers.items():
        page_date = published.get(page_id) or timezone.now()
        for candidate_id, match in matches[page_id].items():
            if candidate_id not in published:
                continue  # no longer readable: unpublished, expired, or made private
            candidate_date = published[candidate_id] or page_date
            days_apart = (page_date - candidate_date).total_seconds() / 86400
            relatedness = scorer.score(match, days_apart)
            if relatedness >= MIN_SCORE:
                explain = functools.partial(scorer.reasons, match)
                related[page_id].append(Suggestion(candidate_id, round(relatedness, 4), explain))
        related[page_id].sort(key=lambda suggestion: (-suggestion.score, suggestion.page_id))
    return related


def _candidates(scorers: dict[int, Scorer], counts: dict[str, int]) -> dict[int, dict[int, Match]]:
    """For each page, the most promising pages sharing its rarest features, fully matched.

    A page follows its features rarest first until POSTINGS_BUDGET index rows would be
    read; a feature as common as "a topic on every article" is never followed, only
    counted for the candidates the rare ones found. Two queries for any number of pages.
    """
    followers = defaultdict(list)  # feature → the pages following it
    not_followed = {}
    for page_id, scorer in scorers.items():
        followable = sorted(
            (
                key
                for key in scorer.features
                if counts.get(key, 0) >= 2 and scorer.rarities[key] >= NOISE_RARITY
            ),
            key=lambda key: (counts[key], key),
        )
        rows_to_read, followed = 0, 0
        for key in followable:
            rows_to_read += counts[key]
            if rows_to_read > POSTINGS_BUDGET:
                break
            followers[key].append(page_id)
            followed += 1
        not_followed[page_id] = set(followable[followed:])

    matches = {page_id: defaultdict(Match) for page_id in scorers}
    postings = RelatedTerm.objects.filter(term__in=list(followers))
    for candidate_id, key, weight in postings.values_list("page_id", "term", "weight"):
        for page_id in followers[key]:
            if candidate_id != page_id:
                scorers[page_id].add(matches[page_id][candidate_id], key, weight)

    interested = defaultdict(list)  # candidate → the pages that found it promising
    promising = {}
    for page_id, scorer in scorers.items():
        found = matches[page_id]
        promising[page_id] = heapq.nlargest(
            CANDIDATES_SCORED, sorted(found), key=lambda candidate: scorer.score(found[candidate])
        )
        if not_followed[page_id]:
            for candidate_id in promising[page_id]:
                interested[candidate_id].append(page_id)
    if interested:
        # All of the candidates' rows, filtered here: asking the database for the common
        # terms too would tempt it into reading their long postings lists.
        rest = RelatedTerm.objects.filter(page_id__in=list(interested))
        for candidate_id, key, weight in rest.values_list("page_id", "term", "weight"):
            for page_id in interested[candidate_id]:
                if key in not_followed[page_id]:
                    scorers[page_id].add(matches[page_id][candidate_id], key, weight)
    return {
        page_id: {candidate_id: matches[page_id][candidate_id] for candidate_id in best}
        for page_id, best in promising.items()
    }


# Reading the index.


def _indexed_features(page_ids: Iterable[int]) -> dict[int, dict[str, Feature]]:
    features = defaultdict(dict)
    rows = RelatedTerm.objects.filter(page_id__in=list(page_ids))
    for page_id, key, label, weight in rows.values_list("page_id", "term", "label", "weight"):
        features[page_id][key] = Feature(key, label, weight)
    return features


def _page_counts(keys: Iterable[str]) -> dict[str, int]:
    rows = RelatedTermCount.objects.filter(term__in=list(keys)).values_list("term", "pages")
    return dict(rows)


def _readable_publication_dates(page_ids: Iterable[int]) -> dict[int, datetime | None]:
    """Publication dates of those pages readers may open: the others are no candidates,
    whatever the index still says about them."""
    rows = Page.objects.filter(readable_q(), pk__in=list(page_ids))
    return dict(rows.values_list("pk", "first_published_at"))


# Writing the index.


def _live_page_features(page_ids: list[int]) -> dict[int, dict[str, Feature]]:
    """The features of those pages that are live, from their live content (three queries)."""
    pages = InterviewPage.objects.filter(pk__in=page_ids, live=True)
    rows = pages.values_list("pk", "title", "lede", "intro", "body")
    topics, people = defaultdict(list), defaultdict(list)
    page_tags = InterviewPageTag.objects.filter(content_object_id__in=page_ids)
    for page_id, name in page_tags.values_list("content_object_id", "tag__name"):
        topics[page_id].append(name)
    appearances = InterviewPerson.objects.filter(page_id__in=page_ids).order_by("sort_order")
    for page_id, person_id, name in appearances.values_list("page_id", "person_id", "person__name"):
        people[page_id].append((person_id, name))
    # Exchange topics are read from the live body rather than the ExchangeTopic mirror:
    # saving a draft rebuilds that mirror from the draft (see docs/related.md).
    return {
        page_id: page_features(
            title=title,
            lede=lede,
            intro=intro,
            body_blocks=body.raw_data,
            page_topics=topics[page_id],
            people=people[page_id],
        )
        for page_id, title, lede, intro, body in rows
    }


def _insert_terms(features_by_page: dict[int, dict[str, Feature]]) -> None:
    """Insert index rows with plain multi-row INSERTs: several times faster than bulk_create,
    which builds a model instance per row, and the index has millions of rows."""
    rows = [
        (page_id, feature.key, feature.label[:200], feature.weight)
        for page_id, features in features_by_page.items()
        for feature in features.values()
    ]
    table = connection.ops.quote_name(RelatedTerm._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_ROWS):
            chunk = rows[start : start + INSERT_ROWS]
            cursor.execute(
                f"INSERT INTO {table} (page_id, term, label, weight) VALUES "
                + ", ".join(["(%s, %s, %s, %s)"] * len(chunk)),
                [value for row in chunk for value in row],
            )


def _add_to_counts(deltas: dict[str, int]) -> None:
    """Add to the page counts of features in one statement (an upsert both databases know).

    Keys go in sorted order so that concurrent relinks lock count rows in the same order.
    """
    rows = sorted((key, delta) for key, delta in deltas.items() if delta)
    if not rows:
        return
    table = connection.ops.quote_name(RelatedTermCount._meta.db_table)
    values = ", ".join(["(%s, %s)"] * len(rows))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (term, pages) VALUES {values} "
            f"ON CONFLICT (term) DO UPDATE SET pages = {table}.pages + excluded.pages",
            [value for row in rows for value in row],
        )


def _reindex(page_id: int, features: dict[str, Feature]) -> None:
    """Replace a page's index rows and keep the counts exact, whatever was there before."""
    old = _indexed_features([page_id]).get(page_id, {})
    if old == features:
        return
    deltas = Counter({key: 1 for key in features.keys() - old.keys()})
    deltas.subtract({key: 1 for key in old.keys() - features.keys()})
    deltas[ALL_PAGES] = bool(features) - bool(old)
    RelatedTerm.objects.filter(page_id=page_id).delete()
    _insert_terms({page_id: features})
    _add_to_counts(deltas)


# Writing the lists.


def _store_lists(suggestions_by_page: dict[int, list[Suggestion]]) -> int:
    """Replace these pages' lists: editors' pins and exclusions, then the best automatic links."""
    page_ids = list(suggestions_by_page)
    choices = defaultdict(dict)  # page → target → kind, in the editors' order; first one wins
    rows = RelatedChoice.objects.filter(page_id__in=page_ids).order_by("page_id", "sort_order")
    for page_id, target_id, kind in rows.values_list("page_id", "target_id", "kind"):
        choices[page_id].setdefault(target_id, kind)
    now = timezone.now()
    links = []
    for page_id, suggestions in suggestions_by_page.items():
        scored = {s.page_id: s for s in suggestions}
        chosen = {target: kind for target, kind in choices[page_id].items() if target != page_id}
        for position, (target_id, kind) in enumerate(chosen.items()):
            suggestion = scored.get(target_id)
            links.append(
                RelatedLink(
                    source_id=page_id,
                    target_id=target_id,
                    kind=kind,
                    sort_order=position,
                    score=suggestion.score if suggestion else 0,
                    reasons=f"{kind} by an editor"
                    + (f"; {suggestion.reasons}" if suggestion and suggestion.reasons else ""),
                    computed_at=now,
                )
            )
        automatic = [s for s in suggestions if s.page_id not in chosen]
        links += [
            RelatedLink(
                source_id=page_id,
                target_id=s.page_id,
                kind=RelatedLink.Kind.AUTO,
                score=s.score,
                reasons=s.reasons,
                computed_at=now,
            )
            for s in automatic[:AUTO_LINKS_KEPT]
        ]
    RelatedLink.objects.filter(source_id__in=page_ids).delete()
    RelatedLink.objects.bulk_create(links)
    return len(links)


def _without_deleted(suggestions_by_page: dict[int, list[Suggestion]]):
    """Drop the pages deleted since they were scored: rows about them would dangle."""
    scored = {s.page_id for suggestions in suggestions_by_page.values() for s in suggestions}
    there = set(InterviewPage.objects.filter(pk__in=scored).values_list("pk", flat=True))
    return {
        page_id: [s for s in suggestions if s.page_id in there]
        for page_id, suggestions in suggestions_by_page.items()
    }


def _update_inbound(page_id: int, suggestions: list[Suggestion]) -> None:
    """Put the page on the lists of the pages it relates to, where it now beats their weakest.

    The score is symmetric, so each suggestion is also the page's score on that page's list.
    Pages that link to it but no longer relate to it lose the link. Editors' choices stand.
    """
    scored = {s.page_id: s for s in suggestions}
    their_links = defaultdict(list)
    rows = RelatedLink.objects.filter(Q(source_id__in=scored) | Q(target_id=page_id)).exclude(
        source_id=page_id
    )
    for link in rows.only("pk", "source_id", "target_id", "kind", "score"):
        their_links[link.source_id].append(link)

    now = timezone.now()
    to_create, to_update, to_delete = [], [], []
    for source_id in sorted(set(scored) | set(their_links)):
        links = their_links[source_id]
        existing = next((link for link in links if link.target_id == page_id), None)
        if existing is not None and existing.kind != RelatedLink.Kind.AUTO:
            continue
        others = sorted(
            (link for link in links if link.kind == RelatedLink.Kind.AUTO and link != existing),
            key=lambda link: -link.score,
        )
        suggestion = scored.get(source_id)
        belongs = suggestion is not None and (
            len(others) < AUTO_LINKS_KEPT or suggestion.score > others[AUTO_LINKS_KEPT - 1].score
        )
        if not belongs:
            if existing is not None:
                to_delete.append(existing.pk)
            continue
        to_delete += [link.pk for link in others[AUTO_LINKS_KEPT - 1 :]]
        if existing is None:
            to_create.append(
                RelatedLink(
                    source_id=source_id,
                    target_id=page_id,
                    kind=RelatedLink.Kind.AUTO,
                    score=suggestion.score,
                    reasons=suggestion.reasons,
                    computed_at=now,
                )
            )
        else:
            existing.score, existing.reasons, existing.computed_at = (
                suggestion.score,
                suggestion.reasons,
                now,
            )
            to_update.append(existing)
    RelatedLink.objects.filter(pk__in=to_delete).delete()
    RelatedLink.objects.bulk_update(to_update, ["score", "reasons", "computed_at"])
    # Another relink may have put the same link there meanwhile: then theirs stands.
    RelatedLink.objects.bulk_create(to_create, ignore_conflicts=True)


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
