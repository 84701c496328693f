"""The review screen's pure core (issue 11, item 6): an interview as paragraphs with roles and
speakers, and back into the ParsedInterview the parser would have made of them."""

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interviews.importer import Interviewee, InterviewParseError, parse_interview
from interviews.importer.review import (
    ReviewParagraph,
    Role,
    interview_from_paragraphs,
    joined_and_split,
    paragraphs_of,
)

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
Q, A = Role.QUESTION, Role.ANSWER


@pytest.fixture(scope="session", autouse=True)
def required_services():
    """Overrides the conftest check: the importer needs no database or browser."""


def confirmed(*paragraphs: tuple, interviewees=()) -> object:
    return interview_from_paragraphs(
        [ReviewParagraph(*paragraph) for paragraph in paragraphs],
        language="en",
        interviewees=interviewees,
    )


@pytest.mark.parametrize("name", sorted(path.stem for path in FIXTURES.glob("*.txt")))
def test_confirming_what_the_parser_read_gives_the_same_interview(name):
    parsed = parse_interview((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))

    again = interview_from_paragraphs(
        paragraphs_of(parsed), language=parsed.language, interviewees=parsed.interviewees
    )

    # The parser's doubts about the source (unmarked turns) are not the editor's.
    assert replace(again, warnings=()) == replace(parsed, warnings=())


def test_two_host_turns_in_a_row_form_one_question_asked_by_both():
    parsed = confirmed(
        (Role.TITLE, "On the air"),
        (Role.LEDE, "Two hosts, one guest."),
        (Q, "Good morning.", "Arman"),
        (Q, "What happened at the port?", "Olga"),
        (A, "A record season.", "Nurlan"),
    )
    [exchange] = parsed.exchanges
    assert exchange.question == "Good morning.\n\nWhat happened at the port?"
    assert exchange.asked_by == ("Arman", "Olga")
    assert exchange.answer == ("A record season.",)
    assert parsed.title == "On the air" and parsed.lede == "Two hosts, one guest."


def test_answers_of_one_speaker_form_one_turn_and_a_new_speaker_a_new_turn():
    parsed = confirmed(
        (Q, "What do you both think?", "Host"),
        (A, "First.", "Dana"),
        (A, "Second.", "Dana"),
        (A, "I disagree.", "Tom"),
        (A, "Back to me.", "Dana"),
        (Q, "And next year?", "Host"),
        (A, "More.", None),
    )
    first, second = parsed.exchanges
    assert [(a.speaker, a.text) for a in first.answers] == [
        ("Dana", ("First.", "Second.")),
        ("Tom", ("I disagree.",)),
        ("Dana", ("Back to me.",)),
    ]
    assert first.answer == ("First.", "Second.", "I disagree.", "Back to me.")
    assert second.asked_by == ("Host",) and second.answers[0].speaker is None


def test_a_section_between_two_questions_starts_a_new_exchange():
    parsed = confirmed(
        (Q, "Unanswered?"),
        (Role.SECTION, "Part two"),
        (Q, "Answered?"),
        (A, "Yes."),
        (Role.BYLINE, "Interview by Anna Kim"),
        (Role.CAPTION, "Photo: the port"),
    )
    assert [e.question for e in parsed.exchanges] == ["Unanswered?", "Answered?"]
    assert parsed.sections[0].title == "Part two" and parsed.sections[0].before_qa_index == 1
    assert parsed.byline == "Interview by Anna Kim" and parsed.captions == ("Photo: the port",)
    assert [w.code for w in parsed.warnings] == [
        "no_title",
        "no_lede",
        "unanswered",
        "no_interviewee",
    ]


def test_the_editors_interviewees_are_the_interviews():
    guests = (Interviewee("Dana Ross", "engineer"), Interviewee("Tom Reed", ""))
    parsed = confirmed((Q, "Why?"), (A, "Because."), interviewees=guests)
    assert parsed.interviewee == guests[0] and parsed.interviewees == guests


