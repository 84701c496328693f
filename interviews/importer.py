"""Turn a pasted interview (plain text or light Markdown) into structured data.

``parse_interview`` is a pure function of the text: no Django, no I/O, stdlib only.

Pipeline (one section of this module each)
    normalise the text -> detect the turn format -> split into paragraphs and
    read each one's turn marker -> split off the preamble (title, lede, intro) ->
    group the paragraphs into turns -> decide which turns ask -> assemble the
    exchanges -> guess the interviewee and the language.

Formats, auto-detected: the one that explains the most turns wins; a tie goes
to the more explicit one, in this order.
    labels    "Q:"/"A:", "Q."/"A.", "Q -", "**Q:**", "Question:"/"Answer:",
              "Вопрос:"/"Ответ:", "В:"/"О:", "Сұрақ:"/"Жауап:" (also numbered).
    speakers  "Surname:" or "Full Name:", possibly bold or followed by a dash.
              A label is a speaker if it recurs, is bold, or names an
              interviewer (Корр., Interviewer, a site such as Zakon.kz ...);
              "Азер Бадамов:" and "Бадамов:" are one speaker. Failing a known
              label, the interviewer is whoever asks, speaks first and briefly.
    emphasis  Markdown: a paragraph bold (or italic) as a whole is a question.
    dashes    a paragraph opening with "-", "–" or "—" and a space is a turn.

Heuristics
    * Paragraphs are separated by blank lines; with no blank line at all every
      line is a paragraph. Inside a block, a line that opens a turn starts a
      new paragraph, so "Q: ...\nA: ..." blocks work too.
    * Dash turns do not say who speaks: the cheapest sequence of a two-state
      Viterbi decides. Alternating is free, a "?" at the end is evidence for a
      question, two questions or two answers in a row cost extra. So a question
      without "?" keeps the alternation, while an answer split over two dash
      paragraphs is still found. Where turns open with en/em dashes, a run of
      "- " paragraphs is a list inside the turn and stays verbatim.
    * An unmarked paragraph continues the turn before it, so one that follows
      a question belongs to the question (joined with a blank line). Formats
      whose answers carry no marker (emphasised questions, "Q:" without "A:",
      a lone labelled interviewer) are the exception: there the first unmarked
      paragraph after a question opens the answer, and a leading dialogue dash
      on an unmarked paragraph is its marker.
    * The preamble is everything before the first question: an optional title
      (a "# heading", or a first paragraph of one line, at most 160 characters,
      not ending in sentence punctuation), then the lede, then the intro. In
      the emphasis format, emphasised paragraphs before the first one with a
      "?" are preamble (a bold title or lede), not questions.
    * A section heading stands right before a question: a "##" heading, a bold
      line in the emphasis format, or a line of at most 80 characters without
      "?" or sentence punctuation. Anywhere else it stays ordinary text.
    * The interviewee is the person named near the top who matches the address
      in the first question ("Господин Бадамов", "Mr Smith", "Гүлнар ханым")
      or an answering speaker's label, or who stands next to a role noun
      ("депутат ... Азер Бадамов", "Jane Doe, chief economist at X"); repeated
      mentions break ties. Of the forms found, the shortest one not in an
      oblique case is taken as the nominative. No such person: a speaker label
      that is a name, else None.
    * Language: Kazakh-only letters -> "kk", else mostly Cyrillic -> "ru",
      else "en".

Guarantee: every non-empty input paragraph ends up in exactly one place of the
result; only turn markers (and whole-paragraph emphasis) are removed. HTML is
kept verbatim as text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import partial
from itertools import pairwise

MAX_INTERVIEW_BYTES = 1024 * 1024  # 1 MB paste limit


class InterviewParseError(ValueError):
    """The text cannot be imported; the message says why, in one line."""


@dataclass(frozen=True)
class Interviewee:
    name: str
    role: str  # "" when the text does not say


@dataclass(frozen=True)
class Exchange:
    question: str
    answer: tuple[str, ...]  # one string per paragraph


@dataclass(frozen=True)
class Section:
    title: str
    before_qa_index: int  # the heading goes before exchange number i (0-based)


@dataclass(frozen=True)
class ParsedInterview:
    title: str | None
    lede: str
    intro: tuple[str, ...]
    interviewee: Interviewee | None
    exchanges: tuple[Exchange, ...]
    sections: tuple[Section, ...]
    language: str  # "ru" | "kk" | "en"

    def to_dict(self) -> dict:
        interviewee = self.interviewee
        return {
            "title": self.title,
            "lede": self.lede,
            "intro": list(self.intro),
            "interviewee": (
                {"name": interviewee.name, "role": interviewee.role} if interviewee else None
            ),
            "qa": [{"question": e.question, "answer": list(e.answer)} for e in self.exchanges],
            "sections": [
                {"title": s.title, "before_qa_index": s.before_qa_index} for s in self.sections
            ],
            "language": self.language,
        }


def decode_interview(data: bytes) -> str:
    """Decode an uploaded interview file: UTF-8, with or without a BOM."""
    check_size(len(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterviewParseError(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} at position "
            f"{error.start}); save it as UTF-8 and try again"
        ) from None


def parse_interview(text: str) -> ParsedInterview:
    """Parse an interview; raise InterviewParseError if it cannot be one."""
    check_size(len(text.encode("utf-8", "surrogatepass")))
    lines = _normalised_lines(text)
    if not any(lines):
        raise InterviewParseError(
            "the interview text is empty" if not text else "the interview text is only whitespace"
        )
    interview_format = _detect_format(lines)
    paragraphs = interview_format.settle(
        [interview_format.read(raw) for raw in _split_paragraphs(lines, interview_format)]
    )
    preamble_paragraphs, body = _split_at_first_question(paragraphs)
    preamble = _read_preamble(preamble_paragraphs)
    turns = _group_turns(body, interview_format.answers_unmarked)
    _resolve_unknown_parts(turns)
    _return_misplaced_headings(turns)
    exchanges, sections = _assemble(turns)
    if preamble.section is not None:
        sections = (Section(preamble.section, 0), *sections)
    language = _guess_language(text)
    context = [t for t in (preamble.title, preamble.lede, *preamble.intro) if t]
    interviewee = _guess_interviewee(
        context, exchanges[0].question, _answering_speakers(paragraphs), language
    )
    return ParsedInterview(
        title=preamble.title,
        lede=preamble.lede,
        intro=preamble.intro,
        interviewee=interviewee,
        exchanges=exchanges,
        sections=sections,
        language=language,
    )


# --- Input checks and normalisation -----------------------------------------

_NO_TURNS_MESSAGE = (
    "no question-and-answer turns found: mark the turns with dialogue dashes (– ...), "
    "Q:/A: or Вопрос:/Ответ: labels, speaker labels (Name: ...) or bold questions"
)


def check_size(size_in_bytes: int) -> None:
    """Refuse an interview over the limit, by its size alone (before reading a file)."""
    if size_in_bytes > MAX_INTERVIEW_BYTES:
        raise InterviewParseError(
            f"the interview is too large: {_megabytes(size_in_bytes)} "
            f"(the limit is {_megabytes(MAX_INTERVIEW_BYTES)})"
        )


def _megabytes(size_in_bytes: int) -> str:
    return f"{size_in_bytes / (1024 * 1024):.3g} MB"


# BOMs (also stray ones inside pasted text) vanish; no-break spaces become plain.
_INVISIBLE_CHARACTERS = str.maketrans({"\ufeff": None, "\u00a0": " ", "\u202f": " "})


def _normalised_lines(text: str) -> list[str]:
    """Lines without BOMs, no-break spaces, CR/CRLF endings or edge whitespace."""
    return [line.strip() for line in text.translate(_INVISIBLE_CHARACTERS).splitlines()]


# --- Turn markers -------------------------------------------------------------


class _Part(Enum):
    """Which half of an exchange a turn is."""

    QUESTION = "question"
    ANSWER = "answer"


_DASHES = "-–—―"
# A paragraph emphasised as a whole: **bold**, __bold__, *italic* or _italic_.
_WHOLE_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?P<inner>(?:(?!\1).)+)\1", re.DOTALL)
_MARKDOWN_HEADING = re.compile(r"(?P<level>#{1,6})[ \t]+(?P<text>[^\n]+?)(?:[ \t]+#+)?")
_SECTION_LEVEL = 2
_BOLD = r"(?:\*\*|__)?"
_MARKER_END = r"(?:[ \t]+|(?=\n)|$)"

_QA_WORDS = {
    "q": _Part.QUESTION,
    "question": _Part.QUESTION,
    "в": _Part.QUESTION,
    "вопрос": _Part.QUESTION,
    "сұрақ": _Part.QUESTION,
    "a": _Part.ANSWER,
    "answer": _Part.ANSWER,
    "о": _Part.ANSWER,
    "ответ": _Part.ANSWER,
    "жауап": _Part.ANSWER,
}
_QA_LABEL = re.compile(
    rf"{_BOLD}(?P<word>Question|Answer|Вопрос|Ответ|Сұрақ|Жауап|Q|A|В|О)(?:[ \t]?\d{{1,3}})?"
    rf"{_BOLD}(?P<separator>:|\.|[ \t]+[-–—―]){_BOLD}{_MARKER_END}",
    re.IGNORECASE,
)

# A label word: letters, with inner dots, hyphens or apostrophes ("О.К.", "Корр.", "Zakon.kz").
_LABEL_WORD = r"[^\W\d_](?:[^\W\d_]|[.’'-](?=[^\W\d_]))*\.?"
# "Name:", "Name: –", "**Name:**", "**Name** –". A plain "Name – text" is too often prose.
_SPEAKER_LABEL = re.compile(
    rf"(?P<bold>\*\*|__)?(?P<label>{_LABEL_WORD}(?: {_LABEL_WORD}){{0,3}}){_BOLD}"
    rf"(?::{_BOLD}(?:[ \t]*[-–—―](?=[ \t\n]|$))?|(?<=\*\*|__)[ \t]+[-–—―]){_MARKER_END}"
)
_MAX_LABEL_CHARS = 40


@dataclass(frozen=True)
class _Paragraph:
    text: str  # with the markers removed
    raw: str = ""  # as written
    is_turn: bool = False  # opens a turn of the detected format
    part: _Part | None = None  # None: not a turn, or a turn whose marker does not say
    speaker: str | None = None
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


def _after_dialogue_dash(text: str) -> str | None:
    """The text after an opening dialogue dash and space, or None if there is none."""
    if len(text) > 1 and text[0] in _DASHES and text[1] in " \t":
        return text[2:].lstrip(" \t")
    return None


def _unwrap_emphasis(text: str) -> tuple[str, bool]:
    match = _WHOLE_EMPHASIS.fullmatch(text)
    return (match["inner"].strip(), True) if match else (text, False)


def _markdown_heading(text: str) -> tuple[int, str] | None:
    """The level and the text of a Markdown heading ("## Money" -> (2, "Money"))."""
    match = _MARKDOWN_HEADING.fullmatch(text)
    return (len(match["level"]), match["text"]) if match else None


def _match_qa_label(text: str) -> tuple[_Part, str] | None:
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


def _match_speaker_label(text: str) -> _SpeakerLabel | None:
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
    return _SpeakerLabel(label, text[match.end() :].strip(), bool(match["bold"]))


def _speaker_key(label: str) -> str:
    """One key per speaker, so "Азер Бадамов:" and a later "Бадамов:" are the same person."""
    return label.split()[-1].lower().rstrip(".")


def _read_dash_turn(text: str, is_emphasised: bool) -> _Paragraph:
    rest = _after_dialogue_dash(text)
    if rest is None:
        return _Paragraph(text)
    return _Paragraph(_unwrap_emphasis(rest)[0], is_turn=True)


def _read_labelled_turn(text: str, is_emphasised: bool) -> _Paragraph:
    label = _match_qa_label(text)
    if label is None:
        return _Paragraph(text)
    part, rest = label
    return _Paragraph(rest, is_turn=True, part=part)


def _read_speaker_turn(parts: dict[str, _Part], text: str, is_emphasised: bool) -> _Paragraph:
    label = _match_speaker_label(text)
    if label is None or _speaker_key(label.name) not in parts:
        return _Paragraph(text)
    part = parts[_speaker_key(label.name)]
    return _Paragraph(label.rest, is_turn=True, part=part, speaker=label.name)


def _read_emphasised_question(text: str, is_emphasised: bool) -> _Paragraph:
    # Emphasised questions often carry a dialogue dash too: "**– Q?**" or "– **Q?**".
    rest = _after_dialogue_dash(text)
    inner, inner_is_emphasised = _unwrap_emphasis(text if rest is None else rest)
    if is_emphasised or inner_is_emphasised:
        return _Paragraph(inner, is_turn=True, part=_Part.QUESTION)
    return _Paragraph(text)


@dataclass(frozen=True)
class _Format:
    name: str
    # Reads one paragraph's marker, given its text without emphasis and whether it had any.
    read_marker: Callable[[str, bool], _Paragraph]
    # True when answers carry no marker: the first unmarked paragraph after a question opens one.
    answers_unmarked: bool = False
    # A second look at the paragraphs in context, once each has been read on its own
    # (by default none: they stay as read).
    settle: Callable[[list[_Paragraph]], list[_Paragraph]] = list

    def read(self, raw: str) -> _Paragraph:
        return replace(self._read_markers(raw), raw=raw)

    def _read_markers(self, raw: str) -> _Paragraph:
        heading = _markdown_heading(raw)
        if heading is not None:
            level, text = heading
            return _Paragraph(text, heading_level=level)
        text, is_emphasised = _unwrap_emphasis(raw)
        paragraph = self.read_marker(text, is_emphasised)
        if self.answers_unmarked and not paragraph.is_turn:
            # With unmarked answers a leading dialogue dash ("– Ответ.") is the answer's marker.
            rest = _after_dialogue_dash(paragraph.text)
            if rest is not None:
                return _Paragraph(rest)
        return paragraph


# --- Format detection ---------------------------------------------------------

_INTERVIEWER_LABELS = frozenset(
    {"корреспондент", "корр", "журналист", "интервьюер", "ведущий", "ведущая", "редакция",
     "ред", "тілші", "жүргізуші", "interviewer", "reporter", "journalist", "host", "editor",
     "moderator"}
)  # fmt: skip
_SITE_NAME = re.compile(r"\.[a-z]{2,6}$", re.IGNORECASE)  # "Zakon.kz:" is the publication asking


def _detect_format(lines: Sequence[str]) -> _Format:
    """The format that explains the most turns; a tie goes to the more explicit one."""
    openings = [_unwrap_emphasis(line) for line in lines if line and not line.startswith("#")]
    candidates = [
        candidate
        for candidate in (
            _labels_candidate(openings),
            _speakers_candidate(openings),
            _emphasis_candidate(openings),
            _dashes_candidate(openings),
        )
        if candidate is not None
    ]
    if not candidates:
        raise InterviewParseError(_NO_TURNS_MESSAGE)
    best_format, _turn_count = max(candidates, key=lambda candidate: candidate[1])
    return best_format


_Candidate = tuple[_Format, int]  # a format and how many turns it explains
_Opening = tuple[str, bool]  # a line without its emphasis, and whether it had any


def _labels_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    parts = [label[0] for text, _ in openings if (label := _match_qa_label(text))]
    questions, answers = parts.count(_Part.QUESTION), parts.count(_Part.ANSWER)
    if questions == 0 or questions + answers < 2:
        return None
    answers_unmarked = answers == 0
    labels_format = _Format("labels", _read_labelled_turn, answers_unmarked=answers_unmarked)
    return labels_format, questions + (questions if answers_unmarked else answers)


def _speakers_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    turns_by_speaker: dict[str, list[str]] = {}
    labels_by_speaker: dict[str, set[str]] = {}
    bold_speakers = set()
    for text, _ in openings:
        label = _match_speaker_label(text)
        if label is not None:
            key = _speaker_key(label.name)
            turns_by_speaker.setdefault(key, []).append(label.rest)
            labels_by_speaker.setdefault(key, set()).add(label.name)
            if label.is_bold:
                bold_speakers.add(key)
    # A one-off "Примечание:" is not a speaker; a recurring, bold or interviewer label is.
    speakers = {
        key: turns
        for key, turns in turns_by_speaker.items()
        if len(turns) >= 2
        or key in bold_speakers
        or any(map(_names_interviewer, labels_by_speaker[key]))
    }
    if not speakers:
        return None
    interviewer = _choose_interviewer(speakers, labels_by_speaker)
    answers_unmarked = len(speakers) == 1
    if answers_unmarked and not any(map(_names_interviewer, labels_by_speaker[interviewer])):
        return None
    parts = {key: _Part.QUESTION if key == interviewer else _Part.ANSWER for key in speakers}
    speakers_format = _Format(
        "speakers", partial(_read_speaker_turn, parts), answers_unmarked=answers_unmarked
    )
    turn_count = sum(len(turns) for turns in speakers.values())
    return speakers_format, turn_count * (2 if answers_unmarked else 1)


def _emphasis_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    questions = [
        paragraph.text
        for paragraph in (_read_emphasised_question(*opening) for opening in openings)
        if paragraph.is_turn
    ]
    if (
        len(questions) < 2
        or len(questions) == len(openings)
        or not any("?" in text for text in questions)
    ):
        return None
    emphasis_format = _Format(
        "emphasis",
        _read_emphasised_question,
        answers_unmarked=True,
        settle=_settle_emphasised_paragraphs,
    )
    return emphasis_format, 2 * len(questions)  # every question implies an answer turn


def _dashes_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    turn_count = sum(_after_dialogue_dash(text) is not None for text, _ in openings)
    if turn_count < 2:
        return None
    return _Format("dashes", _read_dash_turn, settle=_settle_list_items), turn_count


def _names_interviewer(label: str) -> bool:
    return label.lower().rstrip(".") in _INTERVIEWER_LABELS or bool(_SITE_NAME.search(label))


def _choose_interviewer(
    speakers: dict[str, list[str]], labels_by_speaker: dict[str, set[str]]
) -> str:
    """The speaker who asks: a known interviewer label, or whoever asks, starts and is brief."""
    first_speaker = next(iter(speakers))
    briefest = min(speakers, key=lambda key: sum(map(len, speakers[key])) / len(speakers[key]))

    def interviewer_score(key: str) -> float:
        turns = speakers[key]
        question_share = sum(map(_ends_with_question_mark, turns)) / len(turns)
        return (
            4 * any(map(_names_interviewer, labels_by_speaker[key]))
            + 2 * question_share
            + (key == first_speaker)
            + (key == briefest)
        )

    return max(speakers, key=interviewer_score)


# --- Paragraphs -----------------------------------------------------------------


def _split_paragraphs(lines: list[str], interview_format: _Format) -> list[str]:
    """Paragraphs separated by blank lines, or every line if no line is blank."""
    filled = [index for index, line in enumerate(lines) if line]
    lines = lines[filled[0] : filled[-1] + 1]  # blank lines at either end separate nothing
    if "" not in lines:
        return lines
    return [
        paragraph for block in _blocks(lines) for paragraph in _split_block(block, interview_format)
    ]


def _blocks(lines: list[str]) -> Iterator[list[str]]:
    block: list[str] = []
    for line in lines:
        if line:
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _split_block(block: list[str], interview_format: _Format) -> list[str]:
    """A line that opens a turn starts a paragraph; headings and bold lines stand alone."""
    paragraphs: list[list[str]] = []
    previous_stood_alone = False
    for line in block:
        stands_alone = _markdown_heading(line) is not None or _unwrap_emphasis(line)[1]
        if (
            not paragraphs
            or stands_alone
            or previous_stood_alone
            or interview_format.read(line).is_turn
        ):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        previous_stood_alone = stands_alone
    return ["\n".join(lines) for lines in paragraphs]


# --- Headings and titles --------------------------------------------------------

_TITLE_MAX_CHARS = 160
_SECTION_MAX_CHARS = 80
_SENTENCE_END = ".!?…:;,"
_CLOSING_MARKS = '»"”’)]*_ '
_BYLINE_WORDS = (
    r"(?:беседовала?|записала?|подготовила?|интервью взяла?|автор|фото|сұхбаттасқан|"
    r"interviewed by|interview by|text by|photo)(?!\w)"
)
_BYLINE = re.compile(_BYLINE_WORDS, re.IGNORECASE)
_BYLINE_BEFORE_NAME = re.compile(_BYLINE_WORDS + r":?\s*$", re.IGNORECASE)


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


def _is_title(paragraph: _Paragraph, right_before_first_question: bool) -> bool:
    if paragraph.heading_level >= _SECTION_LEVEL and right_before_first_question:
        return False  # "## Money" opening the questions is a section, not the title
    return paragraph.is_heading or _looks_like_heading(paragraph.text, _TITLE_MAX_CHARS)


def _is_section_title(paragraph: _Paragraph) -> bool:
    return paragraph.is_heading or (
        _looks_like_heading(paragraph.text, _SECTION_MAX_CHARS) and "?" not in paragraph.text
    )


def _ends_with_question_mark(text: str) -> bool:
    # "…?", "…?!", "…?»" all count; a "?" earlier in the paragraph does not.
    return "?" in text.rstrip(_CLOSING_MARKS)[-3:]


def _settle_emphasised_paragraphs(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """In the emphasis format not every emphasised paragraph is a question.

    Those before the first one that asks ("?") belong to the preamble: a bold title or
    lede. A short one right before a question is a section heading.
    """
    first_asking = next(
        (
            i
            for i, paragraph in enumerate(paragraphs)
            if paragraph.is_turn and "?" in paragraph.text
        ),
        0,
    )
    settled = []
    for index, (paragraph, next_paragraph) in enumerate(pairwise([*paragraphs, None])):
        if paragraph.is_turn and index < first_asking:
            paragraph = _Paragraph(paragraph.text)
        elif paragraph.is_turn and _is_section_heading(paragraph, next_paragraph):
            paragraph = _Paragraph(paragraph.text, heading_level=_SECTION_LEVEL)
        settled.append(paragraph)
    return settled


def _settle_list_items(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Where turns open with en or em dashes, a run of "- " paragraphs is a list, not turns.

    A lone "- " paragraph among them is still a turn: a hyphen typed for a dash.
    """
    hyphenated = [paragraph.is_turn and paragraph.raw.startswith("-") for paragraph in paragraphs]
    long_dash_turns = sum(p.is_turn for p in paragraphs) - sum(hyphenated)
    if long_dash_turns < sum(hyphenated):
        return paragraphs  # the hyphen is this text's dialogue dash
    settled = []
    for index, paragraph in enumerate(paragraphs):
        neighbours = hyphenated[max(0, index - 1) : index] + hyphenated[index + 1 : index + 2]
        is_list_item = hyphenated[index] and any(neighbours)
        settled.append(_Paragraph(paragraph.raw, raw=paragraph.raw) if is_list_item else paragraph)
    return settled


