"""How a person's name is written in the result, whatever case or form the text used."""

from __future__ import annotations

import re
from functools import cache


def display_name(label: str) -> str:
    """ "JOHN SMITH" -> "John Smith", "А.СОЛОМИН" -> "А. Соломин"; others as written."""
    label = label.rstrip(".") if label.count(".") == 1 and label.endswith(".") else label
    if any(char.islower() for char in label) or sum(char.isalpha() for char in label) < 4:
        return label
    words = [word.capitalize() for word in label.replace(".", ". ").split()]
    return " ".join(words)


# --- The nominative of a name ---------------------------------------------------------
#
# Russian texts name a guest in whatever case the sentence needs ("с Азером Бадамовым",
# "Азера Бадамова"); Kazakh ones add case endings ("Сапаровамен", "Омаровқа"). A Person is
# stored under the nominative, so the importer turns each name back into it: Russian first
# names through pymorphy3's dictionary (it knows their gender and cases), surnames by their
# endings, which follow a few fixed patterns and which the dictionary mostly does not know.

_KAZAKH_CASE_ENDING = re.compile(
    r"(?P<surname>.+(?:ов|ев|ёв|ин)а?)"
    r"(?:ның|нің|дың|дің|ға|ге|қа|ке|ны|ні|мен|пен|бен|да|де|та|те|дан|ден|тан|тен|нан|нен)$"
)
# Russian surname endings in an oblique case -> (masculine nominative, feminine nominative).
_RUSSIAN_SURNAME_ENDINGS = (
    ("ского", "ский", "ская"), ("скому", "ский", "ская"), ("ским", "ский", "ская"),
    ("ском", "ский", "ская"), ("ской", "ский", "ская"), ("скую", "ский", "ская"),
    ("овой", "ов", "ова"), ("евой", "ев", "ева"), ("ёвой", "ёв", "ёва"), ("иной", "ин", "ина"),
    ("овым", "ов", "ов"), ("евым", "ев", "ев"), ("ёвым", "ёв", "ёв"), ("иным", "ин", "ин"),
    ("ову", "ов", "ова"), ("еву", "ев", "ева"), ("ёву", "ёв", "ёва"), ("ину", "ин", "ина"),
    ("ове", "ов", "ов"), ("еве", "ев", "ев"), ("ине", "ин", "ин"),
    ("ова", "ов", "ова"), ("ева", "ев", "ева"), ("ёва", "ёв", "ёва"), ("ина", "ин", "ина"),
)  # fmt: skip


@cache
def _morphology():
    """pymorphy3's analyser, loaded once (0.4 s); None where it is not installed."""
    try:
        import pymorphy3
    except ImportError:  # the importer still works, with surname rules only
        return None
    return pymorphy3.MorphAnalyzer()


_KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


@cache
def _first_name_parse(word: str):
    """The dictionary's reading of a first name: a nominative one when there is one (so
    "Дана" stays Дана rather than becoming "Дан" in the genitive)."""
    morph = _morphology()
    if morph is None or _KAZAKH_LETTERS.search(word):
        return None  # a Kazakh name is not in the Russian dictionary: guesses would mangle it
    names = [parse for parse in morph.parse(word) if "Name" in parse.tag]
    nominative = [p for p in names if {"nomn", "sing"} <= set(p.tag.grammemes)]
    return (nominative or names or [None])[0]


def is_first_name(word: str) -> bool:
    """A first name pymorphy3 knows ("Марата", "Асель"), in any case."""
    return word[:1].isupper() and _first_name_parse(word) is not None


def _first_name_nominative(word: str) -> tuple[str, str | None]:
    """ "Азера" -> ("Азер", "masc"); a name the dictionary does not know stays as it is."""
    parse = _first_name_parse(word)
    if parse is None:
        return word, None
    if "nomn" in parse.tag:
        return word, parse.tag.gender
    nominative = parse.inflect({"nomn"})
    form = nominative.word if nominative is not None else parse.normal_form
    return _same_capitalisation(word, form), parse.tag.gender


def _same_capitalisation(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _surname_nominative(word: str, gender: str | None, language: str) -> str:
    if language == "kk":
        match = _KAZAKH_CASE_ENDING.fullmatch(word)
        if match:
            return match["surname"]  # the Kazakh ending was the only case marking
    lowered = word.lower()
    for ending, masculine, feminine in _RUSSIAN_SURNAME_ENDINGS:
        if lowered.endswith(ending) and len(word) > len(ending) + 1:
            if ending in ("ова", "ева", "ёва", "ина") and gender != "masc":
                return word  # "Бадамова" is a woman's nominative unless the name is a man's
            replacement = feminine if gender == "femn" else masculine
            return word[: -len(ending)] + replacement
    return word


def nominative_name(name: str, language: str) -> str:
    """A person's name in the nominative: "Азера Бадамова" -> "Азер Бадамов",
    "Марины Шиловой" -> "Марина Шилова", "Әйгерім Сапарованың" -> "Әйгерім Сапарова".

    Only Cyrillic names change, and only on clear evidence: a surname ending that is never
    a nominative ("-овой", "-ым", a Kazakh case ending), or a "-ова" surname after a man's
    first name seen only in an oblique case ("Азера"). Otherwise the name stays as written.
    """
    words = name.split()
    if language not in ("ru", "kk") or not words or not _CYRILLIC_WORD.fullmatch(words[-1]):
        return name
    if len(words) == 1:
        return _first_name_nominative(words[0])[0] if is_first_name(words[0]) else name
    first, gender = _first_name_nominative(words[0])
    surname = words[-1]
    lowered = surname.lower()
    ambiguous = lowered.endswith(("ова", "ева", "ёва", "ина"))
    if ambiguous and not _is_masculine_oblique(words[0], first, gender):
        return name
    new_surname = _surname_nominative(surname, gender, language)
    if new_surname == surname and not _is_masculine_oblique(words[0], first, gender):
        return name  # nothing but the dictionary's guess says this is an oblique case
    return " ".join([first, *words[1:-1], new_surname])


def _is_masculine_oblique(word: str, nominative: str, gender: str | None) -> bool:
    """ "Азера" (of Азер), "Игоря" (of Игорь): a man's name with a genitive "-а"/"-я"."""
    return (
        gender == "masc"
        and word != nominative
        and word[-1:] in ("а", "я")
        and word[:-1].lower() in (nominative.lower(), nominative.lower()[:-1])
    )


_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff-]+")


