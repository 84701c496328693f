"""What the editor should check before the draft exists: doubts the parser had."""

from __future__ import annotations

from interviews.importer.formats import Format
from interviews.importer.model import ParsedInterview, ParseWarning


def warnings_for(
    parsed: ParsedInterview, interview_format: Format | None = None
) -> tuple[ParseWarning, ...]:
    """The parser's doubts; without a format (roles the editor confirmed), those about the
    structure alone."""
    warnings = []
    if parsed.title is None:
        warnings.append(ParseWarning("no_title", "no title found: give the interview one"))
    if not parsed.lede:
        warnings.append(
            ParseWarning("no_lede", "no lede found before the first question: write one")
        )
    if interview_format is not None and interview_format.name == "unmarked":
        warnings.append(
            ParseWarning(
                "unmarked_turns",
                "the turns carry no markers: questions were told from answers by their "
                "question marks; check each exchange",
            )
        )
    for index, exchange in enumerate(parsed.exchanges):
        if not exchange.answer:
            warnings.append(
                ParseWarning(
                    "unanswered", f"question {index + 1} has no answer: check the turns", index
                )
            )
    if parsed.interviewee is None:
        warnings.append(ParseWarning("no_interviewee", "the interviewee was not found: add them"))
    return tuple(warnings)
