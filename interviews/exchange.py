"""One question and its answers: the one shape of an exchange, pure Python.

An exchange is read in three places, each with its own kind of speaker and of text; the
shape, and what follows from it, are defined here once:

    the importer          Exchange[str, Paragraphs]      names as written, paragraphs
    the page              Exchange[Person, RichText]     `page.exchanges`, from the stream
    the body's raw JSON   Exchange[int, str]             person ids, HTML (stored_exchange)

An answer's plain words depend on its kind of text. Paragraphs are read here; a kind that
needs a library to read (the page's RichText needs Wagtail) registers its reading with
`plain_text_of` where that library is imported (interviews/models.py), so that this
module, which the importer imports, stays free of Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import singledispatch

from interviews.anchors import short_anchor

type Paragraphs = tuple[str, ...]


@singledispatch
def plain_text_of(text: object) -> str:
    """An answer's words without markup."""
    raise TypeError(f"no plain reading of {type(text).__name__} is registered")


@plain_text_of.register(tuple)
def _paragraphs(text: Paragraphs) -> str:
    return "\n\n".join(text)


@dataclass(frozen=True)
class Answer[Who, Text]:
    """One answering turn: who gave it (None when nobody is recorded) and what they said."""

    speaker: Who | None
    text: Text

    @property
    def plain_text(self) -> str:
        return plain_text_of(self.text)


@dataclass(frozen=True)
class Exchange[Who, Text]:
    """One question and its answers."""

    question: str
    # Who asked: nobody recorded, one host, or several hosts who shared the question.
    asked_by: tuple[Who, ...] = ()
    answers: tuple[Answer[Who, Text], ...] = ()  # one per answering turn, in order
    topics: tuple[str, ...] = ()  # in the order the editor typed them
    # The stream block's id, which readers link to; empty until the exchange is stored.
    anchor: str = ""

    @property
    def answer(self) -> Paragraphs:
        """Every answer paragraph, in order, whoever gave it (for answers held as
        paragraphs: the importer's)."""
        return tuple(paragraph for answer in self.answers for paragraph in answer.text)

    @property
    def answer_text(self) -> str:
        """Every answer's words, in order: what a quote, an excerpt or an index reads."""
        return "\n\n".join(answer.plain_text for answer in self.answers)

    @property
    def people(self) -> tuple[Who, ...]:
        """Everyone named on it, each once: who asked, then who answered."""
        answering = (answer.speaker for answer in self.answers if answer.speaker is not None)
        return tuple(dict.fromkeys((*self.asked_by, *answering)))

    @property
    def short_id(self) -> str:
        """The readable anchor (#a864d1bf) readers link to; `anchor` stays the key."""
        return short_anchor(self.anchor)

    def asked_by_for_json(self) -> Who | list[Who] | None:
        """Who asked as the importer's JSON gives it: one name, a list when hosts shared
        the question, or None."""
        if not self.asked_by:
            return None
        return self.asked_by[0] if len(self.asked_by) == 1 else list(self.asked_by)

    def __str__(self):
        return self.question