@pytest.mark.parametrize(
    "paragraphs, code, params",
    [
        (
            [(A, "An answer first."), (Q, "Then a question?")],
            "answer_before_question",
            {"number": 1},
        ),
        ([(Role.LEDE, "Only a lede.")], "no_turns", {}),
        ([(Q, "Asked?"), (Q, "And again?")], "no_answers", {}),
    ],
)
def test_roles_that_make_no_interview_are_an_error_with_a_code(paragraphs, code, params):
    with pytest.raises(InterviewParseError) as error:
        confirmed(*paragraphs)
    assert error.value.code == code and error.value.params == params


def test_a_paragraph_changed_from_answer_to_question_opens_the_next_exchange():
    parsed = parse_interview(
        "Title line\n\nThe lede.\n\n– First question?\n\n– First answer.\n\n"
        "– Second question?\n\n– Second answer."
    )
    paragraphs = paragraphs_of(parsed)
    roles = [p.role for p in paragraphs]
    assert roles == [Role.TITLE, Role.LEDE, Q, A, Q, A]
    paragraphs[3] = replace(paragraphs[3], role=Q)  # the editor: "that was a question too"
    result = interview_from_paragraphs(paragraphs, language=parsed.language)
    assert [e.question for e in result.exchanges] == [
        "First question?\n\nFirst answer.\n\nSecond question?"
    ]


def test_join_and_split_are_each_others_inverse():
    paragraphs = [
        ReviewParagraph(Q, "Why?", "Host"),
        ReviewParagraph(A, "One.", "Dana"),
        ReviewParagraph(A, "Two.", "Dana", ("unanswered",)),
    ]
    joined = joined_and_split(paragraphs, join={2}, split=set())
    assert joined == [paragraphs[0], ReviewParagraph(A, "One.\nTwo.", "Dana", ("unanswered",))]
    assert joined_and_split(joined, join=set(), split={1}) == [
        paragraphs[0],
        ReviewParagraph(A, "One.", "Dana", ("unanswered",)),
        ReviewParagraph(A, "Two.", "Dana", ("unanswered",)),
    ]
    # Joining the first paragraph has nothing to join it to: it stays.
    assert joined_and_split(paragraphs, join={0}, split=set()) == paragraphs


def test_doubtful_exchanges_mark_their_paragraphs():
    parsed = parse_interview("Title\n\nThe lede.\n\nQ: First?\n\nA: Yes.\n\nQ: Second?")
    doubtful = [(p.text, p.doubts) for p in paragraphs_of(parsed) if p.doubts]
    assert doubtful == [("Second?", ("unanswered",))]


paragraph_texts = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1).filter(
    lambda text: text.strip() and "\n\n" not in text
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(Role),
            paragraph_texts,
            st.sampled_from([None, "Dana", "Tom"]),
        ),
        max_size=30,
    )
)
def test_any_roles_give_an_interview_or_one_error_and_lose_or_double_nothing(paragraphs):
    texts_of = {role: [text for r, text, _ in paragraphs if r is role] for role in Role}
    try:
        parsed = confirmed(*paragraphs)
    except InterviewParseError as error:
        assert error.code in {"answer_before_question", "no_turns", "no_answers"}
        return
    questions = "\n\n".join(exchange.question for exchange in parsed.exchanges)
    assert questions == "\n\n".join(texts_of[Q])
    answers = [text for exchange in parsed.exchanges for text in exchange.answer]
    assert answers == texts_of[A]
    # Each answer paragraph keeps its speaker.
    assert [
        (answer.speaker, text)
        for exchange in parsed.exchanges
        for answer in exchange.answers
        for text in answer.text
    ] == [(speaker, text) for role, text, speaker in paragraphs if role is A]
    assert [section.title for section in parsed.sections] == texts_of[Role.SECTION]
    assert list(parsed.intro) == texts_of[Role.INTRO]
    assert list(parsed.captions) == texts_of[Role.CAPTION]
    assert parsed.title == (" ".join(texts_of[Role.TITLE]) or None)
    assert parsed.lede == "\n\n".join(texts_of[Role.LEDE])
    assert parsed.byline == ("\n\n".join(texts_of[Role.BYLINE]) or None)
