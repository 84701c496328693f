"""An editor imports interviews through the admin, in a real headless Chromium: a paste from a
web page and a Word file, each corrected on the review screen before the draft exists."""

import pytest
from django.http import QueryDict
from playwright.sync_api import expect

from interviews.forms import ReviewInterviewForm
from interviews.models import InterviewPage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CREDIT = "Reporting: Anna Kim, Leeds"


def review_row(page, number: int):
    return page.get_by_test_id("review-paragraph").nth(number - 1)


def confirmed_interview(request):
    """The interview the review screen's POST asks the server to create."""
    form = ReviewInterviewForm(QueryDict(request.post_data))
    assert form.is_valid(), form.errors
    return form.interview()


def test_editor_pastes_from_a_web_page_fixes_a_role_and_a_speaker_and_lands_in_the_draft(
    page, log_in_editor
):
    from tests.importer_sources import ANSWERS, GUEST_LEDE, QUESTIONS, google_docs_clipboard

    log_in_editor()
    page.locator("a[href='/admin/interviews/import/']").click()
    box = page.locator("#id_text")
    box.focus()
    # A real paste event carrying both clipboard flavours, as a browser sends it when the
    # editor copies from Google Docs or a web page; the plain flavour has lost the bold.
    clipboard = google_docs_clipboard().replace(
        "</b>", f'<p dir="ltr"><span style="font-weight:400">{CREDIT}</span></p></b>'
    )
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
        [clipboard, "Everything on one level, the bold lost."],
    )
    assert page.locator("input[name='html']").input_value().startswith("<meta")
    page.get_by_test_id("show-structure").click()

    # The review: lede, then the bold paragraphs as questions, the credit stuck to answer 2.
    rows = page.get_by_test_id("review-paragraph")
    expect(rows).to_have_count(6)
    expect(review_row(page, 2)).to_contain_text(QUESTIONS[0])
    expect(review_row(page, 2).locator("select")).to_have_value("question")
    expect(page.locator("input[name='guest-name-0']")).to_have_value("Tom Hale")
    # By mouse: the closing credit is a byline, not the guest's words.
    review_row(page, 6).locator("select").select_option("byline")
    # By keyboard: Tab from the first answer's role box to its speaker, and retype it.
    review_row(page, 3).locator("select").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("Ann Hale")
    page.locator("input[name='guest-name-1']").fill("Ann Hale")
    page.locator("#id_title").fill("Honey above the traffic")

    with page.expect_request(lambda request: request.method == "POST") as posted:
        page.get_by_test_id("create-draft").click()
    page.wait_for_url("**/admin/pages/*/edit/")

    interview = confirmed_interview(posted.value)
    assert [answer.speaker for answer in interview.exchanges[0].answers] == ["Ann Hale"]
    assert [answer.speaker for answer in interview.exchanges[1].answers] == ["Tom Hale"]
    assert interview.byline == CREDIT
    draft = InterviewPage.objects.get()
    assert page.url.endswith(f"/admin/pages/{draft.pk}/edit/") and not draft.live
    assert page.locator("#id_title").input_value() == "Honey above the traffic"
    assert draft.lede == GUEST_LEDE
    assert [exchange.question for exchange in draft.exchanges] == list(QUESTIONS)
    assert CREDIT not in draft.exchanges[1].answer_text
    assert ANSWERS[1] in draft.exchanges[1].answer_text
    assert [person.name for person in draft.interviewees] == ["Tom Hale", "Ann Hale"]


def test_editor_uploads_a_word_file_that_opens_with_a_question_and_marks_one_by_key(
    page, log_in_editor, tmp_path
):
    import docx

    document = docx.Document()
    for text, bold in [
        ("Why did you start keeping bees?", True),
        ("My grandfather kept them.", False),
        ("And now?", True),
        ("Now I keep forty hives.", False),
        ("And the honey?", False),  # the bold lost: the importer reads it as answer
        ("It sells out every autumn.", False),
    ]:
        document.add_paragraph().add_run(text).bold = bold
    path = tmp_path / "no-lede.docx"
    document.save(path)

    from tests.site_helpers import png_image

    hives = png_image("Hives on the roof")
    log_in_editor("/admin/interviews/import/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_test_id("show-structure").click()

    expect(page.get_by_test_id("import-warnings")).to_be_visible()
    role = review_row(page, 5).locator("select")
    expect(role).to_have_value("answer")
    review_row(page, 4).locator("select").focus()
    page.keyboard.press("j")  # the documented shortcuts: the next paragraph, a question
    expect(role).to_be_focused()
    page.keyboard.press("q")
    expect(role).to_have_value("question")

    # The lead image through Wagtail's own chooser, on the review screen.
    lead_image = page.get_by_test_id("lead-image")
    lead_image.locator("button.chooser__choose-button").click()
    page.locator("a[data-chooser-modal-choice]", has_text="Hives on the roof").click()
    expect(lead_image.locator("input[name='lead_image']")).to_have_value(str(hives.pk))
    # Closing, the modal gives focus back to its button: wait until it has gone.
    expect(page.locator(".modal")).to_have_count(0)
    lead_image.locator("input[name='lead_image_credit']").fill("Photo: the desk")
    page.get_by_test_id("create-draft").click()

    page.wait_for_url("**/admin/pages/*/edit/")
    draft = InterviewPage.objects.get()
    assert draft.title == "Why did you start keeping bees?"
    assert [exchange.question for exchange in draft.exchanges] == [
        "Why did you start keeping bees?",
        "And now?",
        "And the honey?",
    ]
    assert "It sells out every autumn." in draft.exchanges[2].answer_text
    assert draft.lead_image == hives and draft.lead_image_credit == "Photo: the desk"
