"""The index (RelatedTerm rows, RelatedTermCount counts): reading it to find and score
candidates, and writing it from pages' live content."""

import functools
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from interviews.models import (
    InterviewPage,
    InterviewPageTag,
    InterviewPerson,
    RelatedTerm,
    RelatedTermCount,
    readable_q,
)
from interviews.related.features import Feature, page_features
from interviews.related.scoring import (
    ALL_PAGES,
    BLEND,
    MIN_SCORE,
    NOISE_RARITY,
    Match,
    Scorer,
    Suggestion,
    Weights,
)

INSERT_ROWS = 1000  # index rows per INSERT statement (a statement takes 65,535 parameters)
# How candidates are found.
POSTINGS_BUDGET = 1000  # index rows read to find candidates, whatever the corpus size
CANDIDATES_SCORED = 30  # the most promising of them get a full score


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
