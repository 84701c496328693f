"""The review screen's model: an interview as a flat list of paragraphs, each with its role
and speaker, and back.

The editor sees what the parser read, one paragraph at a time, and corrects roles and
speakers; `interview_from_paragraphs` then builds the same `ParsedInterview` the parser
would have built had it read them so. `paragraphs_of(parsed)` is its inverse: for an
interview whose questions each have at most one asker, the round trip gives the parse back.

Rules (the parser's, restated for roles the editor chose):
    * Question paragraphs in a row form one question (joined by a blank line), whoever
      asks; each asker is named once, in order.
    * Answer paragraphs in a row of one speaker form one answering turn; a change of
      speaker opens a new turn in the same exchange. A question after an answer opens
      the next exchange.
    * A section heading goes before the next exchange, and a question after it opens one.
    * Title, lede, byline: their paragraphs joined (a title by a space). Intro and caption
      paragraphs are kept in order wherever they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum

from interviews.exchange import Answer, Exchange
from interviews.importer.model import (
    NO_TURNS_MESSAGE,
    Interviewee,
    InterviewParseError,
    ParsedInterview,
    Section,
)
from interviews.importer.warnings import warnings_for


class Role(Enum):
    TITLE = "title"
    LEDE = "lede"
    INTRO = "intro"
    QUESTION = "question"
    ANSWER = "answer"
    SECTION = "section"
    BYLINE = "byline"
    CAPTION = "caption"


@dataclass(frozen=True)
class ReviewParagraph:
    role: Role
    text: str
    speaker: str | None = None  # who asks or answers; None where the text does not say
    # The parser's doubt about this paragraph: the codes of the warnings that concern it.
    doubts: tuple[str, ...] = ()


def paragraphs_of(parsed: ParsedInterview) -> list[ReviewParagraph]:
    """The parsed interview as the review screen lists it, in reading order. Captions come
    after the intro (the parser does not keep where they stood)."""
    paragraphs = []
    if parsed.title:
        paragraphs.append(ReviewParagraph(Role.TITLE, parsed.title))
    if parsed.lede:
        paragraphs.append(ReviewParagraph(Role.LEDE, parsed.lede))
    paragraphs += [ReviewParagraph(Role.INTRO, text) for text in parsed.intro]
    paragraphs += [ReviewParagraph(Role.CAPTION, text) for text in parsed.captions]
    doubts: dict[int, list[str]] = {}
    for warning in parsed.warnings:
        if warning.exchange is not None:
            doubts.setdefault(warning.exchange, []).append(warning.code)
    for index, exchange in enumerate(parsed.exchanges):
        paragraphs += [
            ReviewParagraph(Role.SECTION, section.title)
            for section in parsed.sections
            if section.before_qa_index == index
        ]
        doubt = tuple(doubts.get(index, ()))
        question_paragraphs = [text for text in exchange.question.split("\n\n") if text]
        for position, text in enumerate(question_paragraphs):
            # The parser keeps who asked, not which paragraph each host asked: the first
            # paragraphs go to the hosts in order, the last host keeps the rest.
            askers = exchange.asked_by
            speaker = askers[min(position, len(askers) - 1)] if askers else None
            paragraphs.append(ReviewParagraph(Role.QUESTION, text, speaker, doubt))
        for answer in exchange.answers:
            paragraphs += [
                ReviewParagraph(Role.ANSWER, text, answer.speaker, doubt) for text in answer.text
            ]
    paragraphs += [
        ReviewParagraph(Role.SECTION, section.title)
        for section in parsed.sections
        if section.before_qa_index >= len(parsed.exchanges)
    ]
    if parsed.byline:
        paragraphs.append(ReviewParagraph(Role.BYLINE, parsed.byline))
    return paragraphs


@dataclass
class _Exchange:
    question: list[str]
    askers: list[str] = field(default_factory=list)
    answers: list[tuple[str | None, list[str]]] = field(default_factory=list)


def interview_from_paragraphs(
    paragraphs: list[ReviewParagraph],
    *,
    language: str,
    interviewees: tuple[Interviewee, ...] = (),
) -> ParsedInterview:
    """The interview the editor confirmed. Raise InterviewParseError when the roles cannot
    make one: no question, no answer at all, or an answer before the first question."""
    by_role: dict[Role, list[str]] = {role: [] for role in Role}
    exchanges: list[_Exchange] = []
    sections: list[Section] = []
    section_pending = False
    for number, paragraph in enumerate(paragraphs, start=1):
        text, speaker = paragraph.text, paragraph.speaker or None
        if not text.strip():
            continue
        if paragraph.role is Role.SECTION:
            sections.append(Section(text, len(exchanges)))
            section_pending = True
        elif paragraph.role is Role.QUESTION:
            if exchanges and not exchanges[-1].answers and not section_pending:
                exchange = exchanges[-1]
                exchange.question.append(text)
            else:
                exchange = _Exchange([text])
                exchanges.append(exchange)
            section_pending = False
            if speaker and speaker not in exchange.askers:
                exchange.askers.append(speaker)
        elif paragraph.role is Role.ANSWER:
            if not exchanges:
                raise InterviewParseError(
                    f"paragraph {number} is an answer before the first question: "
                    "mark the question it answers",
                    code="answer_before_question",
                    params={"number": number},
                )
            answers = exchanges[-1].answers
            if answers and answers[-1][0] == speaker:
                answers[-1][1].append(text)
            else:
                answers.append((speaker, [text]))
        else:
            by_role[paragraph.role].append(text)
    if not exchanges:
        raise InterviewParseError(NO_TURNS_MESSAGE, code="no_turns")
    if not any(exchange.answers for exchange in exchanges):
        raise InterviewParseError(
            f"{NO_TURNS_MESSAGE} (the questions have no answers)", code="no_answers"
        )
    parsed = ParsedInterview(
        title=" ".join(by_role[Role.TITLE]) or None,
        lede="\n\n".join(by_role[Role.LEDE]),
        intro=tuple(by_role[Role.INTRO]),
        interviewee=interviewees[0] if interviewees else None,
        exchanges=tuple(
            Exchange(
                question="\n\n".join(exchange.question),
                asked_by=tuple(exchange.askers),
                answers=tuple(Answer(by, tuple(texts)) for by, texts in exchange.answers),
            )
            for exchange in exchanges
        ),
        sections=tuple(sections),
        language=language,
        interviewees=interviewees,
        byline="\n\n".join(by_role[Role.BYLINE]) or None,
        captions=tuple(by_role[Role.CAPTION]),
    )
    return replace(parsed, warnings=warnings_for(parsed))


def joined_and_split(
    paragraphs: list[ReviewParagraph], join: set[int], split: set[int]
) -> list[ReviewParagraph]:
    """The editor's merges and splits: a paragraph in `join` joins the one before it (a line
    break between them); one in `split` becomes one paragraph per line, each keeping its
    role and speaker. Indices are 0-based positions in `paragraphs`."""
    result: list[ReviewParagraph] = []
    for index, paragraph in enumerate(paragraphs):
        if index in join and result:
            previous = result[-1]
            paragraph = replace(
                previous,
                text=f"{previous.text}\n{paragraph.text}",
                doubts=tuple(dict.fromkeys((*previous.doubts, *paragraph.doubts))),
            )
            result.pop()
        if index in split:
            result += [
                replace(paragraph, text=line.strip())
                for line in paragraph.text.split("\n")
                if line.strip()
            ]
        else:
            result.append(paragraph)
    return result
