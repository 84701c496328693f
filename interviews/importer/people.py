"""Who the interviewee is, and their role."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from interviews.exchange import Answer, Exchange
from interviews.importer.headings import BYLINE_BEFORE_NAME
from interviews.importer.model import Interviewee
from interviews.importer.names import (
    display_name,
    is_first_name,
    is_person_noun,
    nominative_name,
)

# Stems of nouns that name a position. A stem matches a word that starts with it and
# goes on for at most a few letters of case ending ("министра", "министрі", "ministers").
_ROLE_STEMS = (
    # Russian
    "депутат", "министр", "председател", "директор", "эксперт", "политолог", "экономист",
    "профессор", "посол", "аким", "глав", "руководител", "основател", "сооснователь",
    "заместител", "советник", "президент", "премьер", "сенатор", "губернатор", "мэр",
    "спикер", "аналитик", "историк", "социолог", "юрист", "адвокат", "ректор", "декан",
    "академик", "редактор", "предпринимател", "исследовател", "дипломат", "инженер",
    "фермер", "врач", "учител", "архитектор", "тренер", "писател",
    "ветеринар", "певец", "певиц", "актер", "актёр", "актрис", "режиссер", "режиссёр",
    "музыкант", "спортсмен", "чемпион", "художник", "поэт", "блогер", "психолог",
    "педагог", "хирург", "бизнесмен", "банкир", "композитор", "продюсер", "пилот",
    # Kazakh
    "төраға", "сарапшы", "саясаттанушы", "елші", "әкім", "басшы", "орынбасар", "кеңесші",
    "ғалым", "талдаушы", "жазушы", "мұғалім", "дәрігер",
    "әнші", "ақын", "спортшы", "жаттықтырушы", "суретші", "кәсіпкер", "журналист",
    # English
    "minister", "director", "founder", "professor", "economist", "analyst", "ceo", "cfo",
    "cto", "chairman", "chairwoman", "chair", "president", "ambassador", "governor",
    "mayor", "senator", "deputy", "adviser", "advisor", "expert", "head", "chief", "editor",
    "researcher", "scientist", "lawyer", "investor", "executive", "spokesperson",
    "spokesman", "spokeswoman", "lawmaker", "historian", "strategist", "engineer",
    "farmer", "doctor", "teacher", "architect", "coach", "writer",
    "singer", "actor", "actress", "musician", "artist", "athlete", "champion", "poet",
    "blogger", "psychologist", "veterinarian", "surgeon", "composer", "pilot", "banker",
    "entrepreneur", "activist", "author", "novelist", "filmmaker", "producer", "chef",
)  # fmt: skip


_MAX_CASE_ENDING = 4
_RUSSIAN_ADJECTIVE = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ых|их|ым|им)$")
_HONORIFICS = frozenset(
    {"господин", "госпожа", "уважаемый", "уважаемая", "мырза", "ханым", "mr", "mrs", "ms",
     "miss", "dr", "sir", "madam", "mister", "prof"}
)  # fmt: skip


# Before a name these end a role phrase ("we spoke to | economist Jane Doe").
_ENGLISH_STOPWORDS = frozenset(
    {"a", "an", "the", "to", "with", "by", "and", "or", "for", "from", "said", "says", "told",
     "asked", "spoke", "talked", "interviewed", "is", "was", "we", "our", "his", "her", "its",
     "their", "this", "that", "in", "on", "me", "us", "you", "i", "are", "were", "be", "been",
     "am", "here", "there", "joining", "joined", "welcome", "today", "now", "both", "meet"}
)  # fmt: skip


# "economist at | Harbor Bank": a name right after these belongs to an organisation.
_PREPOSITIONS = frozenset({"at", "of", "in", "for", "from", "with", "в", "во", "на", "из", "при"})
_ARTICLES = frozenset({"a", "an", "the"})
_LEADING_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)


# Genitive and adjective suffixes of Kazakh words that modify a following noun.
_KAZAKH_ATTRIBUTE = re.compile(r"(?:ның|нің|дың|дің|тың|тің|лық|лік|дық|дік|тық|тік|ғы|гі|қы|кі)$")
_ROLE_MAX_DISTANCE = 6  # words between a role noun and the name it belongs to
_ROLE_MAX_PREFIX_WORDS = 3  # modifiers before the role noun ("former finance minister")
_ROLE_CONTEXT_CHARS = 300
_NAME_CONTEXT_CHARS = 6000  # the interviewee is introduced near the top
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_CLAUSE_BOUNDARY = re.compile(r"[.!?;:,()«»“”\"]|\s[-–—]\s")
_APPOSITIVE_ROLE = re.compile(
    r"\s*(?:[,(–—]|-(?=\s)|is\s+(?:the\s+|an?\s+)?)\s*(?P<role>[^,.;:()!?«»\"]{2,150})"
)


_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овн|евн|ичн)[а-я]*$")


# Surname endings of Russian oblique cases: Алиевым, Петровой, Петрову, Достоевским.
_OBLIQUE_SURNAME = re.compile(r"(?:ым|ом|ой|ому|ему|ову|еву|ину|ским|цким)$")
# Kazakh case endings that make a word an adverbial, never a modifier of the next noun:
# dative "Анна Кимге" (the journalist a guest spoke to), ablative, instrumental.
_KAZAKH_ADVERBIAL_CASE = re.compile(r"(?:ға|ге|қа|ке|нан|нен|дан|ден|тан|тен|мен|бен|пен)$")
# A name in any oblique case: those and the genitive ("Сәрсенованың"). Only in Kazakh
# text: in Russian, "-ден" or "-ке" can end a surname in the nominative ("Огден").
_KAZAKH_OBLIQUE_NAME = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$|" + _KAZAKH_ADVERBIAL_CASE.pattern)
_ADDRESS_BEFORE_NAME = re.compile(
    r"(?<![\w-])(?:господин|госпожа|уважаем(?:ый|ая)|mr|mrs|ms|miss|dr|prof|professor|mister|"
    r"madam)\.?\s+(?P<name>[^\W\d_]+(?:-[^\W\d_]+)*)",
    re.IGNORECASE,
)


_ADDRESS_AFTER_NAME = re.compile(r"(?P<name>[^\W\d_]+(?:-[^\W\d_]+)*)\s+(?:мырза|ханым)(?![\w-])")
_VOCATIVE = re.compile(r"(?P<name>[^\W\d_]+(?:[ -][^\W\d_]+)?),")


@dataclass(frozen=True)
class _Mention:
    name: str  # as written
    words: tuple[str, ...]
    source: str  # the paragraph it was found in
    start: int
    end: int


@dataclass(frozen=True)
class _Hints:
    """What the turns tell about the interviewee's name."""

    words: frozenset[str]  # from the address in the first question and the speaker labels
    initials: frozenset[str]  # from abbreviated labels such as "А.Б."
    label_names: tuple[str, ...]  # labels that are a name ("Иванов", "Jane Doe"), not "А.Б."


