"""What comes before the first question: title, lede, intro."""

from __future__ import annotations

from dataclasses import dataclass

from interviews.importer.headings import is_section_title, is_title
from interviews.importer.markers import Paragraph
from interviews.importer.model import NO_TURNS_MESSAGE, InterviewParseError, Part


@dataclass(frozen=True)
class _Preamble:
    title: str | None
    lede: str
    intro: tuple[str, ...]
    section: str | None  # a heading right before the first question


def split_at_first_question(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], list[Paragraph]]:
    for index, paragraph in enumerate(paragraphs):
        if paragraph.is_turn and paragraph.part is not Part.ANSWER:
            return paragraphs[:index], paragraphs[index:]
    raise InterviewParseError(NO_TURNS_MESSAGE)


def read_preamble(paragraphs: list[Paragraph]) -> _Preamble:
    remaining = [paragraph for paragraph in paragraphs if paragraph.text]
    title = None
    if remaining and is_title(remaining[0], right_before_first_question=len(remaining) == 1):
        title = remaining.pop(0).text
    section = None
    # A heading-like last paragraph is a section, unless it is all there is: then the lede.
    if (
        remaining
        and is_section_title(remaining[-1])
        and (remaining[-1].is_heading or len(remaining) >= 2)
    ):
        section = remaining.pop().text
    lede = remaining[0].text if remaining else ""
    return _Preamble(title, lede, tuple(p.text for p in remaining[1:]), section)
