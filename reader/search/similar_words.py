"""Words typed slightly wrong: `Сатпаеф` → сатпаев, `Ковригена` → ковригина, `Tokaev` → токаев.

A fallback, asked only when a query finds few interviews (reader.search.query): each query
word's forms are looked up by trigram similarity (pg_trgm) in the vocabulary of headings
(titles, people's names, topics), spelt as indexed and transliterated to Latin letters, and
the nearest words join the forms the word matches. The vocabulary only grows: a word whose
interviews are gone or hidden finds nothing readable, so it is harmless.
"""

import re
from collections.abc import Iterable

from django.db import connection, transaction

from interviews.slugs import transliterate
from reader.search.models import SearchWord

# pg_trgm's similarity (shared trigrams / all trigrams) of a typo to the word it spoils:
# сатпаеф ~ сатпаев 0.6, ковригена ~ ковригина 0.54, tokaev ~ токаев (as tokaev) 1.0;
# 0.3, pg_trgm's default for `%`, also pairs words that share only a stem's start.
MIN_SIMILARITY = 0.45
WORDS_PER_FORM = 3
# Too short to say what was meant: one letter wrong in a word of four is a different word.
MIN_LENGTH = 5
LATIN = re.compile("[a-z]")


def remember(tokens: Iterable[str]) -> None:
    """Add index tokens (of headings) to the vocabulary."""
    longest = SearchWord._meta.get_field("word").max_length
    words = {t for t in tokens if MIN_LENGTH <= len(t) <= longest and not t.isdigit()}
    SearchWord.objects.bulk_create(
        [SearchWord(word=word, latin=transliterate(word)) for word in sorted(words)],
        ignore_conflicts=True,
    )


def similar_terms(terms: list[frozenset[str]]) -> list[frozenset[str]]:
    """The terms, each with the vocabulary's words spelt like its forms added (one query)."""
    forms = sorted({form for forms in terms for form in forms if len(form) >= MIN_LENGTH})
    if not forms:
        return terms
    table = connection.ops.quote_name(SearchWord._meta.db_table)

    def nearest(condition: str) -> str:
        # `%` finds candidates through the trigram indexes (threshold 0.3); the nearest
        # few above MIN_SIMILARITY are kept.
        return f"""
            SELECT typed.form, near.word
            FROM unnest(%s::text[]) AS typed(form)
            CROSS JOIN LATERAL (
                SELECT word, greatest(similarity(word, typed.form), similarity(latin, typed.form))
                    AS score
                FROM {table}
                WHERE {condition}
                ORDER BY score DESC, word
                LIMIT %s
            ) AS near
            WHERE near.score >= %s
        """

    # A form in Latin letters is compared with the words' transliterations too; one
    # without (Cyrillic) could share no trigram with them, and is spared that index.
    latin = [form for form in forms if LATIN.search(form)]
    cyrillic = [form for form in forms if not LATIN.search(form)]
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner costs `%` as cheap and scans the whole vocabulary, computing both
        # similarities of every word: 150 ms a form at 13,000 words, growing with them.
        # Through the trigram indexes, a few ms.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            nearest("word %% typed.form")
            + " UNION ALL "
            + nearest("word %% typed.form OR latin %% typed.form"),
            [cyrillic, WORDS_PER_FORM, MIN_SIMILARITY, latin, WORDS_PER_FORM, MIN_SIMILARITY],
        )
        near: dict[str, set[str]] = {}
        for form, word in cursor.fetchall():
            near.setdefault(form, set()).add(word)
    return [forms | {word for form in forms for word in near.get(form, ())} for forms in terms]