def guess_interviewee(
    context: list[str], first_question: str, labels: list[str], language: str
) -> Interviewee | None:
    hints = _collect_hints(first_question, labels)
    mentions = [mention for text in _limit_chars(context) for mention in _find_mentions(text)]
    people = _group_by_surname(mentions)
    scored = [(_person_score(person, hints, language), person) for person in people]
    plausible = [(score, person) for score, person in scored if score is not None]
    if plausible:
        _score, person = max(plausible, key=lambda item: item[0])
        return Interviewee(_chosen_name(person, hints, language), _role_of(person, language))
    if hints.label_names:
        return Interviewee(hints.label_names[0], "")
    # Nothing points at anyone: the first name-shaped person the lede mentions, if any.
    for person in people:
        if any(_looks_like_a_person(mention, language) for mention in person):
            return Interviewee(_chosen_name(person, hints, language), "")
    return None


def _looks_like_a_person(mention: _Mention, language: str) -> bool:
    """ "Айдар Мусин", "Әйгерім Сапарова": a known first name or a surname ending."""
    if len(mention.words) < 2 or _follows_byline(mention):
        return False
    return is_first_name(mention.words[0]) or bool(_SURNAME_ENDING.search(mention.words[-1]))


def _limit_chars(texts: list[str]) -> Iterator[str]:
    budget = _NAME_CONTEXT_CHARS
    for text in texts:
        if budget <= 0:
            return
        yield text[:budget]
        budget -= len(text)


