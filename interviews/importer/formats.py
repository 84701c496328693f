"""The turn formats, and detecting which one a text is written in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import pairwise

from interviews.importer.headings import ends_with_question_mark, is_section_heading
from interviews.importer.markers import (
    SECTION_LEVEL,
    Paragraph,
    after_dialogue_dash,
    markdown_heading,
    match_qa_label,
    match_speaker_label,
    names_interviewer,
    read_dash_turn,
    read_emphasised_question,
    read_labelled_turn,
    read_speaker_turn,
    speaker_key,
    unwrap_emphasis,
)
from interviews.importer.model import NO_TURNS_MESSAGE, InterviewParseError, Part


@dataclass(frozen=True)
class Format:
    name: str
    # Reads one paragraph's marker, given its text without emphasis and whether it had any.
    read_marker: Callable[[str, bool], Paragraph]
    # True when answers carry no marker: the first unmarked paragraph after a question opens one.
    answers_unmarked: bool = False
    # A second look at the paragraphs in context, once each has been read on its own
    # (by default none: they stay as read).
    settle: Callable[[list[Paragraph]], list[Paragraph]] = list

    def read(self, raw: str) -> Paragraph:
        return replace(self._read_markers(raw), raw=raw)

    def _read_markers(self, raw: str) -> Paragraph:
        heading = markdown_heading(raw)
        if heading is not None:
            level, text = heading
            return Paragraph(text, heading_level=level)
        text, is_emphasised = unwrap_emphasis(raw)
        paragraph = self.read_marker(text, is_emphasised)
        if self.answers_unmarked and not paragraph.is_turn:
            # With unmarked answers a leading dialogue dash ("– Ответ.") is the answer's marker.
            rest = after_dialogue_dash(paragraph.text)
            if rest is not None:
                return Paragraph(rest)
        return paragraph


def detect_format(lines: Sequence[str]) -> Format:
    """The format that explains the most turns; a tie goes to the more explicit one."""
    openings = [unwrap_emphasis(line) for line in lines if line and not line.startswith("#")]
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
        raise InterviewParseError(NO_TURNS_MESSAGE)
    best_format, _turn_count = max(candidates, key=lambda candidate: candidate[1])
    return best_format


_Candidate = tuple[Format, int]  # a format and how many turns it explains


_Opening = tuple[str, bool]  # a line without its emphasis, and whether it had any


def _labels_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    parts = [label[0] for text, _ in openings if (label := match_qa_label(text))]
    questions, answers = parts.count(Part.QUESTION), parts.count(Part.ANSWER)
    if questions == 0 or questions + answers < 2:
        return None
    answers_unmarked = answers == 0
    labels_format = Format("labels", read_labelled_turn, answers_unmarked=answers_unmarked)
    return labels_format, questions + (questions if answers_unmarked else answers)


def _speakers_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    turns_by_speaker: dict[str, list[str]] = {}
    labels_by_speaker: dict[str, set[str]] = {}
    bold_speakers = set()
    for text, _ in openings:
        label = match_speaker_label(text)
        if label is not None:
            key = speaker_key(label.name)
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
        or any(map(names_interviewer, labels_by_speaker[key]))
    }
    if not speakers:
        return None
    interviewer = _choose_interviewer(speakers, labels_by_speaker)
    answers_unmarked = len(speakers) == 1
    if answers_unmarked and not any(map(names_interviewer, labels_by_speaker[interviewer])):
        return None
    parts = {key: Part.QUESTION if key == interviewer else Part.ANSWER for key in speakers}
    speakers_format = Format(
        "speakers", partial(read_speaker_turn, parts), answers_unmarked=answers_unmarked
    )
    turn_count = sum(len(turns) for turns in speakers.values())
    return speakers_format, turn_count * (2 if answers_unmarked else 1)


def _emphasis_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    questions = [
        paragraph.text
        for paragraph in (read_emphasised_question(*opening) for opening in openings)
        if paragraph.is_turn
    ]
    if (
        len(questions) < 2
        or len(questions) == len(openings)
        or not any("?" in text for text in questions)
    ):
        return None
    emphasis_format = Format(
        "emphasis",
        read_emphasised_question,
        answers_unmarked=True,
        settle=_settle_emphasised_paragraphs,
    )
    return emphasis_format, 2 * len(questions)  # every question implies an answer turn


def _dashes_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    turn_count = sum(after_dialogue_dash(text) is not None for text, _ in openings)
    if turn_count < 2:
        return None
    return Format("dashes", read_dash_turn, settle=_settle_list_items), turn_count


def _choose_interviewer(
    speakers: dict[str, list[str]], labels_by_speaker: dict[str, set[str]]
) -> str:
    """The speaker who asks: a known interviewer label, or whoever asks, starts and is brief."""
    first_speaker = next(iter(speakers))
    briefest = min(speakers, key=lambda key: sum(map(len, speakers[key])) / len(speakers[key]))

    def interviewer_score(key: str) -> float:
        turns = speakers[key]
        question_share = sum(map(ends_with_question_mark, turns)) / len(turns)
        return (
            4 * any(map(names_interviewer, labels_by_speaker[key]))
            + 2 * question_share
            + (key == first_speaker)
            + (key == briefest)
        )

    return max(speakers, key=interviewer_score)


def _settle_emphasised_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
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
            paragraph = Paragraph(paragraph.text)
        elif paragraph.is_turn and is_section_heading(paragraph, next_paragraph):
            paragraph = Paragraph(paragraph.text, heading_level=SECTION_LEVEL)
        settled.append(paragraph)
    return settled


def _settle_list_items(paragraphs: list[Paragraph]) -> list[Paragraph]:
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
        settled.append(Paragraph(paragraph.raw, raw=paragraph.raw) if is_list_item else paragraph)
    return settled
