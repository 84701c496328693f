"""The importer on the shapes real desks receive (issue 11, item 2): one original fixture per
shape, in Russian, Kazakh and English, each with the structure it must parse to."""

import json
from pathlib import Path

import pytest

from interviews.importer import parse_interview

FIXTURES = Path(__file__).parent / "fixtures" / "importer"
FIXTURE_NAMES = sorted(path.stem for path in FIXTURES.glob("*.txt"))

# Each shape, and the fixture that shows it.
SHAPES = {
    "numbered questions (1. …?)": "en-numbered",
    "alternating lines with no marker": "ru-unmarked",
    "question on the line above its answer (lost bold)": "kk-lost-bold",
    "dash as U+2212, hyphen, no space after it": "kk-dash-variants",
    "invisible marks (U+200B, U+200F, U+202E) before a dash": "kk-dash-variants",
    "labels ending in a full stop": "ru-full-stop-labels",
    "initials with a dash and no colon": "ru-initials-dash",
    "initials + CAPS surname labels": "ru-caps-initials",
    "name on its own line, then a line holding only ―": "ru-radio-two-hosts",
    "NAME, HOST: then NAME:": "en-host-labels",
    "the outlet's name as the interviewer's label": "en-outlet-label",
    "a label on its own line before a dash paragraph": "en-label-own-line",
    "reader questions with the reader's name on its own line": "ru-readers",
    "opens with a quoted answer before the first question": "ru-readers",
    "closing byline": "ru-readers",
    "caption line naming the speaker, with a role": "kk-dash-variants",
    "headline ending in ! or ?": "en-numbered",
    "two hosts, one guest; two host turns in a row are one question": "ru-radio-two-hosts",
    "one host, two guests answering in turn": "ru-full-stop-labels",
}


@pytest.fixture(scope="session", autouse=True)
def required_services():
    """Overrides the conftest check: the importer needs no database or browser."""


def test_every_shape_has_a_fixture_and_every_language_is_covered():
    assert set(SHAPES.values()) <= set(FIXTURE_NAMES)
    assert {name.split("-")[0] for name in FIXTURE_NAMES} == {"ru", "kk", "en"}


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_parses_to_its_expected_structure(name):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))

    result = parse_interview(text).to_dict()

    assert result.keys() == expected.keys()
    for key in sorted(result.keys() - {"qa"}):
        assert result[key] == expected[key], key
    assert len(result["qa"]) == len(expected["qa"])
    for index, (got, want) in enumerate(zip(result["qa"], expected["qa"], strict=True)):
        assert got == want, f"exchange {index}"


def test_markers_are_stripped_from_every_shape():
    for name in FIXTURE_NAMES:
        parsed = parse_interview((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
        for exchange in parsed.exchanges:
            for text in (exchange.question, *exchange.answer):
                assert text[:1] not in "-–—―−\u200b\u200f\u202e", (name, text)
                assert not text[:3].rstrip(".").isdigit(), (name, text)
                assert "―" not in text.split("\n")[0][:2], (name, text)


def test_two_host_turns_in_a_row_form_one_question_asked_by_both():
    parsed = parse_interview((FIXTURES / "ru-radio-two-hosts.txt").read_text(encoding="utf-8"))
    second = parsed.exchanges[1]
    assert second.question.count("\n\n") == 1
    assert second.asked_by == ("Арман Жунусов", "Ольга Бек")
    assert second.asked_by_for_json() == ["Арман Жунусов", "Ольга Бек"]


def test_a_question_answered_by_two_guests_keeps_both_answers():
    parsed = parse_interview((FIXTURES / "ru-full-stop-labels.txt").read_text(encoding="utf-8"))
    first = parsed.exchanges[0]
    assert [answer.speaker for answer in first.answers] == ["Игорь Власов", "Дана Омарова"]
    assert [person.name for person in parsed.interviewees] == ["Игорь Власов", "Дана Омарова"]


def test_only_an_attributed_opening_dash_turn_is_a_quotation():
    # Found by hypothesis: unmarked paragraphs between dash turns made every turn a "quote".
    parsed = parse_interview("- Это\n\nЭто\n\n- Это\n\nЭто\n\n- Это\n\nЭто\n\n- Это ?")
    assert parsed.exchanges and parsed.lede == ""


def test_a_label_line_before_a_labelled_question_is_not_joined_to_it():
    # Found by hypothesis: "Мария:" then "Иванов: Вопрос?" crashed (IndexError).
    parsed = parse_interview(
        "Лид.\n\nМария:\n\nИванов: Вопрос?\n\nПетров: Ответ.\n\nИванов: Ещё?\n\nПетров: Да."
    )
    assert [(e.question, e.asked_by) for e in parsed.exchanges] == [
        ("Вопрос?", ("Иванов",)),
        ("Ещё?", ("Иванов",)),
    ]
    assert "Мария:" in parsed.intro