def _collect_hints(first_question: str, labels: list[str]) -> _Hints:
    addressed = [
        match["name"]
        for pattern in (_ADDRESS_BEFORE_NAME, _ADDRESS_AFTER_NAME)
        for match in pattern.finditer(first_question)
    ]
    vocative = _VOCATIVE.match(first_question)
    if vocative:
        addressed.append(vocative["name"])
    label_words = [word for label in labels if not _abbreviation(label) for word in label.split()]
    words = frozenset(
        word
        for name in [*addressed, *label_words]
        for word in name.split()
        if word[:1].isupper() and word.lower().rstrip(".") not in _HONORIFICS
    )
    initials = frozenset(letters for label in labels if (letters := _abbreviation(label)))
    label_names = tuple(_as_name(label) for label in labels if _is_name(_as_name(label)))
    return _Hints(words, initials, label_names)


def _as_name(label: str) -> str:
    """ "JOHN SMITH" -> "John Smith"; abbreviations ("А.Б.") and other labels stay as they are."""
    return display_name(label) if label.isupper() and not _abbreviation(label) else label


def _abbreviation(label: str) -> str:
    """The letters of an abbreviated label ("А.Б." -> "АБ"), or "" if it is not one."""
    letters = "".join(char for char in label if char.isalpha())
    is_abbreviation = letters.isupper() and (
        ("." in label and len(letters) <= 4) or 2 <= len(letters) <= 3
    )
    return letters if is_abbreviation else ""


def _is_name(label: str) -> bool:
    return all(_is_name_word(word) for word in label.split())


def _is_name_word(word: str) -> bool:
    return (
        len(word) >= 2
        and word[0].isupper()
        and any(char.islower() for char in word[1:])
        and not _is_role_noun(word)
        and word.lower() not in _HONORIFICS
    )


def _is_role_noun(word: str) -> bool:
    return _role_stem_ending(word) is not None


# Surname endings common in Russian, Kazakh and neighbouring naming traditions.
_SURNAME_ENDING = re.compile(
    r"(?:ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|ұлы|улы|қызы|кызы|енко|"
    r"ук|юк|дзе|швили|ян|янц|бекова?|баева?)$"
)
# What a person does, as a noun: English agent suffixes, Kazakh -шы/-ші and -гер/-кер.
_ENGLISH_AGENT = re.compile(r"(?:ist|er|or|ian|eer|ant|ent|keeper|maker|smith|man|woman)$")
_NOT_ENGLISH_AGENTS = frozenset(
    {"after", "other", "over", "under", "never", "ever", "however", "whether", "either",
     "neither", "rather", "together", "latter", "for", "or", "per", "her", "their", "our",
     "your", "better", "later", "number", "order", "power", "winter", "summer", "center",
     "centre", "letter", "matter", "paper", "border", "water", "major", "minor", "recent",
     "different", "important", "current", "present", "silent", "ancient", "then", "than",
     "when", "german", "roman", "human", "woman", "man", "moment", "event", "want"}
)  # fmt: skip
_KAZAKH_AGENT = re.compile(r"(?:шы|ші|чы|чі|гер|кер|паз|таушы|ушы|уші|ұстаз|шебер)$")