# --- Preamble -------------------------------------------------------------------


@dataclass(frozen=True)
class _Preamble:
    title: str | None
    lede: str
    intro: tuple[str, ...]
    section: str | None  # a heading right before the first question


def _split_at_first_question(
    paragraphs: list[_Paragraph],
) -> tuple[list[_Paragraph], list[_Paragraph]]:
    for index, paragraph in enumerate(paragraphs):
        if paragraph.is_turn and paragraph.part is not _Part.ANSWER:
            return paragraphs[:index], paragraphs[index:]
    raise InterviewParseError(_NO_TURNS_MESSAGE)


def _read_preamble(paragraphs: list[_Paragraph]) -> _Preamble:
    remaining = [paragraph for paragraph in paragraphs if paragraph.text]
    title = None
    if remaining and _is_title(remaining[0], right_before_first_question=len(remaining) == 1):
        title = remaining.pop(0).text
    section = None
    # A heading-like last paragraph is a section, unless it is all there is: then the lede.
    if (
        remaining
        and _is_section_title(remaining[-1])
        and (remaining[-1].is_heading or len(remaining) >= 2)
    ):
        section = remaining.pop().text
    lede = remaining[0].text if remaining else ""
    return _Preamble(title, lede, tuple(p.text for p in remaining[1:]), section)


