"""Grouping paragraphs into turns, deciding which turns ask, pairing them into exchanges."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from interviews.exchange import Answer, Exchange
from interviews.importer.headings import (
    ends_with_question_mark,
    is_byline,
    is_section_heading,
    reader_label,
)
from interviews.importer.markers import Paragraph, is_generic_interviewer, speaker_key
from interviews.importer.model import (
    NO_TURNS_MESSAGE,
    InterviewParseError,
    Part,
    Section,
)
from interviews.importer.names import display_name


@dataclass
class _Turn:
    part: Part | None
    paragraphs: list[str]
    heading: str | None = None  # a section heading standing right before this turn
    speaker: str | None = None  # the speaker's label, when the format names speakers


def group_turns(body: list[Paragraph], answers_unmarked: bool) -> list[_Turn]:
    """Each turn marker opens a turn; unmarked paragraphs join the turn before them."""
    turns: list[_Turn] = []
    heading = None
    reader = None  # a reader's name on the line before their question
    for paragraph, next_paragraph in pairwise([*body, None]):
        if paragraph.is_turn:
            speaker = paragraph.speaker or reader
            turns.append(_Turn(paragraph.part, [paragraph.text], heading, speaker))
            heading = reader = None
        elif _introduces_reader(paragraph, next_paragraph):
            reader = reader_label(paragraph.text)
        elif not turns:
            # Nothing to join yet (the body opens with a question): it opens the first turn.
            turns.append(_Turn(Part.QUESTION, [paragraph.text]))
        elif _opens_unmarked_answer(paragraph, turns[-1], answers_unmarked):
            turns.append(_Turn(Part.ANSWER, [paragraph.text]))
        elif is_section_heading(paragraph, next_paragraph):
            heading = paragraph.text
        else:
            turns[-1].paragraphs.append(paragraph.text)
    return turns


def _introduces_reader(paragraph: Paragraph, next_paragraph: Paragraph | None) -> bool:
    return (
        next_paragraph is not None
        and next_paragraph.is_turn
        and next_paragraph.part is not Part.ANSWER
        and not next_paragraph.speaker
        and reader_label(paragraph.text) is not None
    )


def _opens_unmarked_answer(paragraph: Paragraph, last_turn: _Turn, answers_unmarked: bool) -> bool:
    return answers_unmarked and last_turn.part is Part.QUESTION and not paragraph.is_heading


# Costs for deciding which dash turns ask (_most_likely_parts). Alternating is free; the
# question mark only breaks ties, so it can never outweigh the alternation on its own.
_QUESTION_WITHOUT_QUESTION_MARK = 1.0
_ANSWER_WITH_QUESTION_MARK = 1.5
_TWO_QUESTIONS_IN_A_ROW = 3.0  # a question left unanswered is rarer than a split answer
_TWO_ANSWERS_IN_A_ROW = 2.0  # e.g. an answer whose every paragraph opens with a dash
_ENDS_WITH_A_QUESTION = 2.0


def resolve_unknown_parts(turns: list[_Turn]) -> None:
    if any(turn.part is None for turn in turns):
        question_like = [_turn_looks_like_question(turn) for turn in turns]
        for turn, part in zip(turns, _most_likely_parts(question_like), strict=True):
            turn.part = part


def _turn_looks_like_question(turn: _Turn) -> bool:
    texts = [text for text in turn.paragraphs if text]
    return bool(texts) and ends_with_question_mark(texts[-1])


def _most_likely_parts(question_like: Sequence[bool]) -> list[Part]:
    """The cheapest sequence of parts for the turns (a two-state Viterbi).

    cost[part] is the cheapest explanation of the turns so far that ends in `part`;
    came_from[i][part] is the part of the turn before, on that cheapest path.
    """
    # The first turn always asks.
    cost = {Part.QUESTION: _part_cost(Part.QUESTION, question_like[0]), Part.ANSWER: math.inf}
    came_from: list[dict[Part, Part]] = []
    for looks_like_question in question_like[1:]:
        previous = {part: _cheapest_way_into(part, cost) for part in Part}
        cost = {
            part: cost[previous[part]]
            + _transition_cost(previous[part], part)
            + _part_cost(part, looks_like_question)
            for part in Part
        }
        came_from.append(previous)
    cost[Part.QUESTION] += _ENDS_WITH_A_QUESTION
    part = min(Part, key=lambda last: (cost[last], last is Part.QUESTION))
    path = [part]
    for previous in reversed(came_from):
        part = previous[part]
        path.append(part)
    return path[::-1]


def _cheapest_way_into(part: Part, cost: dict[Part, float]) -> Part:
    # On equal cost alternation wins (False sorts before True).
    return min(
        Part,
        key=lambda previous: (cost[previous] + _transition_cost(previous, part), previous is part),
    )


def _part_cost(part: Part, looks_like_question: bool) -> float:
    if part is Part.QUESTION:
        return 0.0 if looks_like_question else _QUESTION_WITHOUT_QUESTION_MARK
    return _ANSWER_WITH_QUESTION_MARK if looks_like_question else 0.0


def _transition_cost(previous: Part, part: Part) -> float:
    if previous is not part:
        return 0.0
    return _TWO_QUESTIONS_IN_A_ROW if part is Part.QUESTION else _TWO_ANSWERS_IN_A_ROW


def return_misplaced_headings(turns: list[_Turn]) -> None:
    """A heading-like line before an answer is not a section: it stays where it was, as text."""
    for previous, turn in pairwise(turns):
        if turn.heading is not None and turn.part is not Part.QUESTION:
            previous.paragraphs.append(turn.heading)
            turn.heading = None


def answering_speakers(turns: list[_Turn]) -> list[str]:
    """Labels of the speakers who answer, the most talkative first, each in its longest form."""
    labels = [turn.speaker for turn in turns if turn.part is Part.ANSWER and turn.speaker]
    turn_counts = Counter(map(speaker_key, labels))
    longest: dict[str, str] = {}
    for label in labels:
        key = speaker_key(label)
        if len(label) > len(longest.get(key, "")):
            longest[key] = label
    return [longest[key] for key, _ in turn_counts.most_common()]


def speaker_roles(paragraphs: list[Paragraph]) -> dict[str, str]:
    """Roles written in the labels ("JANE MOSS, HOST:"), by speaker key."""
    return {
        speaker_key(p.speaker): p.speaker_role for p in paragraphs if p.speaker and p.speaker_role
    }


def speaker_names(paragraphs: list[Paragraph]) -> dict[str, str | None]:
    """Each speaker's display name, by speaker key: the fullest label written for them.

    Generic labels ("Корреспондент", "Q") name nobody: None. A label in capitals
    ("JOHN SMITH", "А.СОЛОМИН") is shown in the usual case.
    """
    names: dict[str, str | None] = {}
    for paragraph in paragraphs:
        label = paragraph.speaker
        if not label:
            continue
        key = speaker_key(label)
        name = None if is_generic_interviewer(label) else display_name(label)
        current = names.get(key)
        if key not in names or (name and (current is None or len(name) > len(current))):
            names[key] = name
    return names


@dataclass
class _ExchangeDraft:
    question: list[str]
    answer: list[str] = field(default_factory=list)
    heading: str | None = None
    askers: list[str] = field(default_factory=list)
    answers: list[tuple[str | None, list[str]]] = field(default_factory=list)


def assemble(
    turns: list[_Turn], names: dict[str, str | None] | None = None
) -> tuple[tuple[Exchange, ...], tuple[Section, ...]]:
    """Pair questions with answers; consecutive questions merge into one, as do answers
    of the same speaker. Answers of different speakers stay apart, each with its speaker."""
    names = names or {}
    drafts: list[_ExchangeDraft] = []
    for turn in turns:
        speaker = (
            names.get(speaker_key(turn.speaker), display_name(turn.speaker))
            if turn.speaker
            else None
        )
        if turn.part is not Part.QUESTION:
            draft = drafts[-1]
            draft.answer.extend(turn.paragraphs)
            if draft.answers and draft.answers[-1][0] == speaker:
                draft.answers[-1][1].extend(turn.paragraphs)
            else:
                draft.answers.append((speaker, list(turn.paragraphs)))
            continue
        if drafts and not drafts[-1].answer and turn.heading is None:
            draft = drafts[-1]
            draft.question.extend(turn.paragraphs)
        else:
            draft = _ExchangeDraft(list(turn.paragraphs), heading=turn.heading)
            drafts.append(draft)
        if speaker and speaker not in draft.askers:
            draft.askers.append(speaker)
    exchanges = tuple(
        Exchange(
            question="\n\n".join(text for text in draft.question if text),
            asked_by=tuple(draft.askers),
            answers=tuple(
                Answer(by, kept)
                for by, paragraphs in draft.answers
                if (kept := tuple(text for text in paragraphs if text))
            ),
        )
        for draft in drafts
    )
    if not any(exchange.answer for exchange in exchanges):
        raise InterviewParseError(
            f"{NO_TURNS_MESSAGE} (the questions have no answers)", code="no_answers"
        )
    sections = tuple(
        Section(draft.heading, index)
        for index, draft in enumerate(drafts)
        if draft.heading is not None
    )
    return exchanges, sections


def split_off_byline(
    exchanges: tuple[Exchange, ...],
) -> tuple[tuple[Exchange, ...], str | None]:
    """A closing credit ("Беседовала Анна Ким", "Interview by …") is not part of the answer."""
    if not exchanges or not exchanges[-1].answer:
        return exchanges, None
    last = exchanges[-1]
    closing = last.answer[-1]
    if len(last.answer) < 2 or not is_byline(closing):
        return exchanges, None
    answers = list(last.answers)
    final = answers[-1]
    answers[-1] = Answer(final.speaker, final.text[:-1])
    trimmed = replace(last, answers=tuple(answer for answer in answers if answer.text))
    return (*exchanges[:-1], trimmed), closing
