"""What comes before the first question: title, lede, intro."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from interviews.importer.headings import (
    ends_with_question_mark,
    is_exclaiming_headline,
    is_opening_byline,
    is_section_title,
    is_title,
)
from interviews.importer.markers import Paragraph
from interviews.importer.model import NO_TURNS_MESSAGE, InterviewParseError, Part


@dataclass(frozen=True)
class _Preamble:
    title: str | None
    lede: str
    intro: tuple[str, ...]
    section: str | None  # a heading right before the first question
    byline: str | None = None  # "By Sarah Cole" under the headline


def split_at_first_question(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], list[Paragraph]]:
    for index, paragraph in enumerate(paragraphs):
        if paragraph.is_turn and paragraph.part is not Part.ANSWER:
            if not any(p.is_turn for p in paragraphs[:index]) and _is_opening_quote(
                paragraphs, index
            ):
                # Kept as written, dash and all: it is a quotation in the lede.
                paragraphs = [
                    *paragraphs[:index],
                    replace(paragraph, text=paragraph.raw, is_turn=False),
                    *paragraphs[index + 1 :],
                ]
                continue
            return paragraphs[:index], paragraphs[index:]
    raise InterviewParseError(NO_TURNS_MESSAGE, code="no_turns")


# "…меняется, – уверен фермер", "…change, — says the mayor": the quotation's attribution.
_ATTRIBUTION = re.compile(r"[,.!?…»]\s+[-–—]\s+\w")


def _is_opening_quote(paragraphs: list[Paragraph], index: int) -> bool:
    """A piece may open with a quoted answer ("– Деревня не умирает, – уверен фермер") and
    only then introduce the guest: a dash turn that does not ask, followed by prose, and
    with a real question still to come."""
    paragraph = paragraphs[index]
    if (
        paragraph.part is not None
        or ends_with_question_mark(paragraph.text)
        or not _ATTRIBUTION.search(paragraph.text)
    ):
        return False
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return (
        following is not None
        and not following.is_turn
        and not following.is_heading
        and any(
            later.is_turn and ends_with_question_mark(later.text)
            for later in paragraphs[index + 1 :]
        )
    )


def read_preamble(paragraphs: list[Paragraph], *, take_byline: bool = True) -> _Preamble:
    """`take_byline`: a credit line in the preamble is the byline (unless one closes the
    interview: then it stays where it is, in the intro)."""
    remaining = [paragraph for paragraph in paragraphs if paragraph.text]
    byline = None
    if take_byline:
        credit = next((p for p in remaining if is_opening_byline(p.text)), None)
        if credit is not None:
            remaining.remove(credit)
            byline = credit.text
    title = None
    if remaining and (
        is_title(remaining[0], right_before_first_question=len(remaining) == 1)
        or (len(remaining) >= 2 and is_exclaiming_headline(remaining[0].text))
    ):
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
    return _Preamble(title, lede, tuple(p.text for p in remaining[1:]), section, byline)
