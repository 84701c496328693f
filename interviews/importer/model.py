"""The importer's result types, its one error, and the size limit.

Its exchanges are the one `Exchange` of interviews/exchange.py, with people as the names
the text gives and answers as paragraphs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum

from interviews.exchange import Exchange, Paragraphs

MAX_INTERVIEW_BYTES = 1024 * 1024  # 1 MB paste limit


class InterviewParseError(ValueError):
    """The text cannot be imported; the message says why, in one line (English).

    `code` and `params` say the same for translation, as ParseWarning's code does: the
    admin shows its own sentence for the code, filled in with the params.
    """

    def __init__(self, message: str, *, code: str, params: dict | None = None):
        super().__init__(message)
        self.code = code
        self.params = params or {}


@dataclass(frozen=True)
class Interviewee:
    name: str
    role: str  # "" when the text does not say


@dataclass(frozen=True)
class ParseWarning:
    """Something the editor should check; the import still goes on."""

    code: str  # stable, for translating the message in the admin
    message: str  # one line, English
    # 0-based index of the exchange it concerns, or None for the whole interview.
    exchange: int | None = None

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "exchange": self.exchange}


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
    exchanges: tuple[Exchange[str, Paragraphs], ...]
    sections: tuple[Section, ...]
    language: str  # "ru" | "kk" | "en"
    interviewees: tuple[Interviewee, ...] = ()  # every guest, the main one first
    byline: str | None = None  # "Беседовала …", "Interview by …": the journalist's credit
    captions: tuple[str, ...] = ()  # photo captions found between the turns
    warnings: tuple[ParseWarning, ...] = ()

    def fingerprint(self) -> str:
        """A hash of the questions and answers, whitespace and case aside: the same interview
        imported again (pasted, uploaded, from .docx or HTML, under another title) has it."""
        digest = hashlib.sha256()
        for exchange in self.exchanges:
            for text in (exchange.question, *exchange.answer):
                digest.update(" ".join(text.lower().split()).encode("utf-8"))
                digest.update(b"\x1f")
            digest.update(b"\x1e")
        return digest.hexdigest()

    def to_dict(self) -> dict:
        interviewee = self.interviewee
        return {
            "title": self.title,
            "lede": self.lede,
            "intro": list(self.intro),
            "interviewee": (
                {"name": interviewee.name, "role": interviewee.role} if interviewee else None
            ),
            "interviewees": [{"name": i.name, "role": i.role} for i in self.interviewees],
            "qa": [
                {
                    "question": e.question,
                    "answer": list(e.answer),
                    "asked_by": e.asked_by_for_json(),
                    "answers": [{"by": a.speaker, "paragraphs": list(a.text)} for a in e.answers],
                }
                for e in self.exchanges
            ],
            "sections": [
                {"title": s.title, "before_qa_index": s.before_qa_index} for s in self.sections
            ],
            "language": self.language,
            "byline": self.byline,
            "captions": list(self.captions),
            "warnings": [warning.to_dict() for warning in self.warnings],
        }


NO_TURNS_MESSAGE = (
    "no question-and-answer turns found: mark the turns with dialogue dashes (– ...), "
    "Q:/A: or Вопрос:/Ответ: labels, speaker labels (Name: ...) or bold questions"
)


def check_size(size_in_bytes: int) -> None:
    """Refuse an interview over the limit, by its size alone (before reading a file)."""
    if size_in_bytes > MAX_INTERVIEW_BYTES:
        size, limit = _megabytes(size_in_bytes), _megabytes(MAX_INTERVIEW_BYTES)
        raise InterviewParseError(
            f"the interview is too large: {size} (the limit is {limit})",
            code="too_large",
            params={"size": size, "limit": limit},
        )


def _megabytes(size_in_bytes: int) -> str:
    return f"{size_in_bytes / (1024 * 1024):.3g} MB"


class Part(Enum):
    """Which half of an exchange a turn is."""

    QUESTION = "question"
    ANSWER = "answer"
