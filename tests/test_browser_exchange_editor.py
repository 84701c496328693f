"""The exchange editor stays light: a 40-exchange interview opens with a bounded DOM, and
saves."""

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