# --- Turns ----------------------------------------------------------------------


@dataclass
class _Turn:
    part: _Part | None
    paragraphs: list[str]
    heading: str | None = None  # a section heading standing right before this turn


def _group_turns(body: list[_Paragraph], answers_unmarked: bool) -> list[_Turn]:
    """Each turn marker opens a turn; unmarked paragraphs join the turn before them."""
    turns: list[_Turn] = []
    heading = None
    for paragraph, next_paragraph in pairwise([*body, None]):
        if paragraph.is_turn:
            turns.append(_Turn(paragraph.part, [paragraph.text], heading))
            heading = None
        elif _opens_unmarked_answer(paragraph, turns[-1], answers_unmarked):
            turns.append(_Turn(_Part.ANSWER, [paragraph.text]))
        elif _is_section_heading(paragraph, next_paragraph):
            heading = paragraph.text
        else:
            turns[-1].paragraphs.append(paragraph.text)
    return turns


def _opens_unmarked_answer(paragraph: _Paragraph, last_turn: _Turn, answers_unmarked: bool) -> bool:
    return answers_unmarked and last_turn.part is _Part.QUESTION and not paragraph.is_heading


def _is_section_heading(paragraph: _Paragraph, next_paragraph: _Paragraph | None) -> bool:
    return (
        next_paragraph is not None
        and next_paragraph.is_turn
        and next_paragraph.part is not _Part.ANSWER
        and _is_section_title(paragraph)
    )


