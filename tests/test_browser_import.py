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


def test_editor_pastes_from_a_web_page_and_the_bold_questions_survive(page, log_in_editor):
    from tests.importer_sources import QUESTIONS, google_docs_clipboard

    log_in_editor("/admin/interviews/import/")
    box = page.locator("#id_text")
    box.focus()
    # A real paste event carrying both clipboard flavours, as a browser sends it when the
    # editor copies from Google Docs or a web page; the plain flavour has lost the bold.
    page.evaluate(
        """([html, plain]) => {
            const box = document.querySelector('#id_text');
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', plain);
            box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true,
                                                          cancelable: true}));
            box.value = plain;  // what the browser's default paste inserts
        }""",
        [google_docs_clipboard(), "Everything on one level, the bold lost."],
    )
    assert page.locator("input[name='html']").input_value().startswith("<meta")
    page.get_by_test_id("show-structure").click()

    exchanges = page.get_by_test_id("exchange")
    expect(exchanges).to_have_count(2)
    expect(exchanges.first).to_contain_text(QUESTIONS[0])
    page.get_by_test_id("create-draft").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert [e.question for e in InterviewPage.objects.get().exchanges] == list(QUESTIONS)


def test_editor_uploads_a_word_file_that_opens_with_a_question(page, log_in_editor, tmp_path):
    import docx

    document = docx.Document()
    for text, bold in [
        ("Why did you start keeping bees?", True),
        ("My grandfather kept them.", False),
        ("And now?", True),
        ("Now I keep forty hives.", False),
    ]:
        document.add_paragraph().add_run(text).bold = bold
    path = tmp_path / "no-lede.docx"
    document.save(path)

    log_in_editor("/admin/interviews/import/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_test_id("show-structure").click()

    expect(page.get_by_test_id("exchange")).to_have_count(2)
    expect(page.get_by_test_id("import-warnings")).to_be_visible()
    page.get_by_test_id("create-draft").click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert InterviewPage.objects.get().title == "Why did you start keeping bees?"