def is_agent_noun(word: str, language: str) -> bool:
    """A lowercase (or sentence-initial) noun for what someone does: "гидролог", "пекарь",
    "beekeeper", "ұстаз". Russian words are checked in pymorphy3's dictionary."""
    lowered = word.lower()
    if len(lowered) < 4 or not lowered.isalpha() or (word[0].isupper() and word[1:].isupper()):
        return False
    if language == "en":
        return bool(_ENGLISH_AGENT.search(lowered)) and lowered not in _NOT_ENGLISH_AGENTS
    if language == "kk" and _KAZAKH_AGENT.search(lowered):
        return True
    return is_person_noun(lowered)


def _role_stem_ending(word: str) -> str | None:
    """The case ending after a role stem ("министра" -> "а"), or None if not a role noun.

    Each part of a compound counts: "вице-министр", "co-founder", "инженер-проектировщик".
    """
    for part in word.lower().strip(".,;:!?()«»\"'").split("-"):
        for stem in _ROLE_STEMS:
            if part.startswith(stem) and len(part) - len(stem) <= _MAX_CASE_ENDING:
                ending = part[len(stem) :]
                # "главный", "президентский" are adjectives, not positions.
                if ending and _RUSSIAN_ADJECTIVE.search(part):
                    continue
                return ending
    return None


def _find_mentions(source: str) -> list[_Mention]:
    """Runs of capitalised words, each trimmed to the personal name it ends with."""
    mentions = []
    for run in _capitalised_runs(source):
        # "Donald Trump's aides": the name ends at the possessive, which is not part of it.
        for index, word in enumerate(run):
            if _POSSESSIVE.search(word.group()):
                run = run[: index + 1]
                break
        if len(run) >= 2:
            name_words = _trim_to_name(run)
            start, end = name_words[0].start(), name_words[-1].end()
            words = tuple(_POSSESSIVE.sub("", word.group()) for word in name_words)
            end -= len(name_words[-1].group()) - len(words[-1])
            mentions.append(_Mention(source[start:end], words, source, start, end))
    return mentions


_POSSESSIVE = re.compile(r"['’]s$")


def is_title_case(title: str) -> bool:
    """ "Trump Interviewed On Trade": an English headline with every word capitalised, where
    capitals say nothing about names."""
    words = [word for word in title.split() if word[:1].isalpha()]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


def _capitalised_runs(source: str) -> Iterator[list[re.Match[str]]]:
    run: list[re.Match[str]] = []
    for word in _WORD.finditer(source):
        is_initial = (
            len(word.group()) == 1
            and word.group().isupper()
            and (source[word.end() : word.end() + 1] == ".")
        )
        if not (is_initial or _is_name_word(word.group())):
            if run:
                yield run
            run = []
            continue
        gap = source[run[-1].end() : word.start()] if run else ""
        if run and not _continues_run(gap, run[-1].group(), word.group()):
            yield run
            run = []
        run.append(word)
    if run:
        yield run


def _continues_run(gap: str, previous_word: str, word: str) -> bool:
    # A name is written in one alphabet: "Әсел Сәрсенова Newsroom тілшісі" holds a name
    # and then the masthead, not a name ending in "Newsroom".
    if _is_latin(previous_word) != _is_latin(word):
        return False
    return gap == " " or (len(previous_word) == 1 and gap in (".", ". "))


def _is_latin(word: str) -> bool:
    return word[0].isascii() or unicodedata.name(word[0], "").startswith("LATIN")


def _trim_to_name(run: list[re.Match[str]]) -> list[re.Match[str]]:
    """A name is the last two words of a capitalised run ("… Азербайджана Азер Бадамов");
    three with an initial or a patronymic ("John F. Kennedy", "Иван Иванович Петров")."""
    words = [match.group() for match in run]
    if len(run) >= 3 and (
        len(words[-2]) == 1 or _PATRONYMIC.search(words[-2]) or _PATRONYMIC.search(words[-1])
    ):
        return run[-3:]
    return run[-2:]


def _same_word(first: str, second: str) -> bool:
    """Equal up to a case ending: Бадамов ~ Бадамовым, Анна ~ Анной."""
    first, second = first.lower(), second.lower()
    common = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        common += 1
    return common >= 3 and common >= min(len(first), len(second)) - 1


