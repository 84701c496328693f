"""Turn a pasted interview (plain text or light Markdown) into structured data.

``parse_interview`` is a pure function of the text: no Django, no I/O, stdlib only.

Pipeline (one section of this module each)
    normalise the text -> detect the turn format -> split into paragraphs and
    read each one's turn marker -> split off the preamble (title, lede, intro) ->
    group the paragraphs into turns -> decide which turns ask -> assemble the
    exchanges -> guess the interviewee and the language.

Formats, auto-detected: the one that explains the most turns wins; a tie goes
to the more explicit one, in this order.
    labels    "Q:"/"A:", "Q."/"A.", "Q -", "**Q:**", "Question:"/"Answer:",
              "Вопрос:"/"Ответ:", "В:"/"О:", "Сұрақ:"/"Жауап:" (also numbered).
    speakers  "Surname:" or "Full Name:", possibly bold or followed by a dash.
              A label is a speaker if it recurs, is bold, or names an
              interviewer (Корр., Interviewer, a site such as Zakon.kz ...);
              "Азер Бадамов:" and "Бадамов:" are one speaker. Failing a known
              label, the interviewer is whoever asks, speaks first and briefly.
    emphasis  Markdown: a paragraph bold (or italic) as a whole is a question.
    dashes    a paragraph opening with "-", "–" or "—" and a space is a turn.

Heuristics
    * Paragraphs are separated by blank lines; with no blank line at all every
      line is a paragraph. Inside a block, a line that opens a turn starts a
      new paragraph, so "Q: ...\nA: ..." blocks work too.
    * Dash turns do not say who speaks: the cheapest sequence of a two-state
      Viterbi decides. Alternating is free, a "?" at the end is evidence for a
      question, two questions or two answers in a row cost extra. So a question
      without "?" keeps the alternation, while an answer split over two dash
      paragraphs is still found. Where turns open with en/em dashes, a run of
      "- " paragraphs is a list inside the turn and stays verbatim.
    * An unmarked paragraph continues the turn before it, so one that follows
      a question belongs to the question (joined with a blank line). Formats
      whose answers carry no marker (emphasised questions, "Q:" without "A:",
      a lone labelled interviewer) are the exception: there the first unmarked
      paragraph after a question opens the answer, and a leading dialogue dash
      on an unmarked paragraph is its marker.
    * The preamble is everything before the first question: an optional title
      (a "# heading", or a first paragraph of one line, at most 160 characters,
      not ending in sentence punctuation), then the lede, then the intro. In
      the emphasis format, emphasised paragraphs before the first one with a
      "?" are preamble (a bold title or lede), not questions.
    * A section heading stands right before a question: a "##" heading, a bold
      line in the emphasis format, or a line of at most 80 characters without
      "?" or sentence punctuation. Anywhere else it stays ordinary text.
    * The interviewee is the person named near the top who matches the address
      in the first question ("Господин Бадамов", "Mr Smith", "Гүлнар ханым")
      or an answering speaker's label, or who stands next to a role noun
      ("депутат ... Азер Бадамов", "Jane Doe, chief economist at X"); repeated
      mentions break ties. Of the forms found, the shortest one not in an
      oblique case is taken as the nominative. No such person: a speaker label
      that is a name, else None.
    * Language: Kazakh-only letters -> "kk", else mostly Cyrillic -> "ru",
      else "en".

Guarantee: every non-empty input paragraph ends up in exactly one place of the
result; only turn markers (and whole-paragraph emphasis) are removed. HTML is
kept verbatim as text.
"""

from __future__ import annotations

from dataclasses import replace

