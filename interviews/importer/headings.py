"""Titles, section headings and bylines: what a short line is."""

from __future__ import annotations

import re

from interviews.importer.markers import SECTION_LEVEL, Paragraph
from interviews.importer.model import Part

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
    )


def is_title(paragraph: Paragraph, right_before_first_question: bool) -> bool:
    if paragraph.heading_level >= SECTION_LEVEL and right_before_first_question:
        return False  # "## Money" opening the questions is a section, not the title
    return paragraph.is_heading or _looks_like_heading(paragraph.text, _TITLE_MAX_CHARS)


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
# A credit word, then names: "Беседовала Анна Ким", "Автор: …", "Сұхбаттасқан …".
_CLOSING_BYLINE = re.compile(
    r"(?:(?:беседовала?|беседовали|записала?|записали|подготовила?|интервью взяла?|"
    r"сұхбаттасқан|сұхбаттасты|әңгімелескен|interviewed by|interview by|text by)\s|"
    r"(?:автор|авторы|автор интервью|author|interviewer|text|текст)\s?:\s?)"
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
