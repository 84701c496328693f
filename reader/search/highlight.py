"""Snippets of a text with the words that matched a query marked. Plain Python.

A word is marked when one of its forms (reader.search.word_forms) is among the query's:
the reader typed "кранов" and sees "<mark>кран</mark>" and "<mark>кранами</mark>". All
text is HTML-escaped here; only the <mark> elements are markup.
"""

import re
from html import escape

from reader.search.word_forms import forms_of, words

SNIPPET_WORDS = 32
# Words shown before the first match, so the reader sees what leads up to it.
CONTEXT_BEFORE = 8


def matching(match: re.Match, wanted: frozenset[str]) -> bool:
    word = match.group()
    return not forms_of(word, word[:1].isupper()).isdisjoint(wanted)


def highlighted(text: str, wanted: frozenset[str]) -> str:
    """The whole text, escaped, matches marked."""
    spans = [match.span() for match in words(text) if matching(match, wanted)]
    return mark(text, spans, 0, len(text))


def snippet(text: str, wanted: frozenset[str], size: int = SNIPPET_WORDS) -> tuple[str, bool]:
    """About `size` words around the densest run of matches, escaped and marked.

    Returns the HTML and whether anything matched (else it is the text's beginning).
    """
    all_words = words(text)
    if not all_words:
        return "", False
    matched = [i for i, match in enumerate(all_words) if matching(match, wanted)]
    first_word = 0
    if matched:
        # The window of `size` words holding the most matches, starting a little before.
        best = max(
            matched,
            key=lambda i: sum(1 for j in matched if i <= j < i + size - CONTEXT_BEFORE),
        )
        first_word = max(0, best - CONTEXT_BEFORE)
    last_word = min(len(all_words), first_word + size) - 1
    begin, end = all_words[first_word].start(), all_words[last_word].end()
    if last_word == len(all_words) - 1:
        end = len(text)
    html = mark(text, [all_words[i].span() for i in matched], begin, end)
    if begin > 0:
        html = "… " + html
    if end < len(text):
        html += " …"
    return html, bool(matched)


def mark(text: str, spans: list[tuple[int, int]], begin: int, end: int) -> str:
    out, at = [], begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        out.append(escape(text[at:start]))
        out.append(f"<mark>{escape(text[start:stop])}</mark>")
        at = stop
    out.append(escape(text[at:end]))
    return "".join(out).strip()
