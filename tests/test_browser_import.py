"""An editor imports an interview through the admin, in a real headless Chromium."""

import pytest
from playwright.sync_api import expect

from interviews.models import InterviewPage
from tests.factories import DASH_INTERVIEW

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_editor_pastes_checks_and_lands_in_the_editor(live_server, page, log_in_editor):
    log_in_editor()

    page.locator("a[href='/admin/interviews/import/']").click()
    page.locator("#id_text").fill(DASH_INTERVIEW)
    page.locator("#id_title").fill("Рекорд Курыка")
    page.get_by_test_id("show-structure").click()

    expect(page.get_by_test_id("exchange")).to_have_count(2)
    expect(page.get_by_test_id("interviewee")).to_contain_text("Нурлан Абенов")
    page.get_by_test_id("create-draft").click()

    page.wait_for_url("**/admin/pages/*/edit/")
    assert page.locator("#id_title").input_value() == "Рекорд Курыка"
    assert "Нурлан Серикович, каким был сезон для порта?" in page.content()
    draft = InterviewPage.objects.get()
    assert not draft.live
    assert page.url.endswith(f"/admin/pages/{draft.pk}/edit/")


def test_editor_sees_a_clear_error_for_text_without_questions(page, log_in_editor):
    log_in_editor("/admin/interviews/import/")

    page.locator("#id_text").fill("Просто заметка без вопросов.\n\nЕщё абзац.")
    page.get_by_test_id("show-structure").click()

    expect(page.get_by_test_id("import-error")).to_contain_text("не найдено ни одного вопроса")
    assert not InterviewPage.objects.exists()