# Costs for deciding which dash turns ask (_most_likely_parts). Alternating is free; the
# question mark only breaks ties, so it can never outweigh the alternation on its own.
_QUESTION_WITHOUT_QUESTION_MARK = 1.0
_ANSWER_WITH_QUESTION_MARK = 1.5
_TWO_QUESTIONS_IN_A_ROW = 3.0  # a question left unanswered is rarer than a split answer
_TWO_ANSWERS_IN_A_ROW = 2.0  # e.g. an answer whose every paragraph opens with a dash
_ENDS_WITH_A_QUESTION = 2.0


def _resolve_unknown_parts(turns: list[_Turn]) -> None:
    if any(turn.part is None for turn in turns):
        question_like = [_turn_looks_like_question(turn) for turn in turns]
        for turn, part in zip(turns, _most_likely_parts(question_like), strict=True):
            turn.part = part


def _turn_looks_like_question(turn: _Turn) -> bool:
    texts = [text for text in turn.paragraphs if text]
    return bool(texts) and _ends_with_question_mark(texts[-1])


def _most_likely_parts(question_like: Sequence[bool]) -> list[_Part]:
    """The cheapest sequence of parts for the turns (a two-state Viterbi).

    cost[part] is the cheapest explanation of the turns so far that ends in `part`;
    came_from[i][part] is the part of the turn before, on that cheapest path.
    """
    # The first turn always asks.
    cost = {_Part.QUESTION: _part_cost(_Part.QUESTION, question_like[0]), _Part.ANSWER: math.inf}
    came_from: list[dict[_Part, _Part]] = []
    for looks_like_question in question_like[1:]:
        previous = {part: _cheapest_way_into(part, cost) for part in _Part}
        cost = {
            part: cost[previous[part]]
            + _transition_cost(previous[part], part)
            + _part_cost(part, looks_like_question)
            for part in _Part
        }
        came_from.append(previous)
    cost[_Part.QUESTION] += _ENDS_WITH_A_QUESTION
    part = min(_Part, key=lambda last: (cost[last], last is _Part.QUESTION))
    path = [part]
    for previous in reversed(came_from):
        part = previous[part]
        path.append(part)
    return path[::-1]


