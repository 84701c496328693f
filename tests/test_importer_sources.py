"""Sources (issue 11, item 1): .docx, HTML, Markdown and text become the same paragraphs."""

import io
import json
import zipfile

import pytest

from interviews.importer import (
    InterviewParseError,
    SourceParagraph,
    parse_interview,
    read_source,
    text_of_paste,
)
from interviews.importer.sources import docx_paragraphs, html_paragraphs
from tests.importer_sources import (
    ANSWERS,
    GUEST_LEDE,
    QUESTIONS,
    docx_interview,
    google_docs_clipboard,
    html_page,
)


@pytest.fixture(scope="session", autouse=True)
def required_services():
    """Overrides the conftest check: the importer needs no database or browser."""


def expected_pairs():
    return [(q, [a]) for q, a in zip(QUESTIONS, ANSWERS, strict=True)]


def pairs(parsed):
    return [(e.question, list(e.answer)) for e in parsed.exchanges]


def test_docx_paragraphs_carry_their_emphasis():
    paragraphs = docx_paragraphs(docx_interview())
    title = paragraphs[0]
    assert (title.text, title.heading_level) == ("Honey above the traffic", 1)
    assert paragraphs[1] == SourceParagraph(GUEST_LEDE)
    assert paragraphs[2] == SourceParagraph(QUESTIONS[0], bold=True)


def test_a_docx_imports_with_its_title_and_bold_questions():
    parsed = parse_interview(read_source(docx_interview()))
    assert parsed.title == "Honey above the traffic"
    assert parsed.lede == GUEST_LEDE
    assert pairs(parsed) == expected_pairs()
    assert parsed.interviewee.name == "Tom Hale"


def test_a_saved_web_page_imports_its_article_only():
    parsed = parse_interview(read_source(html_page().encode()))
    assert parsed.title == "Honey above the traffic"
    assert parsed.lede == GUEST_LEDE
    assert pairs(parsed) == expected_pairs()
    everything = " ".join([parsed.lede, *(p for e in parsed.exchanges for p in e.answer)])
    assert "Sport" not in everything and "track()" not in everything and "©" not in everything


def test_a_news_sites_page_chrome_inside_the_article_is_left_out():
    page = (
        "<html><body><article>"
        '<div class="breadcrumbs">Главная / Экономика</div>'
        "<h1>«Тарифы вырастут весной»</h1>"
        '<div class="article__date">3 апреля 2026, 09:00 · 2 мин чтения</div>'
        '<p class="lead">Как изменятся тарифы, рассказал аналитик Руслан Ибраев.</p>'
        "<p><strong>– Руслан, когда вырастут тарифы?</strong></p><p>– В марте.</p>"
        "<p><strong>– Насколько?</strong></p><p>– На восемь процентов.</p>"
        '<div class="share-buttons">Поделиться: Telegram WhatsApp</div>'
        '<ul class="post-tags"><li>тарифы</li></ul>'
        '<section id="related"><h3>Читайте также</h3><p>Цены на газ</p></section>'
        "</article></body></html>"
    )
    parsed = parse_interview(read_source(page.encode()))
    assert parsed.title == "«Тарифы вырастут весной»"
    assert parsed.lede == "Как изменятся тарифы, рассказал аналитик Руслан Ибраев."
    assert parsed.intro == ()
    assert parsed.exchanges[-1].answer == ("На восемь процентов.",)


TABLE_TURNS = [
    ("Корреспондент", ["Асхат, сколько длилась стройка?"]),
    ("Нурпеисов", ["Три года.", "Паводок помешал."]),
    ("Корреспондент", ["Сколько стоил мост?"]),
    ("Нурпеисов", ["Около 30 миллиардов тенге."]),
]
TABLE_LEDE = "Мост открыли в мае. О стройке рассказал инженер Асхат Нурпеисов."


