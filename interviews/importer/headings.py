"""Titles, section headings and bylines: what a short line is."""

from __future__ import annotations

import re

from interviews.importer.markers import SECTION_LEVEL, Paragraph, after_dialogue_dash
from interviews.importer.model import Part
from interviews.importer.names import nominative_name

_TITLE_MAX_CHARS = 160
_SECTION_MAX_CHARS = 80
_SENTENCE_END = ".!?…:;,"
_CLOSING_MARKS = '»"”’)]*_ '
_BYLINE_WORDS = (
    r"(?:беседовала?|записала?|подготовила?|интервью взяла?|автор|фото|сұхбаттасқан|"
    r"interviewed by|interview by|text by|photo)(?!\w)"
)


_BYLINE = re.compile(_BYLINE_WORDS, re.IGNORECASE)
BYLINE_BEFORE_NAME = re.compile(_BYLINE_WORDS + r":?\s*$", re.IGNORECASE)


def _looks_like_heading(text: str, max_chars: int) -> bool:
    """One short line that does not end like a sentence and does not start in lowercase."""
    bare = text.rstrip(_CLOSING_MARKS)
    return (
        0 < len(text) <= max_chars
        and "\n" not in text
        and bare[-1:] not in _SENTENCE_END
        and not text[0].islower()
        and not _BYLINE.match(text)
        and after_dialogue_dash(text) is None  # a quotation kept in the preamble, not a title
    )


def is_title(paragraph: Paragraph, right_before_first_question: bool) -> bool:
    if paragraph.heading_level >= SECTION_LEVEL and right_before_first_question:
        return False  # "## Money" opening the questions is a section, not the title
    return paragraph.is_heading or _looks_like_heading(paragraph.text, _TITLE_MAX_CHARS)


_HEADLINE_MAX_CHARS = 120


def is_exclaiming_headline(text: str) -> bool:
    """ "Деревня не умрёт!", "Is the lake lost?": a headline may end in ! or ?, when a lede
    follows it. One short line, opening in a capital, with no sentence before the end."""
    bare = text.rstrip(_CLOSING_MARKS)
    body = bare.rstrip("!?…")
    return (
        0 < len(text) <= _HEADLINE_MAX_CHARS
        and "\n" not in text
        and bare[-1:] in ("!", "?")
        and not text[0].islower()
        and not any(mark in body for mark in ".!?")
        and after_dialogue_dash(text) is None
    )


def is_section_title(paragraph: Paragraph) -> bool:
    return paragraph.is_heading or (
        _looks_like_heading(paragraph.text, _SECTION_MAX_CHARS) and "?" not in paragraph.text
    )


def ends_with_question_mark(text: str) -> bool:
    # "…?", "…?!", "…?»" all count; a "?" earlier in the paragraph does not.
    return "?" in text.rstrip(_CLOSING_MARKS)[-3:]


def is_section_heading(paragraph: Paragraph, next_paragraph: Paragraph | None) -> bool:
    return (
        next_paragraph is not None
        and next_paragraph.is_turn
        and next_paragraph.part is not Part.ANSWER
        and is_section_title(paragraph)
    )


_BYLINE_MAX_CHARS = 120
# A credit word, then names: "Беседовала Анна Ким", "Сұхбаттасқан …", "As told to …",
# "Reporting by …" (with or without a colon); or a credit noun and a colon: "Автор: …",
# "Reporting: …" (without the colon, "Text messages were…" is a sentence).
_CREDIT_WORDS = (
    r"беседовала?|беседовали|беседу вела?|беседу вёл|беседу провела?|записала?|записали|"
    r"подготовила?|подготовили|интервью взяла?|интервью провела?|интервью записала?|"
    r"вопросы задавала?|сұхбаттасқан|сұхбаттасты|әңгімелескен|дайындаған|"
    r"сұхбатты жүргізген|сұхбат алған|interviewed by|interview by|interview conducted by|"
    r"text by|as told to|reporting by|reported by"
)
_CREDIT_NOUNS = r"автор|авторы|автор интервью|текст|author|interviewer|text|reporting"
_CLOSING_BYLINE = re.compile(
    rf"(?:(?:{_CREDIT_WORDS})(?:\s?:\s?|\s)|(?:{_CREDIT_NOUNS})\s?:\s?)"
    r"[^\W\d_]",
    re.IGNORECASE,
)


def is_byline(text: str) -> bool:
    """A short closing credit: "Беседовала Анна Ким", "Автор: …", "Interview by …"."""
    return (
        len(text) <= _BYLINE_MAX_CHARS
        and "\n" not in text
        and bool(_CLOSING_BYLINE.match(text))
        and "?" not in text
    )


# "By Sarah Cole", "By Sarah Cole and Tom Reed": the English credit under a headline. Only
# names may follow "By", so a sentence ("By the way, …") is no credit.
_BY_NAMES = re.compile(r"By (?:[A-Z][\w.'’-]*)(?:,? (?:and )?[A-Z][\w.'’-]*){0,5}")


def is_opening_byline(text: str) -> bool:
    """A credit line under the headline: any closing byline's form, or "By Name"."""
    return is_byline(text) or bool(_BY_NAMES.fullmatch(text.strip()))


# "Фото: …", "Photo by …", "Сурет: …": a photo caption or credit between the paragraphs.
_CAPTION = re.compile(
    r"(?:фото|фотография|сурет|кадр|иллюстрация|скриншот|photo|picture|image|credit)"
    r"(?:\s+(?:by|из|с|автора))?\s*[:|/—–-]",
    re.IGNORECASE,
)
_CAPTION_MAX_CHARS = 200


def is_caption(text: str) -> bool:
    return len(text) <= _CAPTION_MAX_CHARS and "\n" not in text and bool(_CAPTION.match(text))


# A reader's question is introduced by their name on a line of its own: "Айгерим, Шымкент:",
# "Вопрос читателя Марата из Тараза", "Reader question from Tom, Leeds".
_READER = re.compile(
    r"(?:вопрос\s+(?:от\s+)?)?(?:читател[яьи]|читательниц[аы]|оқырман|reader(?:'s)?)"
    r"(?:\s+question)?",
    re.IGNORECASE,
)
_READER_LABEL_MAX_CHARS = 80


def reader_label(text: str) -> str | None:
    """The asking reader's label (without a final colon), or None if the line is not one."""
    if len(text) > _READER_LABEL_MAX_CHARS or "\n" in text or "?" in text:
        return None
    label = text.rstrip().rstrip(":").strip()
    reader = _READER.match(label)
    if reader is not None:
        # "Вопрос читателя Марата из Тараза" -> "Марат": the reader's name, as a name.
        words = label[reader.end() :].split()
        while words and not words[0][:1].isupper():
            words.pop(0)  # "from", "от"
        name = []
        for word in words:
            if not word[:1].isupper():
                break
            name.append(word.strip(",:;"))
            if word.endswith(","):
                break  # "Tom, Leeds": the town is not part of the name
        return nominative_name(" ".join(name), "ru") if name else label
    if text.rstrip().endswith(":") and label[:1].isupper():
        return label
    return None
