"""The importer's result types, its one error, and the size limit."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

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


NO_TURNS_MESSAGE = (
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


class Part(Enum):
    """Which half of an exchange a turn is."""

    QUESTION = "question"
    ANSWER = "answer"