def _cheapest_way_into(part: _Part, cost: dict[_Part, float]) -> _Part:
    # On equal cost alternation wins (False sorts before True).
    return min(
        _Part,
        key=lambda previous: (cost[previous] + _transition_cost(previous, part), previous is part),
    )


def _part_cost(part: _Part, looks_like_question: bool) -> float:
    if part is _Part.QUESTION:
        return 0.0 if looks_like_question else _QUESTION_WITHOUT_QUESTION_MARK
    return _ANSWER_WITH_QUESTION_MARK if looks_like_question else 0.0


def _transition_cost(previous: _Part, part: _Part) -> float:
    if previous is not part:
        return 0.0
    return _TWO_QUESTIONS_IN_A_ROW if part is _Part.QUESTION else _TWO_ANSWERS_IN_A_ROW


def _return_misplaced_headings(turns: list[_Turn]) -> None:
    """A heading-like line before an answer is not a section: it stays where it was, as text."""
    for previous, turn in pairwise(turns):
        if turn.heading is not None and turn.part is not _Part.QUESTION:
            previous.paragraphs.append(turn.heading)
            turn.heading = None


def _answering_speakers(paragraphs: list[_Paragraph]) -> list[str]:
    """Labels of the speakers who answer, the most talkative first, each in its longest form."""
    labels = [p.speaker for p in paragraphs if p.part is _Part.ANSWER and p.speaker]
    turn_counts = Counter(map(_speaker_key, labels))
    longest: dict[str, str] = {}
    for label in labels:
        key = _speaker_key(label)
        if len(label) > len(longest.get(key, "")):
            longest[key] = label
    return [longest[key] for key, _ in turn_counts.most_common()]


