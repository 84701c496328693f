"""Scoring two pages' shared features: rarity, the blend, the reasons. Pure Python, no
Django."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from interviews.importer.language import script_of
from interviews.related.features import SCRIPT, Feature, kind_of

ALL_PAGES = "*"  # the count of this key is the number of indexed pages, N
# A feature on so many pages that its rarity is below this says nothing about a story
# (on more than about a fifth of them at 10,000 articles): not followed, scored or named.
NOISE_RARITY = 0.15
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
class Suggestion:
    page_id: int
    score: float
    explain: Callable[[], str] = field(repr=False, compare=False)

    @functools.cached_property
    def reasons(self) -> str:
        """Worded only for the suggestions that get stored: most are merely compared."""
        return self.explain()


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