from interviews.exchange import Answer, Exchange
from interviews.importer.formats import detect_format
from interviews.importer.headings import is_caption, reader_label
from interviews.importer.language import guess_language
from interviews.importer.layouts import rewrite_layouts
from interviews.importer.model import (
    MAX_INTERVIEW_BYTES,
    Interviewee,
    InterviewParseError,
    ParsedInterview,
    ParseWarning,
    Section,
    check_size,
)
from interviews.importer.paragraphs import split_paragraphs
from interviews.importer.people import (
    all_interviewees,
    attribute_answers,
    guess_interviewee,
    is_title_case,
)
from interviews.importer.preamble import read_preamble, split_at_first_question
from interviews.importer.sources import (
    MAX_SOURCE_BYTES,
    SourceParagraph,
    check_no_nul,
    check_source_size,
    decode_interview,
    normalised_lines,
    read_source,
    text_of_paste,
)
from interviews.importer.turns import (
    answering_speakers,
    assemble,
    group_turns,
    resolve_unknown_parts,
    return_misplaced_headings,
    speaker_names,
    speaker_roles,
    split_off_byline,
)
from interviews.importer.warnings import warnings_for

__all__ = [
    "MAX_INTERVIEW_BYTES",
    "MAX_SOURCE_BYTES",
    "Answer",
    "Exchange",
    "InterviewParseError",
    "Interviewee",
    "ParseWarning",
    "ParsedInterview",
    "Section",
    "SourceParagraph",
    "check_size",
    "check_source_size",
    "decode_interview",
    "parse_interview",
    "read_source",
    "text_of_paste",
]


def parse_interview(text: str) -> ParsedInterview:
    """Parse an interview; raise InterviewParseError only if it cannot be one at all.

    Whatever is doubtful (no title, no lede, a question left without an answer, turns
    told apart only by their question marks) is imported and listed in `warnings`.
    """
    check_size(len(text.encode("utf-8", "surrogatepass")))
    check_no_nul(text)
    lines = rewrite_layouts(normalised_lines(text))
    if not any(lines):
        if not text:
            raise InterviewParseError("the interview text is empty", code="empty")
        raise InterviewParseError("the interview text is only whitespace", code="only_whitespace")
    interview_format = detect_format(lines)
    paragraphs = interview_format.settle(
        [interview_format.read(raw) for raw in split_paragraphs(lines, interview_format)]
    )
    captions = tuple(p.text for p in paragraphs if not p.is_turn and is_caption(p.text))
    paragraphs = [p for p in paragraphs if p.is_turn or not is_caption(p.text)]
    preamble_paragraphs, body = split_at_first_question(paragraphs)
    if (
        len(preamble_paragraphs) >= 2
        and not body[0].speaker
        and reader_label(preamble_paragraphs[-1].text)
    ):
        # The first question is a reader's: their name belongs to it, not to the intro.
        preamble_paragraphs, body = preamble_paragraphs[:-1], [preamble_paragraphs[-1], *body]
    turns = group_turns(body, interview_format.answers_unmarked)
    resolve_unknown_parts(turns)
    return_misplaced_headings(turns)
    exchanges, sections = assemble(turns, speaker_names(paragraphs))
    exchanges, byline = split_off_byline(exchanges)
    preamble = read_preamble(preamble_paragraphs, take_byline=byline is None)
    byline = byline or preamble.byline
    if preamble.section is not None:
        sections = (Section(preamble.section, 0), *sections)
    language = guess_language(text)
    # A Title Case headline ("Trump Interviewed On Trade") would pass its words off as names.
    title = preamble.title if preamble.title and not is_title_case(preamble.title) else None
    context = [t for t in (title, preamble.lede, *preamble.intro) if t]
    speakers = answering_speakers(turns)
    # A radio host names the guest in the first question ("у нас в гостях Иван Орлов").
    interviewee = guess_interviewee(
        [*context, exchanges[0].question], exchanges[0].question, speakers, language
    )
    roles = speaker_roles(paragraphs)
    exchanges = attribute_answers(interviewee, exchanges)
    parsed = ParsedInterview(
        title=preamble.title,
        lede=preamble.lede,
        intro=preamble.intro,
        interviewee=interviewee,
        exchanges=exchanges,
        sections=sections,
        language=language,
        interviewees=all_interviewees(
            interviewee, exchanges, roles, [*context, exchanges[0].question], language
        ),
        byline=byline,
        captions=captions,
    )
    return replace(parsed, warnings=warnings_for(parsed, interview_format))