# --- Exchanges ------------------------------------------------------------------


@dataclass
class _ExchangeDraft:
    question: list[str]
    answer: list[str] = field(default_factory=list)
    heading: str | None = None


def _assemble(turns: list[_Turn]) -> tuple[tuple[Exchange, ...], tuple[Section, ...]]:
    """Pair questions with answers; consecutive questions merge into one, as do answers."""
    drafts: list[_ExchangeDraft] = []
    for turn in turns:
        if turn.part is not _Part.QUESTION:
            drafts[-1].answer.extend(turn.paragraphs)
        elif drafts and not drafts[-1].answer and turn.heading is None:
            drafts[-1].question.extend(turn.paragraphs)
        else:
            drafts.append(_ExchangeDraft(list(turn.paragraphs), heading=turn.heading))
    exchanges = tuple(
        Exchange(
            question="\n\n".join(text for text in draft.question if text),
            answer=tuple(text for text in draft.answer if text),
        )
        for draft in drafts
    )
    if not any(exchange.answer for exchange in exchanges):
        raise InterviewParseError(f"{_NO_TURNS_MESSAGE} (the questions have no answers)")
    sections = tuple(
        Section(draft.heading, index)
        for index, draft in enumerate(drafts)
        if draft.heading is not None
    )
    return exchanges, sections


