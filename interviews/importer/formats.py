"""The turn formats, and detecting which one a text is written in."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    question_number,
    read_dash_turn,
    read_emphasised_question,
    read_labelled_turn,
    read_numbered_question,
    read_speaker_turn,
    read_unmarked_question,
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
        # Built field by field: dataclasses.replace() took a sixth of a 1 MB parse.
        read = self._read_markers(raw)
        return Paragraph(
            read.text,
            raw,
            read.is_turn,
            read.part,
            read.speaker,
            read.speaker_role,
            read.heading_level,
        )

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
            _numbered_candidate(openings),
        )
        if candidate is not None
    ]
    # Turns with no marker at all are the last resort: taken only when they explain far
    # more than any marked format (a stray dash or label must not hide them, nor they it).
    unmarked = _unmarked_candidate(openings)
    best = max(candidates, key=lambda candidate: candidate[1], default=None)
    if unmarked is not None and (best is None or unmarked[1] > 3 * best[1]):
        best = unmarked
    if best is None:
        raise InterviewParseError(NO_TURNS_MESSAGE, code="no_turns")
    return best[0]


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
            if label.role:
                # "JANE MOSS, HOST:": the role in the label counts as a label too.
                labels_by_speaker[key].add(label.role)
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
    # A guest who speaks once at a round table ("LINA ROSS:") is written like the others.
    recurring_styles = {_label_style(label) for key in speakers for label in labels_by_speaker[key]}
    if len(speakers) >= 2:
        for key, turns in turns_by_speaker.items():
            if key not in speakers and any(
                _label_style(label) in recurring_styles and _label_style(label) != (False, 1)
                for label in labels_by_speaker[key]
            ):
                speakers[key] = turns
    # One host ("Ведущий:", or a name who asks every time) and guests who each answer once:
    # their full names ("Дарья Лисина:") are labels too, when there are several of them.
    named_once = [
        key
        for key in turns_by_speaker
        if key not in speakers
        and any(_label_style(label)[1] == 2 for label in labels_by_speaker[key])
    ]
    if len(speakers) == 1 and len(named_once) >= 2:
        speakers.update((key, turns_by_speaker[key]) for key in named_once)
    if not speakers:
        return None
    interviewers = _choose_interviewers(speakers, labels_by_speaker)
    answers_unmarked = len(speakers) == 1
    if answers_unmarked and not any(
        names_interviewer(label) for key in interviewers for label in labels_by_speaker[key]
    ):
        return None
    parts = {key: Part.QUESTION if key in interviewers else Part.ANSWER for key in speakers}
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


def _numbered_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    numbers = [number for text, _ in openings if (number := question_number(text)) is not None]
    ascending = sum(later == earlier + 1 for earlier, later in pairwise(numbers))
    if len(numbers) < 2 or ascending < len(numbers) // 2:
        return None
    numbered_format = Format(
        "numbered", read_numbered_question, answers_unmarked=True, settle=_settle_numbers
    )
    return numbered_format, 2 * len(numbers)


def _unmarked_candidate(openings: Sequence[_Opening]) -> _Candidate | None:
    flags = [read_unmarked_question(text, False).is_turn for text, _ in openings]
    # A question is followed by something that does not ask: its answer.
    answered = sum(asks and not next_asks for asks, next_asks in pairwise([*flags, True]))
    if answered < 2:
        return None
    return Format("unmarked", read_unmarked_question, answers_unmarked=True), answered


def _settle_numbers(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A numbered paragraph asks only if it continues the count ("3." after "2."); a
    numbered list inside an answer ("1. Налоги.") stays text, with its numbers."""
    settled, last = [], 0
    for paragraph in paragraphs:
        number = question_number(paragraph.raw) if paragraph.is_turn else None
        if number is not None and (number == last + 1 or last == 0):
            last = number
            settled.append(paragraph)
        elif paragraph.is_turn:
            settled.append(Paragraph(paragraph.raw, raw=paragraph.raw))
        else:
            settled.append(paragraph)
    return settled


def _label_style(label: str) -> tuple[bool, int]:
    """How a label is written: in capitals or not, one word or several (1 or 2)."""
    letters = [char for char in label if char.isalpha()]
    return (bool(letters) and all(map(str.isupper, letters)), min(len(label.split()), 2))


# A second host asks at least this share of their turns (a guest's turns rarely end in "?").
_CO_HOST_QUESTION_SHARE = 0.5


def _choose_interviewers(
    speakers: dict[str, list[str]], labels_by_speaker: dict[str, set[str]]
) -> set[str]:
    """The speakers who ask: the likeliest interviewer (a known interviewer label, or whoever
    asks, starts and is brief), and any other who is labelled so or mostly asks (radio and
    TV have two hosts). At least one speaker is left to answer."""
    first_speaker = next(iter(speakers))
    briefest = min(speakers, key=lambda key: sum(map(len, speakers[key])) / len(speakers[key]))

    def question_share(key: str) -> float:
        turns = speakers[key]
        return sum(map(ends_with_question_mark, turns)) / len(turns)

    def is_labelled_interviewer(key: str) -> bool:
        return any(map(names_interviewer, labels_by_speaker[key]))

    def interviewer_score(key: str) -> float:
        return (
            4 * is_labelled_interviewer(key)
            + 2 * question_share(key)
            + (key == first_speaker)
            + (key == briefest)
        )

    ranked = sorted(speakers, key=interviewer_score, reverse=True)
    interviewers = {ranked[0]}
    for key in ranked[1:-1]:  # the last one is left to answer
        if is_labelled_interviewer(key) or question_share(key) >= _CO_HOST_QUESTION_SHARE:
            interviewers.add(key)
    return interviewers


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
    # A list item is "- item": a hyphen with no space ("-Скажите") is a dash typed in a hurry.
    hyphenated = [
        paragraph.is_turn and paragraph.raw.startswith(("- ", "-\t")) for paragraph in paragraphs
    ]
    long_dash_turns = sum(p.is_turn for p in paragraphs) - sum(hyphenated)
    if long_dash_turns < sum(hyphenated):
        return paragraphs  # the hyphen is this text's dialogue dash
    settled = []
    for index, paragraph in enumerate(paragraphs):
        neighbours = hyphenated[max(0, index - 1) : index] + hyphenated[index + 1 : index + 2]
        is_list_item = hyphenated[index] and any(neighbours)
        settled.append(Paragraph(paragraph.raw, raw=paragraph.raw) if is_list_item else paragraph)
    return settled
