"""The exchange editor: a 40-exchange interview opens with a bounded DOM and saves; an
exchange fits in one screen, speaker beside answer; Alt+arrows reorder exchanges."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_interview

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EXCHANGES = 40
# Elements in the whole editor page for a 40-exchange interview, one answer each: 7,342
# when an exchange had a single answer field, 11,102 with answers as a list of {speaker,
# text} (docs/performance.md, "The exchange editor"). The bound leaves room for Wagtail's
# own markup to change a little, not for another widget per answer.
EDITOR_ELEMENTS_MAX = 11_800


def interview_text(exchanges: int) -> str:
    turns = [
        f"– Вопрос номер {n} о порте?\n\n– Ответ номер {n} о причалах." for n in range(exchanges)
    ]
    return "Порт Актау растёт.\n\n" + "\n\n".join(turns) + "\n"


def test_a_40_exchange_interview_opens_in_a_bounded_editor_and_saves(
    interview_section, live_server, page, log_in_editor
):
    interview = make_interview(interview_section, text=interview_text(EXCHANGES), title="Порт")
    log_in_editor(f"/admin/pages/{interview.pk}/edit/")
    questions = page.locator("[data-contentpath='body'] [data-contentpath='question']")
    expect(questions).to_have_count(EXCHANGES)
    elements = page.evaluate("document.getElementsByTagName('*').length")
    print(f"editor elements for {EXCHANGES} exchanges: {elements}")
    assert elements <= EDITOR_ELEMENTS_MAX

    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.locator(".messages")).to_contain_text("обновлена")
    interview.refresh_from_db()
    draft = interview.get_latest_revision_as_object()
    assert len(draft.exchanges) == EXCHANGES
    assert [len(exchange.answers) for exchange in draft.exchanges] == [1] * EXCHANGES


def box(locator) -> dict:
    bounds = locator.bounding_box()
    assert bounds, "not rendered"
    return bounds


def test_an_exchange_shows_question_speaker_answer_and_topics_in_one_screen(
    interview_section, live_server, page, log_in_editor
):
    interview = make_interview(interview_section, text=interview_text(3), title="Порт")
    log_in_editor(f"/admin/pages/{interview.pk}/edit/")
    exchange = page.locator("[data-contentpath='body'] [data-streamfield-child]").first
    question = exchange.locator("[data-contentpath='question'] textarea")
    asked_by = exchange.locator("[data-contentpath='asked_by'] .w-field__label")
    speaker = exchange.locator("[data-contentpath='speaker'] .chooser").first
    answer = exchange.locator("[data-contentpath='text'] .public-DraftEditor-content").first
    topics = exchange.locator("[data-contentpath='topics'] ul.tagit")
    expect(answer).to_contain_text("Ответ номер 0")
    question.scroll_into_view_if_needed()

    fields = [box(question), box(asked_by), box(speaker), box(answer), box(topics)]
    top = min(field["y"] for field in fields)
    bottom = max(field["y"] + field["height"] for field in fields)
    assert bottom - top <= page.viewport_size["height"] / 2
    # Who asked stands beside the question, the speaker beside the answer: one row each.
    question_box, asked_by_box, speaker_box, answer_box = fields[:4]
    assert asked_by_box["x"] >= question_box["x"] + question_box["width"]
    assert asked_by_box["y"] < question_box["y"] + question_box["height"]
    assert speaker_box["x"] + speaker_box["width"] <= answer_box["x"]
    assert speaker_box["y"] < answer_box["y"] + answer_box["height"]


def test_alt_arrows_move_the_focused_exchange_and_the_draft_keeps_the_order(
    interview_section, live_server, page, log_in_editor
):
    interview = make_interview(interview_section, text=interview_text(3), title="Порт")
    log_in_editor(f"/admin/pages/{interview.pk}/edit/")
    questions = page.locator("[data-contentpath='body'] [data-contentpath='question'] textarea")
    announcer = page.locator("[data-exchange-announcer]")

    questions.nth(0).focus()
    page.keyboard.press("Alt+ArrowUp")
    expect(announcer).to_have_text("Этот блок уже первый.")

    page.keyboard.press("Alt+ArrowDown")
    expect(questions.nth(1)).to_have_value("Вопрос номер 0 о порте?")
    expect(questions.nth(0)).to_have_value("Вопрос номер 1 о порте?")
    expect(announcer).to_have_text("Перемещён ниже: блок 2 из 3.")
    # The editor's hand stays in the exchange it moved: it moves again.
    assert page.evaluate("document.activeElement.value") == "Вопрос номер 0 о порте?"
    page.keyboard.press("Alt+ArrowDown")
    expect(questions.nth(2)).to_have_value("Вопрос номер 0 о порте?")
    page.keyboard.press("Alt+ArrowDown")
    expect(announcer).to_have_text("Этот блок уже последний.")

    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.locator(".messages")).to_contain_text("обновлена")
    interview.refresh_from_db()
    draft = interview.get_latest_revision_as_object()
    assert [exchange.question for exchange in draft.exchanges] == [
        "Вопрос номер 1 о порте?",
        "Вопрос номер 2 о порте?",
        "Вопрос номер 0 о порте?",
    ]
