"""Alphabetical order for names and topics in Russian and Kazakh, the same on every
database.

PostgreSQL sorts by its collation: on a C or en_US database the Kazakh letters (Ә, Ғ, Қ,
Ң, Ө, Ұ, Ү, Һ, І) come after Я, and the embedded server is built without ICU, whose root
collation would place them. Here each Kazakh letter sorts right after the letter the
Kazakh alphabet puts it after (А Ә Б В Г Ғ … К Қ … Н Ң О Ө … У Ұ Ү Ф Х Һ … Ы І Ь …),
and Ё with Е, as Russian dictionaries do. Latin names come before Cyrillic ones.
"""

import re

# After the base letter, in the alphabet's order: code points above any letter.
_AFTER = "\U0010fff0"
_KAZAKH = {
    "ә": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у" + _AFTER,  # Ұ, then Ү
    "һ": "х",
    "і": "ы",
}
_ORDER = str.maketrans({"ё": "е", **{letter: base + _AFTER for letter, base in _KAZAKH.items()}})
# Most names have none of these letters: a search is cheaper than translating each one.
_REORDERED = re.compile("[ё" + "".join(_KAZAKH) + "]")


def alphabetical(text: str) -> str:
    """A key for sorted(): case-insensitive, Kazakh letters in their places."""
    folded = text.casefold()
    return folded.translate(_ORDER) if _REORDERED.search(folded) else folded