# --- Interviewee ----------------------------------------------------------------

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
    # Kazakh
    "төраға", "сарапшы", "саясаттанушы", "елші", "әкім", "басшы", "орынбасар", "кеңесші",
    "ғалым", "талдаушы", "жазушы", "мұғалім", "дәрігер",
    # English
    "minister", "director", "founder", "professor", "economist", "analyst", "ceo", "cfo",
    "cto", "chairman", "chairwoman", "chair", "president", "ambassador", "governor",
    "mayor", "senator", "deputy", "adviser", "advisor", "expert", "head", "chief", "editor",
    "researcher", "scientist", "lawyer", "investor", "executive", "spokesperson",
    "spokesman", "spokeswoman", "lawmaker", "historian", "strategist", "engineer",
    "farmer", "doctor", "teacher", "architect", "coach", "writer",
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
     "asked", "spoke", "talked", "interviewed", "is", "was", "we", "our", "his", "her",
     "their", "this", "that", "in", "on"}
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


def _guess_interviewee(
    context: list[str], first_question: str, labels: list[str], language: str
) -> Interviewee | None:
    hints = _collect_hints(first_question, labels)
    mentions = [mention for text in _limit_chars(context) for mention in _find_mentions(text)]
    people = _group_by_surname(mentions)
    scored = [(_person_score(person, hints, language), person) for person in people]
    plausible = [(score, person) for score, person in scored if score is not None]
    if plausible:
        _score, person = max(plausible, key=lambda item: item[0])
        return Interviewee(_chosen_name(person, hints), _role_of(person, language))
    if hints.label_names:
        return Interviewee(hints.label_names[0], "")
    return None


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
    return label.title() if label.isupper() and not _abbreviation(label) else label


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
        if len(run) >= 2:
            name_words = _trim_to_name(run)
            start, end = name_words[0].start(), name_words[-1].end()
            words = tuple(word.group() for word in name_words)
            mentions.append(_Mention(source[start:end], words, source, start, end))
    return mentions


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
        if run and not _continues_run(source[run[-1].end() : word.start()], run[-1].group()):
            yield run
            run = []
        run.append(word)
    if run:
        yield run


