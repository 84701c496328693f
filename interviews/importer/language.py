"""The language of a text, from its letters: the one detector (importer, reader's lang=,
related articles' word scripts)."""

from __future__ import annotations

import re

_LANGUAGE_SAMPLE_CHARS = 20_000
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_LATIN = re.compile(r"[a-zA-Z]")


# Kazakh-only letters make up several percent of Kazakh text but appear in Russian
# text only in the odd Kazakh name.
_KAZAKH_LETTER_SHARE = 0.02


def script_of(word: str) -> str:
    """The script a word is written in: "cyrillic" or "latin" (anything else counts as Latin)."""
    return "cyrillic" if _CYRILLIC.match(word) else "latin"


def guess_language(text: str) -> str:
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic <= len(_LATIN.findall(sample)):
        return "en"
    kazakh = len(_KAZAKH_ONLY.findall(sample))
    return "kk" if kazakh >= _KAZAKH_LETTER_SHARE * cyrillic else "ru"
