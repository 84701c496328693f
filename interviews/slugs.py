"""Latin slugs for Cyrillic titles, by one named scheme.

Scheme: ICAO Doc 9303 (the table Russian passports use since 2014), extended with the
Kazakh letters folded to their plain Latin base. It is lossy on purpose: slugs must be
typeable on any keyboard and stable, not reversible.
"""

from django.utils.text import slugify

ICAO_9303 = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}  # fmt: skip
KAZAKH_LETTERS = {
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip
SCHEME = ICAO_9303 | KAZAKH_LETTERS


def transliterate(text: str) -> str:
    return "".join(SCHEME.get(char, char) for char in text.lower())


def latin_slug(text: str, max_length: int = 80, fallback: str = "interview") -> str:
    """'Средний коридор: итоги' -> 'srednii-koridor-itogi'."""
    slug = slugify(transliterate(text))[:max_length].strip("-")
    return slug or fallback