def _continues_run(gap: str, previous_word: str) -> bool:
    return gap == " " or (len(previous_word) == 1 and gap in (".", ". "))


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
    score += sum(not _looks_oblique(mention) for mention in person)
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


def _looks_oblique(mention: _Mention) -> bool:
    return bool(_OBLIQUE_SURNAME.search(mention.words[-1]))


def _follows_byline(mention: _Mention) -> bool:
    before = mention.source[max(0, mention.start - 40) : mention.start]
    return bool(_BYLINE_BEFORE_NAME.search(before))


def _chosen_name(person: list[_Mention], hints: _Hints) -> str:
    """A speaker label naming this person in full, else the likeliest nominative form."""
    for label in hints.label_names:
        words = label.split()
        if len(words) >= 2 and _same_word(words[-1], person[0].words[-1]):
            return label
    best = min(
        enumerate(person),
        key=lambda item: (_looks_oblique(item[1]), len(item[1].name), item[0]),
    )
    return best[1].name


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
    return _role_after(mention) or _role_before(mention, language)


def _role_after(mention: _Mention) -> _RolePhrase | None:
    """An apposition: "Jane Doe, chief economist at X, ..." or "Азер Бадамов – депутат"."""
    match = _APPOSITIVE_ROLE.match(mention.source, mention.end)
    if match is None:
        return None
    role = _LEADING_ARTICLE.sub("", match["role"].strip())
    for word in role.split()[:_ROLE_MAX_DISTANCE]:
        ending = _role_stem_ending(word)
        if ending is not None:
            return _RolePhrase(role, _is_dictionary_form(ending))
    return None


def _role_before(mention: _Mention, language: str) -> _RolePhrase | None:
    """A role phrase ending right before the name: "депутат Милли Меджлиса Азер Бадамов"."""
    window_start = max(0, mention.start - _ROLE_CONTEXT_CHARS)
    clause = mention.source[window_start : mention.start]
    boundaries = list(_CLAUSE_BOUNDARY.finditer(clause))
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
        return None
    ending = _role_stem_ending(words[role_index])
    start = _extend_role_backwards(words, role_index, language)
    return _RolePhrase(_lowercase_sentence_start(words[start:]), _is_dictionary_form(ending))


def _is_dictionary_form(case_ending: str | None) -> bool:
    return case_ending in ("", "ь")


def _lowercase_sentence_start(words: list[str]) -> str:
    """ "Директор библиотеки" at the start of a sentence is "директор библиотеки" as a role."""
    first = words[0]
    if first[1:].islower() and (_is_role_noun(first) or _is_role_modifier(first, "ru")):
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
        if modifiers >= _ROLE_MAX_PREFIX_WORDS or not _is_role_modifier(word, language):
            break
        start -= 1
        modifiers += 1
    return start


def _is_role_modifier(word: str, language: str) -> bool:
    """Can this word stand before a role noun as part of the role?"""
    lowered = word.lower()
    if language == "ru":
        # Russian puts complements after the noun; only adjectives come before it.
        return bool(_RUSSIAN_ADJECTIVE.search(lowered))
    if language == "kk":
        # Kazakh stacks genitives and adjectives before the noun: "Орталық саябақтың директоры".
        return word[0].isupper() or bool(_KAZAKH_ATTRIBUTE.search(lowered))
    return lowered not in _ENGLISH_STOPWORDS


# --- Language -------------------------------------------------------------------

_LANGUAGE_SAMPLE_CHARS = 20_000
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_LATIN = re.compile(r"[a-zA-Z]")
# Kazakh-only letters make up several percent of Kazakh text but appear in Russian
# text only in the odd Kazakh name.
_KAZAKH_LETTER_SHARE = 0.02


def _guess_language(text: str) -> str:
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic <= len(_LATIN.findall(sample)):
        return "en"
    kazakh = len(_KAZAKH_ONLY.findall(sample))
    return "kk" if kazakh >= _KAZAKH_LETTER_SHARE * cyrillic else "ru"