def test_a_transcript_laid_out_as_a_table_of_speaker_and_words():
    import docx

    document = docx.Document()
    document.add_heading("Мост через Урал", 0)
    document.add_paragraph(TABLE_LEDE)
    table = document.add_table(rows=0, cols=2)
    for speaker, words in TABLE_TURNS:
        label, text = table.add_row().cells
        label.text, text.text = speaker, words[0]
        for more in words[1:]:
            text.add_paragraph(more)
    saved = io.BytesIO()
    document.save(saved)
    rows = "".join(
        f"<tr><td>{speaker}</td><td>{''.join(f'<p>{w}</p>' for w in words)}</td></tr>"
        for speaker, words in TABLE_TURNS
    )
    page = f"<html><body><h1>Мост через Урал</h1><p>{TABLE_LEDE}</p><table>{rows}</table>"

    for source in (saved.getvalue(), page.encode()):
        parsed = parse_interview(read_source(source))
        assert parsed.interviewee.name == "Асхат Нурпеисов"
        assert [(e.question, e.answer) for e in parsed.exchanges] == [
            ("Асхат, сколько длилась стройка?", ("Три года.", "Паводок помешал.")),
            ("Сколько стоил мост?", ("Около 30 миллиардов тенге.",)),
        ]


def test_the_google_docs_clipboard_keeps_bold_questions():
    paragraphs = html_paragraphs(google_docs_clipboard())
    assert [p.bold for p in paragraphs] == [False, True, False, True, False]
    parsed = parse_interview(
        text_of_paste("plain text that lost the bold", google_docs_clipboard())
    )
    assert pairs(parsed) == expected_pairs()


def test_a_paste_without_html_is_the_plain_text():
    assert text_of_paste("– Q?\n\n– A.", "") == "– Q?\n\n– A."
    assert text_of_paste("– Q?\n\n– A.", "just text, no tags") == "– Q?\n\n– A."


def test_the_kind_of_file_is_told_by_its_content_not_its_name():
    # read_source never sees the name: a .docx called interview.txt is still a .docx.
    assert read_source(docx_interview()).startswith("# Honey above the traffic")
    assert read_source(b"\xef\xbb\xbf<html><body><p>Hi</p></body></html>") == "Hi"
    assert read_source(b"**Bold?**\n\nPlain.") == "**Bold?**\n\nPlain."


def test_a_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.txt", "not a document")
    with pytest.raises(InterviewParseError, match="not a Word document"):
        read_source(buffer.getvalue())


def test_a_damaged_docx_is_a_one_line_error():
    data = docx_interview()
    broken = data[: len(data) // 2]
    with pytest.raises(InterviewParseError) as error:
        read_source(broken)
    assert "\n" not in str(error.value)


def test_html_text_is_escaped_text_never_markup():
    page = "<html><body><p>&lt;script&gt;alert(1)&lt;/script&gt; Lede.</p>"
    page += "<p><b>Q?</b></p><p>A.</p><p><b>Q2?</b></p><p>A2.</p></body></html>"
    parsed = parse_interview(read_source(page.encode()))
    assert parsed.lede == "<script>alert(1)</script> Lede."  # shown escaped downstream


# --- The whole path, bytes to structure, never raises anything but a one-line error ----

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

SOURCE_FRAGMENTS = [
    b"PK\x03\x04", b"<html>", b"<p>", b"</p>", b"<b>", b"<br>", b"<h1>", b"<article>",
    b"\xef\xbb\xbf", b"\x00", b"\xff", "– Вопрос?".encode(), "– Ответ.".encode(), b"\n\n",
    b"Q: ", b"A: ", b"**", "Фото: ".encode(), b"<script>", b"&lt;", b"<!--", b"-->",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.binary(max_size=400)
    | st.lists(st.sampled_from(SOURCE_FRAGMENTS), max_size=40).map(b"".join)
    | st.builds(lambda body: docx_interview()[: len(body) * 97], st.binary(max_size=60))
)
def test_any_bytes_become_an_interview_or_a_one_line_error(data):
    try:
        parsed = parse_interview(read_source(data))
    except InterviewParseError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert parsed.exchanges
        json.dumps(parsed.to_dict())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.text(max_size=300))
def test_any_paste_becomes_an_interview_or_a_one_line_error(text, html):
    try:
        parsed = parse_interview(text_of_paste(text, html))
    except InterviewParseError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert parsed.exchanges