def _group_by_surname(mentions: list[_Mention]) -> list[list[_Mention]]:
    people: list[list[_Mention]] = []
    for mention in mentions:
        for person in people:
            if _same_word(person[0].words[-1], mention.words[-1]):
                person.append(mention)
                break
        else:
            people.append([mention])
    return people


def _person_score(person: list[_Mention], hints: _Hints, language: str) -> float | None:
    """How likely this person is the interviewee; None if nothing points at them."""
    matches_hints = any(_matches_hints(mention, hints) for mention in person)
    roles = [_role_near(mention, language) for mention in person]
    if not matches_hints and not any(roles):
        return None  # a name that merely repeats is as likely a place or a company
    score = 5.0 * matches_hints + 2.0 * any(roles)
    score += any(role and role.dictionary_form for role in roles)
    score += sum(not _looks_oblique(mention, language) for mention in person)
    if any(_follows_byline(mention) for mention in person):
        score -= 5.0  # the journalist, not the guest
    return score


def _matches_hints(mention: _Mention, hints: _Hints) -> bool:
    initials = "".join(word[0] for word in mention.words)
    return (
        initials in hints.initials
        or initials[::-1] in hints.initials
        or any(_same_word(word, hint) for word in mention.words for hint in hints.words)
    )


def _looks_oblique(mention: _Mention, language: str) -> bool:
    surname = mention.words[-1]
    return bool(
        _OBLIQUE_SURNAME.search(surname)
        or (language == "kk" and _KAZAKH_OBLIQUE_NAME.search(surname))
    )


def _follows_byline(mention: _Mention) -> bool:
    before = mention.source[max(0, mention.start - 40) : mention.start]
    return bool(BYLINE_BEFORE_NAME.search(before))


def _chosen_name(person: list[_Mention], hints: _Hints, language: str) -> str:
    """A speaker label naming this person in full, else the likeliest nominative form."""
    for label in hints.label_names:
        words = label.split()
        # "Dr. Park" names her less fully than "Elena Park" in the lede.
        names = [word for word in words if word.lower().rstrip(".") not in _HONORIFICS]
        if len(names) >= 2 and _same_word(words[-1], person[0].words[-1]):
            return label
    best = min(
        enumerate(person),
        key=lambda item: (_looks_oblique(item[1], language), len(item[1].name), item[0]),
    )
    return nominative_name(best[1].name, language)


@dataclass(frozen=True)
class _RolePhrase:
    text: str
    dictionary_form: bool  # the role noun is in its dictionary form ("депутат", not "депутата")

    def __bool__(self) -> bool:
        return bool(self.text)


def _role_of(person: list[_Mention], language: str) -> str:
    """The first role found next to the person, preferring one in the nominative."""
    roles = [role for mention in person if (role := _role_near(mention, language))]
    nominative = [role for role in roles if role.dictionary_form]
    return (nominative or roles or [_RolePhrase("", False)])[0].text


def _role_near(mention: _Mention, language: str) -> _RolePhrase | None:
    return _role_after(mention, language) or _role_before(mention, language)


def _role_after(mention: _Mention, language: str) -> _RolePhrase | None:
    """An apposition: "Jane Doe, chief economist at X, ..." or "Азер Бадамов – депутат"."""
    match = _APPOSITIVE_ROLE.match(mention.source, mention.end)
    if match is None:
        return None
    role = _LEADING_ARTICLE.sub("", match["role"].strip())
    if _names_a_person(role):
        # "экономист Алия Бекова, директор ассоциации Сергей Миронов и …": a list of
        # guests, where the words after the comma are the next guest's role.
        return None
    for word in role.split()[:_ROLE_MAX_DISTANCE]:
        ending = _role_stem_ending(word)
        if ending is not None:
            return _RolePhrase(role, _is_dictionary_form(ending))
        if is_agent_noun(word.strip(",;:«»\"'()"), language):  # "a marine ecologist at …"
            return _RolePhrase(role, True)
    return None


