"""Turn markers: dialogue dashes, Q:/A: labels, speaker labels, emphasis."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from interviews.importer.model import Part

# Hyphen, en, em and horizontal-bar dashes, the minus sign (U+2212) and the figure dash:
# all of them open dialogue turns on real sites.
_DASHES = "-–—―−‒"


# A paragraph emphasised as a whole: **bold**, __bold__, *italic* or _italic_.
_WHOLE_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?P<inner>(?:(?!\1).)+)\1", re.DOTALL)
_MARKDOWN_HEADING = re.compile(r"(?P<level>#{1,6})[ \t]+(?P<text>[^\n]+?)(?:[ \t]+#+)?")
SECTION_LEVEL = 2
_BOLD = r"(?:\*\*|__)?"
_MARKER_END = r"(?:[ \t]+|(?=\n)|$)"
_QA_WORDS = {
    "q": Part.QUESTION,
    "question": Part.QUESTION,
    "в": Part.QUESTION,
    "вопрос": Part.QUESTION,
    "сұрақ": Part.QUESTION,
    "a": Part.ANSWER,
    "answer": Part.ANSWER,
    "о": Part.ANSWER,
    "ответ": Part.ANSWER,
    "жауап": Part.ANSWER,
}


_QA_LABEL = re.compile(
    rf"{_BOLD}(?P<word>Question|Answer|Вопрос|Ответ|Сұрақ|Жауап|Q|A|В|О)(?:[ \t]?\d{{1,3}})?"
    rf"{_BOLD}(?P<separator>:|\.|[ \t]+[-–—―−]){_BOLD}{_MARKER_END}",
    re.IGNORECASE,
)


# A label word: letters, with inner dots, hyphens or apostrophes ("О.К.", "Корр.", "Zakon.kz").
_LABEL_WORD = r"[^\W\d_](?:[^\W\d_]|[.’'-](?=[^\W\d_]))*\.?"


# "Name:", "Name: –", "**Name:**", "**Name** –", "NAME, HOST:" (a role after a comma).
# A plain "Name – text" is too often prose; initials are the exception ("М.Ш. -Текст").
_SPEAKER_LABEL = re.compile(
    rf"(?P<bold>\*\*|__)?(?P<label>{_LABEL_WORD}(?: {_LABEL_WORD}){{0,3}})"
    rf"(?:,[ \t]*(?P<role>[^:\n,]{{1,60}}?))?{_BOLD}"
    rf"(?::{_BOLD}(?:[ \t]*[-–—―−](?=[ \t\n]|$))?|(?<=\*\*|__)[ \t]+[-–—―−]){_MARKER_END}"
)
_INITIALS_WITH_DASH = re.compile(
    r"(?P<label>(?:[^\W\d_]\.[ ]?){2,3})[ \t]*[-–—―−][ \t]*(?=[^\W\d_«\"„“(])"
)


_MAX_LABEL_CHARS = 40


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str  # with the markers removed
    raw: str = ""  # as written
    is_turn: bool = False  # opens a turn of the detected format
    part: Part | None = None  # None: not a turn, or a turn whose marker does not say
    speaker: str | None = None
    speaker_role: str = ""  # "NAME, HOST:" -> "HOST"
    # 1 for "# Title", 2 and more for "## Section" and for bold headings; 0 if not a heading.
    heading_level: int = 0

    @property
    def is_heading(self) -> bool:
        return self.heading_level > 0


@dataclass(frozen=True)
class _SpeakerLabel:
    name: str
    rest: str
    is_bold: bool
    role: str = ""  # "NAME, HOST:" -> "HOST"
    dashed: bool = False  # a dialogue dash came with the label ("Name: – text")


def after_dialogue_dash(text: str) -> str | None:
    """The text after an opening dialogue dash, or None if there is none.

    The dash is followed by a space, or directly by a capital letter or an opening quote
    ("-Скажите", "—«Да»"): sites drop the space. "-5 градусов", "-то" are not turns.
    """
    if len(text) > 1 and text[0] in _DASHES:
        if text[1] in " \t":
            return text[2:].lstrip(" \t")
        if text[1].isupper() or text[1] in '«"„“':
            return text[1:]
    return None


def unwrap_emphasis(text: str) -> tuple[str, bool]:
    match = _WHOLE_EMPHASIS.fullmatch(text)
    return (match["inner"].strip(), True) if match else (text, False)


def markdown_heading(text: str) -> tuple[int, str] | None:
    """The level and the text of a Markdown heading ("## Money" -> (2, "Money"))."""
    match = _MARKDOWN_HEADING.fullmatch(text)
    return (len(match["level"]), match["text"]) if match else None


def match_qa_label(text: str) -> tuple[Part, str] | None:
    match = _QA_LABEL.match(text)
    if match is None:
        return None
    word = match["word"]
    if len(word) == 1 and not word.isupper():
        return None
    # "В. Путин", "О. Генри": a Cyrillic initial, not a label.
    if word in ("В", "О") and match["separator"] == ".":
        return None
    return _QA_WORDS[word.lower()], text[match.end() :].strip()


# Each line is read up to three times (choosing the format, splitting blocks, reading the
# paragraph); the result is immutable, so it is remembered.
@lru_cache(maxsize=1 << 15)
def match_speaker_label(text: str) -> _SpeakerLabel | None:
    initials = _INITIALS_WITH_DASH.match(text)
    if initials is not None:
        rest = text[initials.end() :].strip()
        return _SpeakerLabel(initials["label"].strip(), rest, False, dashed=True)
    match = _SPEAKER_LABEL.match(text)
    if match is None:
        return None
    label = match["label"]
    if (
        len(label) > _MAX_LABEL_CHARS
        or label.lower().rstrip(".") in _QA_WORDS
        or not all(word[0].isupper() for word in label.split())
    ):
        return None
    role = (match["role"] or "").strip()
    rest = text[match.end() :].strip()
    marker = text[match.end("label") : match.end()]
    dashed = any(char in _DASHES for char in marker.split(":")[-1])
    if not dashed and after_dialogue_dash(rest) is not None:
        rest, dashed = after_dialogue_dash(rest) or "", True  # "Name:\n– text" joined
    return _SpeakerLabel(label, rest, bool(match["bold"]), role, dashed)


def speaker_key(label: str) -> str:
    """One key per speaker, so "Азер Бадамов:" and a later "Бадамов:" are the same person."""
    return label.split()[-1].lower().rstrip(".")


def read_dash_turn(text: str, is_emphasised: bool) -> Paragraph:
    rest = after_dialogue_dash(text)
    if rest is None:
        # "Айгерим, Шымкент: – Question?": a dash turn that also names its speaker.
        label = match_speaker_label(text)
        if label is None or not label.dashed:
            return Paragraph(text)
        return Paragraph(
            unwrap_emphasis(label.rest)[0],
            is_turn=True,
            speaker=label.name,
            speaker_role=label.role,
        )
    return Paragraph(unwrap_emphasis(rest)[0], is_turn=True)


def read_labelled_turn(text: str, is_emphasised: bool) -> Paragraph:
    label = match_qa_label(text)
    if label is None:
        return Paragraph(text)
    part, rest = label
    return Paragraph(rest, is_turn=True, part=part)


def read_speaker_turn(parts: dict[str, Part], text: str, is_emphasised: bool) -> Paragraph:
    label = match_speaker_label(text)
    if label is None or speaker_key(label.name) not in parts:
        return Paragraph(text)
    part = parts[speaker_key(label.name)]
    return Paragraph(
        label.rest,
        is_turn=True,
        part=part,
        speaker=label.name,
        speaker_role=label.role,
    )


def read_emphasised_question(text: str, is_emphasised: bool) -> Paragraph:
    # Emphasised questions often carry a dialogue dash too: "**– Q?**" or "– **Q?**".
    rest = after_dialogue_dash(text)
    inner, inner_is_emphasised = unwrap_emphasis(text if rest is None else rest)
    if is_emphasised or inner_is_emphasised:
        return Paragraph(inner, is_turn=True, part=Part.QUESTION)
    return Paragraph(text)


_INTERVIEWER_LABELS = frozenset(
    {"корреспондент", "корр", "журналист", "интервьюер", "ведущий", "ведущая", "редакция",
     "ред", "тілші", "жүргізуші", "interviewer", "reporter", "journalist", "host", "editor",
     "moderator"}
)  # fmt: skip


_SITE_NAME = re.compile(r"\.[a-z]{2,6}$", re.IGNORECASE)  # "Zakon.kz:" is the publication asking


def names_interviewer(label: str) -> bool:
    return label.lower().rstrip(".") in _INTERVIEWER_LABELS or bool(_SITE_NAME.search(label))


def is_generic_interviewer(label: str) -> bool:
    """ "Корреспондент", "Interviewer": a role, not a name (a site's name is one: it asks)."""
    return label.lower().rstrip(".") in _INTERVIEWER_LABELS


# "1. Вопрос?", "12) Question?": a question number, then the question.
_QUESTION_NUMBER = re.compile(r"(?:\*\*|__)?(?P<number>\d{1,3})[.)](?:\*\*|__)?[ \t]+(?=\S)")
_UNMARKED_QUESTION_MAX_CHARS = 400  # a longer paragraph ending in "?" is an answer musing


def question_number(text: str) -> int | None:
    match = _QUESTION_NUMBER.match(unwrap_emphasis(text)[0])
    return int(match["number"]) if match else None


def read_numbered_question(text: str, is_emphasised: bool) -> Paragraph:
    match = _QUESTION_NUMBER.match(text)
    if match is None:
        return Paragraph(text)
    return Paragraph(unwrap_emphasis(text[match.end() :])[0], is_turn=True, part=Part.QUESTION)


def read_unmarked_question(text: str, is_emphasised: bool) -> Paragraph:
    """With no markers at all, a short paragraph ending in "?" asks."""
    first_line = text.split("\n", 1)[0]
    bare = first_line.rstrip('»"”’)]*_ ')
    if len(first_line) <= _UNMARKED_QUESTION_MAX_CHARS and bare.endswith(("?", "?!")):
        return Paragraph(text, is_turn=True, part=Part.QUESTION)
    return Paragraph(text)