@cache
def is_person_noun(word: str) -> bool:
    """A Russian common noun for a person ("гидролог", "пекарь", "урбанист"), not a name."""
    morph = _morphology()
    if morph is None or _KAZAKH_LETTERS.search(word):
        return False
    best = morph.parse(word)[0]
    tag = best.tag
    return (
        tag.POS == "NOUN"
        and tag.animacy == "anim"
        and not {"Name", "Surn", "Patr", "Geox", "Orgn"} & set(tag.grammemes)
        and best.score >= _PERSON_NOUN_MIN_SCORE
    )


_PERSON_NOUN_MIN_SCORE = 0.3


# --- Telling one person's name from another form of it ------------------------------------


def name_forms(name: str) -> tuple[str, ...]:
    """The forms under which a Person named `name` may be stored, most likely first: as
    written (capitals made a name), its nominative read as Russian and as Kazakh, then the
    other readings an oblique case allows ("Марину Шилову": Марина Шилова or Марин Шилов;
    "Ерлана Сатпаева", a first name the dictionary lacks: Ерлан Сатпаев). For finding an
    existing Person only: a new one takes the name as the importer read it."""
    written = display_name(" ".join(name.split()))
    forms = [written, nominative_name(written, "ru"), nominative_name(written, "kk")]
    words = written.split()
    if len(words) >= 2 and _CYRILLIC_WORD.fullmatch(words[-1]):
        forms += _oblique_readings(words)
    return tuple(dict.fromkeys(forms))


def _oblique_readings(words: list[str]) -> list[str]:
    first, surname = words[0], words[-1]
    readings = []
    morph = _morphology()
    parses = [p for p in morph.parse(first) if "Name" in p.tag] if morph else []
    for parse in parses:
        nominative = parse.inflect({"nomn"})
        form = _same_capitalisation(first, nominative.word if nominative else parse.normal_form)
        gender = parse.tag.gender
        for language in ("ru", "kk"):
            new_surname = _surname_nominative_for(surname, gender, language)
            readings.append(" ".join([form, *words[1:-1], new_surname]))
    if not parses:  # a man's name the dictionary lacks, in the genitive, dative or instrumental
        for ending in _MASCULINE_FIRST_NAME_ENDINGS:
            if first.endswith(ending) and len(first) > len(ending) + 2:
                new_surname = _surname_nominative_for(surname, "masc", "ru")
                readings.append(" ".join([first[: -len(ending)], *words[1:-1], new_surname]))
    return readings


_MASCULINE_FIRST_NAME_ENDINGS = ("ом", "а", "у", "е")


def _surname_nominative_for(surname: str, gender: str | None, language: str) -> str:
    """The surname's nominative once the gender is known: "Сатпаева" of a man is Сатпаев."""
    lowered = surname.lower()
    if gender == "masc":
        for ending in ("ова", "ева", "ёва", "ина"):
            if lowered.endswith(ending):
                return surname[:-1]
    return _surname_nominative(surname, gender, language)


# Words a headline or a masthead puts in capitals that no personal name holds: "Trump
# Interviewed", "Steppe Times". Particles of real names ("van", "ibn") are lowercase.
_NOT_NAME_WORDS = frozenset(
    {"interview", "interviewed", "interviews", "exclusive", "says", "said", "talks", "speaks",
     "on", "about", "with", "and", "the", "of", "times", "news", "post", "press", "radio",
     "daily", "weekly", "journal", "herald", "tribune", "gazette", "media", "today", "tv",
     "интервью", "эксклюзив", "новости", "газета", "радио", "сұхбат"}
)  # fmt: skip
_NAME_PARTICLES = frozenset({"van", "von", "der", "de", "da", "di", "du", "ibn", "bin", "al", "el"})
_POSSESSIVE_WORD = re.compile(r"['’]s?$")


def is_person_name(name: str) -> bool:
    """Whether a speaker's name may become a new Person: a first name and a surname (an
    initial will do), capitalised; never a possessive or a fragment of a headline."""
    words = name.split()
    if len(words) < 2:
        return False  # "Айгерим" (a reader), "Бадамов" (a bare label): not enough to file
    for word in words:
        if _POSSESSIVE_WORD.search(word) or word.lower().strip(".,") in _NOT_NAME_WORDS:
            return False
        if not word[:1].isupper() and word not in _NAME_PARTICLES:
            return False
    return True
