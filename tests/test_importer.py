"""Tests for interviews.importer: every format on fixtures, edge cases, and properties."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviews.importer import (
    MAX_INTERVIEW_BYTES,
    Answer,
    Exchange,
    Interviewee,
    InterviewParseError,
    ParsedInterview,
    Section,
    decode_interview,
    parse_interview,
)

FIXTURES = Path(__file__).parent / "fixtures" / "interviews"
SHARED_SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


@pytest.fixture(scope="session", autouse=True)
def required_services():
    """Overrides the conftest check: the importer is pure Python and needs no database or
    browser, so these tests also run without pytest-django (-p no:django)."""


def interview(*paragraphs: str, separator: str = "\n\n") -> str:
    return separator.join(paragraphs)


def qa_pairs(parsed: ParsedInterview) -> list[tuple[str, list[str]]]:
    return [(exchange.question, list(exchange.answer)) for exchange in parsed.exchanges]


# --- Fixtures: one original interview per format and language -----------------

FIXTURE_NAMES = sorted(path.stem for path in FIXTURES.glob("*.txt"))


def test_fixtures_cover_every_format_in_every_language():
    expected = {
        "ru-dash", "ru-vopros-otvet", "ru-speakers", "ru-markdown", "en-qa",
        "en-bold-labels", "en-speakers", "en-markdown", "kk-dash", "kk-suraq-jauap",
    }  # fmt: skip
    assert expected <= set(FIXTURE_NAMES)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_parses_to_its_expected_structure(name):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))

    result = parse_interview(text).to_dict()

    # Key by key, so a failure names the part that differs.
    assert result.keys() == expected.keys()
    for key in result.keys() - {"qa"}:
        assert result[key] == expected[key], key
    assert len(result["qa"]) == len(expected["qa"])
    for index, (got, want) in enumerate(zip(result["qa"], expected["qa"], strict=True)):
        assert got == want, f"exchange {index}"


def test_shared_sample_matches_its_expected_structure():
    if not SHARED_SAMPLES.is_dir():
        pytest.skip(f"no shared samples folder at {SHARED_SAMPLES}")
    sample = SHARED_SAMPLES / "interview-ru-dash.txt"
    expected = json.loads(
        (SHARED_SAMPLES / "interview-ru-dash.expected.json").read_text(encoding="utf-8")
    )

    result = parse_interview(sample.read_text(encoding="utf-8")).to_dict()

    for key in ("title", "lede", "intro", "interviewee", "language"):
        assert result[key] == expected[key], key
    assert len(result["qa"]) == len(expected["qa"])
    for index, (got, want) in enumerate(zip(result["qa"], expected["qa"], strict=True)):
        assert got["question"] == want["question"], f"question {index}"
        assert got["answer"] == want["answer"], f"answer {index}"


# --- Dialogue dashes ----------------------------------------------------------


def test_mid_sentence_dash_is_not_a_turn():
    parsed = parse_interview(
        interview(
            "Цены растут – это видно всем.",
            "– Почему цены растут – и надолго ли?",
            "– Спрос опережает предложение – пока.",
            "– Что дальше?",
            "– Посмотрим.",
        )
    )
    assert parsed.lede == "Цены растут – это видно всем."
    assert qa_pairs(parsed) == [
        ("Почему цены растут – и надолго ли?", ["Спрос опережает предложение – пока."]),
        ("Что дальше?", ["Посмотрим."]),
    ]


def test_unmarked_paragraph_after_an_answer_continues_it():
    parsed = parse_interview(
        interview("– Как дела?", "– Хорошо.", "Даже отлично.", "– А у вас?", "– Тоже.")
    )
    assert qa_pairs(parsed) == [
        ("Как дела?", ["Хорошо.", "Даже отлично."]),
        ("А у вас?", ["Тоже."]),
    ]


def test_unmarked_paragraph_after_a_question_belongs_to_the_question():
    parsed = parse_interview(
        interview("– Вы сказали, что рынок перегрет.", "Почему?", "– Слишком много кредитов.")
    )
    assert qa_pairs(parsed) == [
        ("Вы сказали, что рынок перегрет.\n\nПочему?", ["Слишком много кредитов."])
    ]


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_no_break_space_after_a_dash_opens_a_turn(dash):
    parsed = parse_interview(interview(f"{dash}\u00a0Question one?", f"{dash}\u00a0Answer one."))
    assert qa_pairs(parsed) == [("Question one?", ["Answer one."])]


def test_an_answer_split_over_two_dash_paragraphs_stays_one_answer():
    parsed = parse_interview(
        interview(
            "– Что изменилось?",
            "– Многое.",
            "– Во-первых, выросли зарплаты.",
            "– А что осталось прежним?",
            "– Погода.",
        )
    )
    assert qa_pairs(parsed) == [
        ("Что изменилось?", ["Многое.", "Во-первых, выросли зарплаты."]),
        ("А что осталось прежним?", ["Погода."]),
    ]


def test_a_question_without_question_mark_keeps_the_alternation():
    parsed = parse_interview(
        interview("– Расскажите о себе.", "– Я инженер.", "– Почему инженер?", "– Люблю мосты.")
    )
    assert qa_pairs(parsed) == [
        ("Расскажите о себе.", ["Я инженер."]),
        ("Почему инженер?", ["Люблю мосты."]),
    ]


def test_heading_like_line_before_an_answer_is_not_a_section():
    parsed = parse_interview(
        interview("– Первый вопрос?", "Короткая строка", "– Ответ.", "– Второй?", "– Да.")
    )
    assert parsed.sections == ()
    assert qa_pairs(parsed)[0] == ("Первый вопрос?\n\nКороткая строка", ["Ответ."])


def test_hyphen_list_inside_a_dash_dialogue_stays_in_the_answer():
    parsed = parse_interview(
        interview(
            "– Какие у вас планы?",
            "– Их три:",
            "- открыть школу;",
            "- построить стадион.",
            "– Когда начнете?",
            "- Весной.",  # a lone hyphen is a dash typed in a hurry: still a turn
        )
    )
    assert qa_pairs(parsed) == [
        ("Какие у вас планы?", ["Их три:", "- открыть школу;", "- построить стадион."]),
        ("Когда начнете?", ["Весной."]),
    ]


# --- Labels, speakers, Markdown ----------------------------------------------


@pytest.mark.parametrize(
    ("question_label", "answer_label"),
    [
        ("Q:", "A:"),
        ("Q.", "A."),
        ("Q -", "A -"),
        ("**Q:**", "**A:**"),
        ("**Q**:", "**A**:"),
        ("Question:", "Answer:"),
        ("Вопрос:", "Ответ:"),
        ("В:", "О:"),
        ("Сұрақ:", "Жауап:"),
    ],
)
def test_question_and_answer_labels(question_label, answer_label):
    parsed = parse_interview(
        interview(
            "Lede sentence.",
            f"{question_label} First question?",
            f"{answer_label} First answer – with a dash.",
            f"{question_label} Second question",
            f"{answer_label} Second answer.",
        )
    )
    assert parsed.lede == "Lede sentence."
    assert qa_pairs(parsed) == [
        ("First question?", ["First answer – with a dash."]),
        ("Second question", ["Second answer."]),
    ]


def test_labelled_questions_with_unmarked_answers():
    parsed = parse_interview(
        interview("Вопрос: Первый?", "– Ответ один.", "Еще абзац.", "Вопрос: Второй?", "Ответ два.")
    )
    assert qa_pairs(parsed) == [
        ("Первый?", ["Ответ один.", "Еще абзац."]),
        ("Второй?", ["Ответ два."]),
    ]


def test_question_and_answer_on_consecutive_lines_of_one_block():
    parsed = parse_interview("Intro.\n\nQ: One?\nA: Yes.\n\nQ: Two?\nA: No.")
    assert qa_pairs(parsed) == [("One?", ["Yes."]), ("Two?", ["No."])]


def test_speaker_labels_with_a_trailing_dash():
    parsed = parse_interview(
        interview(
            "Журналист: – Как начинался проект?",
            "Иванов: – С гаража и двух ноутбуков.",
            "Журналист: – А сейчас?",
            "Иванов: – Двести сотрудников.",
        )
    )
    assert qa_pairs(parsed) == [
        ("Как начинался проект?", ["С гаража и двух ноутбуков."]),
        ("А сейчас?", ["Двести сотрудников."]),
    ]
    assert parsed.interviewee == Interviewee("Иванов", "")


def test_interviewer_is_the_speaker_who_asks():
    parsed = parse_interview(
        interview(
            "Петрова: Сколько стоит проезд?",
            "Сидоров: Сто пятьдесят тенге, как и раньше.",
            "Петрова: Повышение будет?",
            "Сидоров: Не в этом году.",
        )
    )
    assert qa_pairs(parsed) == [
        ("Сколько стоит проезд?", ["Сто пятьдесят тенге, как и раньше."]),
        ("Повышение будет?", ["Не в этом году."]),
    ]


def test_bold_questions_with_plain_answers_and_headings():
    parsed = parse_interview(
        interview(
            "# Title",
            "Lede.",
            "**First question?**",
            "First answer.",
            "**Money**",
            "**Second question?**",
            "Second answer.",
        )
    )
    assert parsed.title == "Title"
    assert qa_pairs(parsed) == [
        ("First question?", ["First answer."]),
        ("Second question?", ["Second answer."]),
    ]
    assert parsed.sections == (Section("Money", 1),)


def test_italic_questions_and_a_bold_lede():
    parsed = parse_interview(
        interview(
            "**A bold lede that asks nothing.**",
            "*Why a new wing?*",
            "The old one floods.",
            "_And when does it open?_",
            "In May.",
        )
    )
    assert parsed.lede == "A bold lede that asks nothing."
    assert qa_pairs(parsed) == [
        ("Why a new wing?", ["The old one floods."]),
        ("And when does it open?", ["In May."]),
    ]


def test_level_two_heading_right_before_the_first_question_is_a_section():
    parsed = parse_interview(interview("## Money", "– Q?", "– A."))
    assert (parsed.title, parsed.sections) == (None, (Section("Money", 0),))


def test_asterisks_inside_a_paragraph_are_kept():
    parsed = parse_interview(interview("– Is 2*2 **really** 4?", "– Yes, *always*."))
    assert qa_pairs(parsed) == [("Is 2*2 **really** 4?", ["Yes, *always*."])]


def test_a_speaker_introduced_by_full_name_then_by_surname():
    parsed = parse_interview(
        interview(
            "Корр.: Как прошел визит?",
            "Азер Бадамов: Успешно.",
            "Корр.: Что подписали?",
            "Бадамов: Двадцать документов.",
        )
    )
    assert qa_pairs(parsed)[1] == ("Что подписали?", ["Двадцать документов."])
    assert parsed.interviewee == Interviewee("Азер Бадамов", "")


def test_capitalised_speaker_labels():
    parsed = parse_interview(
        interview(
            "INTERVIEWER: When?", "JOHN SMITH: In 1999.", "INTERVIEWER: Why?", "JOHN SMITH: Work."
        )
    )
    assert qa_pairs(parsed) == [("When?", ["In 1999."]), ("Why?", ["Work."])]
    assert parsed.interviewee == Interviewee("John Smith", "")


# --- Preamble and interviewee ----------------------------------------------------


def test_title_is_none_when_the_text_opens_with_a_sentence():
    parsed = parse_interview(interview("A long opening sentence.", "– Q?", "– A."))
    assert parsed.title is None
    assert parsed.lede == "A long opening sentence."


def test_interviewee_name_is_taken_in_the_nominative():
    parsed = parse_interview(
        interview(
            "Мы поговорили с Азером Бадамовым о торговле.",
            "Экономист Азер Бадамов давно изучает этот рынок.",
            "– Господин Бадамов, что будет с ценами?",
            "– Они стабилизируются.",
        )
    )
    assert parsed.interviewee == Interviewee("Азер Бадамов", "экономист")


def test_interviewee_is_none_without_any_evidence():
    parsed = parse_interview(interview("Visitors love Central Park.", "– Why?", "– Trees."))
    assert parsed.interviewee is None


def test_interviewee_role_from_an_apposition():
    parsed = parse_interview(
        interview(
            "Jane Doe, chief economist at Northbank, expects rates to fall.",
            "Q: Ms Doe, when?",
            "A: By spring.",
        )
    )
    assert parsed.interviewee == Interviewee("Jane Doe", "chief economist at Northbank")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("– Как дела?\n\n– Хорошо, спасибо.", "ru"),
        ("– Қалыңыз қалай?\n\n– Жақсы, рақмет. Өзіңіз қалайсыз?", "kk"),
        ("– How are you?\n\n– Fine, thanks.", "en"),
    ],
)
def test_language_is_guessed_from_the_letters(text, language):
    assert parse_interview(text).language == language


# --- Normalisation and verbatim text -----------------------------------------------


@pytest.mark.parametrize("line_break", ["\r\n", "\r"])
def test_windows_and_old_mac_line_breaks(line_break):
    text = interview("Title", "Lede.", "– Q?", "– A.", separator=line_break * 2)
    parsed = parse_interview(text)
    assert (parsed.title, parsed.lede, qa_pairs(parsed)) == ("Title", "Lede.", [("Q?", ["A."])])


def test_byte_order_mark_and_trailing_spaces_are_dropped():
    parsed = parse_interview("\ufeffLede.   \n\n– Q?  \n\n– A.\t")
    assert parsed.lede == "Lede."
    assert qa_pairs(parsed) == [("Q?", ["A."])]


def test_each_line_is_a_paragraph_when_there_are_no_blank_lines():
    parsed = parse_interview("Lede.\n– Q one?\n– A one.\nMore.\n– Q two?\n– A two.")
    assert qa_pairs(parsed) == [("Q one?", ["A one.", "More."]), ("Q two?", ["A two."])]


def test_html_is_kept_verbatim():
    script = "<script>alert('x')</script>"
    parsed = parse_interview(interview(f"<b>Lede</b> {script}.", "– <i>Q</i>?", f"– {script}"))
    assert parsed.lede == f"<b>Lede</b> {script}."
    assert qa_pairs(parsed) == [("<i>Q</i>?", [script])]


def test_to_dict_has_exactly_the_documented_shape():
    parsed = parse_interview(interview("Title", "Lede.", "Sub", "– Q?", "– A."))
    assert parsed.to_dict() == {
        "title": "Title",
        "lede": "Lede.",
        "intro": [],
        "interviewee": None,
        "interviewees": [],
        "qa": [
            {
                "question": "Q?",
                "answer": ["A."],
                "asked_by": None,
                "answers": [{"by": None, "paragraphs": ["A."]}],
            }
        ],
        "sections": [{"title": "Sub", "before_qa_index": 0}],
        "language": "en",
        "byline": None,
        "captions": [],
        "warnings": [
            {
                "code": "no_interviewee",
                "message": "the interviewee was not found: add them",
                "exchange": None,
            }
        ],
    }
    assert parsed.exchanges == (Exchange("Q?", answers=(Answer(None, ("A.",)),)),)


# --- Bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("  \n\t\r\n\u00a0\ufeff ", "only whitespace"),
        ("Just prose.\n\nNo interview here – really.", "no question-and-answer turns found"),
        ("Q: Only questions?\n\nQ: Really?", "no question-and-answer turns found"),
    ],
)
def test_unusable_text_is_rejected_with_a_clear_message(text, message):
    with pytest.raises(InterviewParseError, match=message) as error:
        parse_interview(text)
    assert "\n" not in str(error.value)


def test_text_over_the_size_limit_is_rejected():
    exchange = "– Вопрос?\n\n– Ответ.\n\n"
    text = exchange * (MAX_INTERVIEW_BYTES // len(exchange.encode("utf-8")) + 1)
    assert len(text) < MAX_INTERVIEW_BYTES < len(text.encode("utf-8"))  # bytes count, not chars
    with pytest.raises(InterviewParseError, match=r"too large: .*limit is 1 MB"):
        parse_interview(text)


def test_bytes_over_the_size_limit_are_rejected():
    with pytest.raises(InterviewParseError, match="too large"):
        decode_interview(b"a" * (MAX_INTERVIEW_BYTES + 1))


def test_decoding_accepts_utf8_with_or_without_bom():
    text = "– Вопрос?\n\n– Ответ."
    assert decode_interview(text.encode("utf-8")) == text
    assert decode_interview(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


@pytest.mark.parametrize("data", ["Привет".encode("cp1251"), "Hi".encode("utf-16"), b"\xff"])
def test_non_utf8_bytes_are_rejected(data):
    with pytest.raises(InterviewParseError, match="is not UTF-8 text"):
        decode_interview(data)


# --- Properties -------------------------------------------------------------------

# Bodies never start with a marker, so a body is exactly what the importer must give
# back once it has removed the marker the generator decorated it with.
FIRST_WORDS = ["Это", "This", "Мы", "Бұл", "Итак", "Well", "да", "иә", "The", "Сегодня"]
WORDS = [
    "слово", "word", "сөз", "–", "—", "-", "mid-sentence", "когда-нибудь", "?", "why?",
    "что?", "<b>bold</b>", "<script>alert('x')</script>", "&amp;", "naïve", "😀", "$1",
    "12:30", "100%", "«цитата»", "Ақпарат", "Иванов", "Азер Бадамов", "Q", "A.", "end.",
    "Smith,", "ответ.", "…", "депутат", "2×2", "snake_case",
]  # fmt: skip
HEADINGS = ["Об экономике", "About money", "Экономика туралы", "Part 2"]
LABEL_PAIRS = [
    ("Q:", "A:"), ("Q.", "A."), ("Q -", "A -"), ("**Q:**", "**A:**"), ("Question:", "Answer:"),
    ("Вопрос:", "Ответ:"), ("В:", "О:"), ("Сұрақ:", "Жауап:"), ("Вопрос 1:", "Ответ:"),
]  # fmt: skip
SPEAKER_PAIRS = [
    ("Корреспондент:", "Иванов:"), ("Interviewer:", "Jane Doe:"), ("**Корр.:**", "**Т.А.:**"),
    ("Журналист: –", "Бадамов: –"), ("Zakon.kz:", "Азер Бадамов:"),
]  # fmt: skip
EMPHASIS = ["**{}**", "__{}__", "*{}*", "**– {}**", "– **{}**"]


def bodies(ending: str = "") -> st.SearchStrategy[str]:
    return st.builds(
        lambda first, rest: " ".join([first, *rest]) + ending,
        st.sampled_from(FIRST_WORDS),
        st.lists(st.sampled_from(WORDS), max_size=10),
    )


@dataclass
class GeneratedInterview:
    text: str = ""
    title: str | None = None
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        paragraphs = [self.title or "", *self.preamble]
        paragraphs += [section.title for section in self.sections]
        for exchange in self.exchanges:
            paragraphs += [*exchange.question.split("\n\n"), *exchange.answer]
        return [paragraph for paragraph in paragraphs if paragraph]


@st.composite
def generated_interviews(draw, unambiguous: bool = False) -> GeneratedInterview:
    """A random interview in a random format.

    With `unambiguous`, questions end in "?" and every other body in ".", so that no
    heuristic has a choice to make and the whole structure is known.
    """
    question_ending, other_ending = ("?", ".") if unambiguous else ("", "")
    style = draw(st.sampled_from(["dashes", "labels", "speakers", "emphasis"]))
    if style == "dashes":
        dash = draw(st.sampled_from(["-", "–", "—"])) + draw(st.sampled_from([" ", "\u00a0"]))
        question_marker = answer_marker = dash
    elif style == "labels":
        question_marker, answer_marker = (
            f"{label} " for label in draw(st.sampled_from(LABEL_PAIRS))
        )
    elif style == "speakers":
        question_marker, answer_marker = (
            f"{label} " for label in draw(st.sampled_from(SPEAKER_PAIRS))
        )
    else:
        question_marker, answer_marker = "", draw(st.sampled_from(["", "– "]))
    emphasis = draw(st.sampled_from(EMPHASIS))

    interview = GeneratedInterview()
    paragraphs: list[str] = []
    interview.title = draw(st.none() | st.sampled_from(HEADINGS))
    if interview.title:
        paragraphs.append(draw(st.sampled_from(["# ", ""])) + interview.title)
    interview.preamble = draw(st.lists(bodies(other_ending), max_size=3))
    paragraphs += interview.preamble

    for index in range(draw(st.integers(2, 5))):
        heading = draw(st.none() | st.sampled_from(HEADINGS))
        if heading:
            # A plain heading line right after the title would be read as the lede.
            explicit = index == 0 or style == "emphasis" or draw(st.booleans())
            decorated = "## {}" if style != "emphasis" or index == 0 else emphasis
            paragraphs.append(decorated.format(heading) if explicit else heading)
            interview.sections.append(Section(heading, index))

        question = draw(st.lists(bodies(question_ending), min_size=1, max_size=2))
        if style == "emphasis":
            question = [body.rstrip("?") + "?" for body in question]  # it must ask something
            paragraphs += [emphasis.format(body) for body in question]
        else:
            # Paragraphs after the first are unmarked and belong to the question.
            paragraphs += [question_marker + question[0], *question[1:]]

        answer = draw(st.lists(bodies(other_ending), min_size=1, max_size=3))
        paragraphs += [answer_marker + answer[0], *answer[1:]]
        interview.exchanges.append(
            Exchange("\n\n".join(question), answers=(Answer(None, tuple(answer)),))
        )

    separator = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n \n"]))
    interview.text = draw(st.sampled_from(["", "\ufeff"])) + separator.join(paragraphs)
    return interview


def output_paragraphs(parsed: ParsedInterview) -> list[str]:
    # A dash turn that opens the piece without asking is read as a quotation in the lede and
    # keeps its dash (as written); that dash is the only marker the preamble may keep.
    preamble = [re.sub(r"^[-–—] ", "", text) for text in (parsed.lede, *parsed.intro)]
    paragraphs = [parsed.title or "", *preamble, parsed.byline or ""]
    paragraphs += [*parsed.captions, *(section.title for section in parsed.sections)]
    for exchange in parsed.exchanges:
        paragraphs += [*exchange.question.split("\n\n"), *exchange.answer]
    return [paragraph for paragraph in paragraphs if paragraph]


FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(generated_interviews())
def test_every_paragraph_lands_in_exactly_one_place(interview):
    parsed = parse_interview(interview.text)
    assert Counter(output_paragraphs(parsed)) == Counter(interview.paragraphs())


@FAST
@given(generated_interviews(unambiguous=True))
def test_unambiguous_interviews_round_trip_exactly(interview):
    parsed = parse_interview(interview.text)
    assert qa_pairs(parsed) == [(e.question, list(e.answer)) for e in interview.exchanges]
    assert parsed.sections == tuple(interview.sections)
    assert parsed.title == interview.title
    assert [parsed.lede, *parsed.intro] == (interview.preamble or [""])


NASTY_FRAGMENTS = [
    "– ", "- ", "— ", "Q: ", "A: ", "Вопрос: ", "Ответ: ", "Иванов: ", "Корр.: ", "**", "__",
    "*", "_", "# ", "## ", "?", "\n", "\n\n", "\r\n", "\r", "\u00a0", "\ufeff", "<b>", ":",
    ".", ",", "Азер Бадамов", "депутат", "Mr ", "word", "Слово", " ", "А.Б.", "ханым",
]  # fmt: skip


@FAST
@given(st.text(max_size=300) | st.lists(st.sampled_from(NASTY_FRAGMENTS), max_size=60).map("".join))
def test_parse_raises_nothing_but_interview_parse_error(text):
    try:
        parsed = parse_interview(text)
    except InterviewParseError as error:
        assert str(error) and "\n" not in str(error)
    else:
        json.dumps(parsed.to_dict())
        assert parsed.exchanges
        assert parsed.language in {"ru", "kk", "en"}
