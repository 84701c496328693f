"""Words to the forms a search matches on: Russian, Kazakh and English. Plain Python.

The same function runs when a text is indexed and when a query is read, so a word form in
a query and a different form of the same word in a text end up as the same token:

  * Russian: pymorphy3's lemmas (кранов → кран, водами → вода), which know the
    dictionary's words and predict the rest. Surnames get a rule of their own on top
    (Сатпаева, Сатпаеву, Сатпаевым → сатпаев; Ковригиной → ковригин), because the
    stemmer behind PostgreSQL's `russian` config cuts them (Токаев → "тока", the genitive
    of "ток"); here a name keeps its whole stem.
  * Kazakh: PostgreSQL has no Kazakh configuration and pymorphy3 no Kazakh dictionary;
    the agglutinative endings are stripped by rule (case, then possessive, then plural:
    роботтарды → робот, Сәрсеноваға → сәрсенова → сәрсенов), for words with a Kazakh
    letter and for Cyrillic words the Russian dictionary does not know.
  * English: possessives dropped (Corridor's → corridor), then the Snowball stemmer
    (bottlenecks → bottleneck).

Every token is finally folded to the Russian alphabet (ә → а, қ → к, ё → е …), so a Kazakh
spelling of a name matches its Russian spelling. A word may give several tokens (an
ambiguous form: сатпаева is a man's genitive or a woman's name); a query word matches
if any of its tokens is in the text.
"""

import re
from functools import lru_cache

import pymorphy3
import snowballstemmer

WORD = re.compile(r"\w+(?:['’]\w+)*")
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһі]")
TO_RUSSIAN_ALPHABET = str.maketrans("ёәғқңөұүһі", "еагкноуухи")
# Longest tokens kept: longer "words" are pasted URLs, hashes, noise.
MAX_WORD_LENGTH = 40


def word_list(text: str) -> list[str]:
    return text.split()


# Function words never carry a search: they are in nearly every text.
STOPWORDS = frozenset(
    word_list("""
    и в во не что он на я с со как а то все всё она так его но да ты к у же вы за бы по
    только ее её мне было вот от меня еще ещё нет о об из ему когда даже ну ли если уже
    или ни быть был него до вас вам там потом себя ей может они тут где есть надо ней для
    мы тебя их чем была сам без будто чего раз тоже себе под будет ж тогда кто этот того
    потому этого какой ним здесь этом при над через эти нас про них эту этой перед это
    the a an and or of to in on at for with by is are was were be been it its this that
    these those as from not no but we you he she they i our their his her which who what
    will would can could has have had do does did so than then there here also into about
    және мен да де та те бұл сол ол біз сіз олар үшін бен пен ма ме ба бе па пе
    """)
)

# Kazakh endings, tried longest first within each slot, in the order they stack up
# from the end of a word: case, then possessive, then plural.
KAZAKH_CASE = sorted(
    word_list("""
    ның нің дың дің тың тің
    ға ге қа ке на не
    ны ні ды ді ты ті
    да де та те нда нде
    дан ден тан тен нан нен
    мен бен пен
    ша ше
    """),
    key=len,
    reverse=True,
)
KAZAKH_POSSESSIVE = sorted(
    word_list("мыз міз ңыз ңіз сыз сіз ым ім ың ің сы сі ы і"), key=len, reverse=True
)
KAZAKH_PLURAL = sorted(word_list("лар лер дар дер тар тер"), key=len, reverse=True)
# A stem keeps at least this many letters: "ана" must not lose its "на".
KAZAKH_MIN_STEM = 3

# Russian surnames: stem + -ов/-ев/-ёв/-ин/-ын (or -ский) + a case ending, mapped to the
# man's nominative, which is also what pymorphy3 gives as the lemma of a woman's forms.
SURNAME = re.compile(r"^(?P<base>\w{2,}?(?:ов|ев|ёв|ин|ын))(?P<ending>|а|у|ым|е|ой|ы|ых|ыми)$")

morph = pymorphy3.MorphAnalyzer()
english = snowballstemmer.stemmer("english")

# Parses of a word this much less likely than the best one are ignored: "стали" is
# nearly always the verb, and its rare reading as "сталь" would only add noise.
LEMMA_MIN_SCORE_SHARE = 0.15
MAX_LEMMAS = 3


def words(text: str) -> list[re.Match]:
    """The words of a text, with their positions (for highlighting)."""
    return list(WORD.finditer(text))


@lru_cache(maxsize=200_000)
def forms_of(word: str, capitalised: bool = False) -> frozenset[str]:
    """The tokens of one word (already without punctuation); empty for a stopword.

    `capitalised`: the word was written with a capital in the text or the query, a hint
    that it is a name, which lets the surname rule apply to words the dictionary knows.
    """
    word = word.casefold().replace("’", "'")
    if word in STOPWORDS or len(word) > MAX_WORD_LENGTH:
        return frozenset()
    if word.isdigit():
        return frozenset([word])
    found = cyrillic_forms(word, capitalised) if CYRILLIC.search(word) else {english_form(word)}
    return frozenset(form.translate(TO_RUSSIAN_ALPHABET) for form in found if form)


def english_form(word: str) -> str:
    for possessive in ("'s", "'"):
        if word.endswith(possessive):
            word = word[: -len(possessive)]
            break
    return english.stemWord(word.replace("'", ""))


def cyrillic_forms(word: str, capitalised: bool) -> set[str]:
    word = word.replace("'", "")
    forms: set[str] = set()
    kazakh = KAZAKH_LETTERS.search(word) is not None
    known = not kazakh and morph.word_is_known(word)
    parses = [] if kazakh else morph.parse(word)
    if parses:
        best = parses[0].score
        lemmas = [p for p in parses if p.score >= best * LEMMA_MIN_SCORE_SHARE]
        forms.update(p.normal_form for p in lemmas[:MAX_LEMMAS])
    looks_like_name = capitalised or not known or any("Surn" in p.tag for p in parses)
    if kazakh or not known:
        stem = kazakh_stem(word)
        forms.add(stem)
        forms.update(surname_forms(stem))
    if looks_like_name:
        forms.update(surname_forms(word))
    return forms or {word}


def kazakh_stem(word: str) -> str:
    for endings in (KAZAKH_CASE, KAZAKH_POSSESSIVE, KAZAKH_PLURAL):
        for ending in endings:
            if word.endswith(ending) and len(word) - len(ending) >= KAZAKH_MIN_STEM:
                word = word[: -len(ending)]
                break
    return word


def surname_forms(word: str) -> set[str]:
    """Сатпаева → {сатпаев}; Ковригиной → {ковригин}; a plain word → nothing."""
    match = SURNAME.match(word)
    if not match:
        return set()
    return {match["base"]}


def query_terms(text: str) -> list[frozenset[str]]:
    """A query as a list of words, each the set of tokens any of which may match it.

    Readers type names in lower case: every query word may be a name.
    """
    terms = []
    for match in words(text):
        found = forms_of(match.group(), True)
        if found and found not in terms:
            terms.append(found)
    return terms


def index_tokens(text: str) -> list[str]:
    """A text as the tokens to index, in order (the forms of one word side by side)."""
    tokens: list[str] = []
    for match in words(text):
        tokens.extend(sorted(forms_of(match.group(), match.group()[:1].isupper())))
    return tokens