def _names_a_person(text: str) -> bool:
    return any(
        len(mention.words) >= 2
        and (is_first_name(mention.words[0]) or bool(_SURNAME_ENDING.search(mention.words[-1])))
        for mention in _find_mentions(text)
    )


def _role_before(mention: _Mention, language: str) -> _RolePhrase | None:
    """A role phrase ending right before the name: "депутат Милли Меджлиса Азер Бадамов"."""
    window_start = max(0, mention.start - _ROLE_CONTEXT_CHARS)
    clause = mention.source[window_start : mention.start]
    boundaries = list(_CLAUSE_BOUNDARY.finditer(clause))
    if _is_set_off_by_commas(mention, clause, boundaries):
        # "Its chief executive, Daniyar Akhmetov, has …": the role ends the clause before.
        start = boundaries[-2].end() if len(boundaries) >= 2 else 0
        words = clause[start : boundaries[-1].start()].split()
        if words and _is_role_noun(words[-1]):
            role_start = _extend_role_backwards(words, len(words) - 1, language)
            return _RolePhrase(_lowercase_sentence_start(words[role_start:], language), True)
    clause = clause[boundaries[-1].end() :] if boundaries else clause
    words = clause.split()
    content_words = [word for word in words if word.lower() not in _ARTICLES]
    if content_words and content_words[-1].lower() in _PREPOSITIONS:
        return None
    role_index = next(
        (
            index
            for index in range(len(words) - 1, max(-1, len(words) - 1 - _ROLE_MAX_DISTANCE), -1)
            if _is_role_noun(words[index])
        ),
        None,
    )
    if role_index is None:
        # No known position: a noun naming what the person does, right before the name
        # ("гидролог Тимур Сеитов", "beekeeper Tom Hale", "ұстаз Әйгерім Сапарова").
        if words and is_agent_noun(words[-1].strip("«»\"'()"), language):
            start = _extend_role_backwards(words, len(words) - 1, language)
            return _RolePhrase(_lowercase_sentence_start(words[start:], language), True)
        return None
    ending = _role_stem_ending(words[role_index])
    start = _extend_role_backwards(words, role_index, language)
    return _RolePhrase(
        _lowercase_sentence_start(words[start:], language), _is_dictionary_form(ending)
    )


def _is_set_off_by_commas(mention: _Mention, clause: str, boundaries: list[re.Match]) -> bool:
    """The name stands between commas, right after the first: an apposition."""
    return (
        bool(boundaries)
        and boundaries[-1].group() == ","
        and not clause[boundaries[-1].end() :].strip()
        and mention.source[mention.end : mention.end + 1] == ","
    )


def _is_dictionary_form(case_ending: str | None) -> bool:
    return case_ending in ("", "ь")


def _lowercase_sentence_start(words: list[str], language: str) -> str:
    """ "Директор библиотеки" at the start of a sentence is "директор библиотеки" as a role;
    so are "Пекарь", "Beekeeper" and "Rail engineer" (a modifier before a lowercase noun).
    "Harbor Bank economist" keeps its capitals: they belong to a name."""
    first = words[0]
    next_is_lowercase = len(words) > 1 and words[1][:1].islower()
    if first[1:].islower() and (
        _is_role_noun(first)
        or is_agent_noun(first, language)
        or _is_role_modifier(first, "ru")
        or (language == "en" and next_is_lowercase)
        # "Жас ұстаз" -> "жас ұстаз"; "Орталық саябақтың директоры" names a park: kept.
        or (
            language == "kk"
            and next_is_lowercase
            and not _KAZAKH_ATTRIBUTE.search(words[1].lower())
            and (is_agent_noun(words[-1], language) or _is_role_noun(words[-1]))
        )
    ):
        words = [first[0].lower() + first[1:], *words[1:]]
    return " ".join(words)


def _extend_role_backwards(words: list[str], role_index: int, language: str) -> int:
    """Take in the modifiers before a role noun: "бывший министр", "former finance minister"."""
    start, modifiers = role_index, 0
    while start > 0:
        word = words[start - 1]
        if _is_role_noun(word):
            start -= 1
            continue
        if modifiers >= _ROLE_MAX_PREFIX_WORDS or not _is_role_modifier(
            word, language, head=words[role_index], opens_clause=start == 1
        ):
            break
        start -= 1
        modifiers += 1
    return start


