"""Splitting lines into paragraphs."""

from __future__ import annotations

from collections.abc import Iterator

from interviews.importer.formats import Format
from interviews.importer.headings import ends_with_question_mark
from interviews.importer.markers import markdown_heading, unwrap_emphasis
from interviews.importer.model import Part


def split_paragraphs(lines: list[str], interview_format: Format) -> list[str]:
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


def _split_block(block: list[str], interview_format: Format) -> list[str]:
    """A line that opens a turn starts a paragraph; headings and bold lines stand alone."""
    paragraphs: list[list[str]] = []
    previous_stood_alone = False
    for line in block:
        stands_alone = markdown_heading(line) is not None or unwrap_emphasis(line)[1]
        read = interview_format.read(line)
        if not paragraphs or stands_alone or previous_stood_alone or read.is_turn:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        # A paste that lost the bold puts a question on the line right above its answer:
        # where answers carry no marker, a line that asks and ends in "?" (or any numbered
        # question) ends its paragraph.
        previous_stood_alone = stands_alone or (
            interview_format.answers_unmarked
            and read.is_turn
            and read.part is Part.QUESTION
            and (interview_format.name == "numbered" or ends_with_question_mark(read.text))
        )
    return ["\n".join(lines) for lines in paragraphs]
