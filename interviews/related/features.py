"""Text and page -> features: what a page is indexed by. Pure Python, no Django."""

from __future__ import annotations

import functools
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer

from interviews.importer.language import script_of
from interviews.stored_exchange import exchange_texts

WORDS_PER_PAGE = 40  # its most frequent stems; enough to tell a story apart, few index rows
TITLE_WEIGHT = 3  # a word in the title counts as three in the body
LEDE_WEIGHT = 2
TOPIC, PERSON, SCRIPT = "topic:", "person:", "script:"  # a stem never holds a colon


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


def texts_of(block: dict) -> Iterable[str]:
    """Every piece of text in one raw StreamField block: an exchange's question and
    answers (not who spoke, nor its topics), any other block's strings."""
    value = block.get("value")
    if block.get("type") == "exchange":
        return map(plain_text, exchange_texts(value or {}))
    return block_texts(value)


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
    texts += [(text, 1) for block in body_blocks for text in texts_of(block)]
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