def _is_role_modifier(word: str, language: str, head: str = "", opens_clause: bool = False) -> bool:
    """Can this word stand before a role noun (`head`) as part of the role?"""
    lowered = word.lower()
    if language == "ru":
        # Russian puts complements after the noun; only adjectives come before it.
        return bool(_RUSSIAN_ADJECTIVE.search(lowered))
    if language == "kk":
        # Kazakh stacks genitives and adjectives before the noun: "Орталық саябақтың директоры".
        if _KAZAKH_ADVERBIAL_CASE.search(lowered):
            return False  # "тілшісі Арман Бекжанға | сарапшы": the role starts after it
        # A bare capitalised word inside a clause modifies only a possessed noun: "Newsroom
        # тілшісі", "Қазақстан Темір Жолы басшысы"; before "инженер" it ends someone's name.
        # Opening the clause it may be any word ("Жас ұстаз").
        possessed = head.lower().strip(".,;:!?()«»\"'").endswith(("ы", "і"))
        return (word[0].isupper() and (possessed or opens_clause)) or bool(
            _KAZAKH_ATTRIBUTE.search(lowered)
        )
    return lowered not in _ENGLISH_STOPWORDS


def attribute_answers(
    main: Interviewee | None, exchanges: tuple[Exchange, ...]
) -> tuple[Exchange, ...]:
    """Answers by the interviewee's initials ("Т.А.") or surname carry their full name; with
    one guest, answers whose speaker the text does not name are theirs."""
    if main is None:
        return exchanges
    initials = "".join(word[0] for word in main.name.split() if word[:1].isupper())
    named = {
        answer.speaker for exchange in exchanges for answer in exchange.answers if answer.speaker
    }

    def resolved(by: str | None) -> str | None:
        if by is None:
            return main.name if not named - {main.name} else None
        if _abbreviation(by) and _abbreviation(by) in (initials, initials[::-1]):
            return main.name
        if _same_person(by, main.name) and len(by) <= len(main.name):
            return main.name
        return by

    return tuple(
        replace(
            exchange,
            answers=tuple(Answer(resolved(a.speaker), a.text) for a in exchange.answers),
        )
        for exchange in exchanges
    )


def all_interviewees(
    main: Interviewee | None,
    exchanges: Sequence[Exchange],
    roles: dict[str, str],
    context: list[str],
    language: str,
) -> tuple[Interviewee, ...]:
    """The main interviewee first, then every other named speaker who answers, each with
    the role their label gives ("TOM REED, ECONOMIST:") or the text gives next to their
    name ("инженер-транспортник Дана Омарова")."""
    people = [main] if main else []
    for exchange in exchanges:
        for answer in exchange.answers:
            if answer.speaker and not any(_same_person(answer.speaker, p.name) for p in people):
                people.append(Interviewee(answer.speaker, ""))
    mentioned = _group_by_surname(
        [mention for text in _limit_chars(context) for mention in _find_mentions(text)]
    )

    def role_in_text(name: str) -> str:
        for person in mentioned:
            if _same_person(" ".join(person[0].words), name):
                return _role_of(person, language)
        return ""

    return tuple(
        person
        if person.role
        else Interviewee(person.name, _label_role(person.name, roles) or role_in_text(person.name))
        for person in people
    )


def _label_role(name: str, roles: dict[str, str]) -> str:
    role = roles.get(name.split()[-1].lower().rstrip("."), "") if name.split() else ""
    return role.lower() if role.isupper() else role


def _same_person(first: str, second: str) -> bool:
    first_words, second_words = first.split(), second.split()
    if not (first_words and second_words):
        return False
    first_last, second_last = first_words[-1].lower(), second_words[-1].lower()
    return first_last == second_last or _same_word(first_last, second_last)
