"""Original .docx and HTML interviews for the source tests, built in code (no binary files)."""

import io

import docx

GUEST_LEDE = "Beekeeper Tom Hale keeps forty hives on the roofs of Leeds."
QUESTIONS = ("Why roofs?", "Do the neighbours complain?")
ANSWERS = (
    "Fewer people, more sun. And the bees do not mind the height.",
    "They complained once. Then I gave them a jar of honey.",
)


def docx_interview() -> bytes:
    """A Word file as desks get them: a Heading 1 title, a lede, bold questions."""
    document = docx.Document()
    document.add_heading("Honey above the traffic", level=1)
    document.add_paragraph(GUEST_LEDE)
    for question, answer in zip(QUESTIONS, ANSWERS, strict=True):
        document.add_paragraph().add_run(question).bold = True
        document.add_paragraph(answer)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def html_page() -> str:
    """A saved web page: menus and a footer around the article."""
    exchanges = "".join(
        f"<p><strong>{question}</strong></p><p>{answer}</p>"
        for question, answer in zip(QUESTIONS, ANSWERS, strict=True)
    )
    return (
        "<!DOCTYPE html><html><head><title>Site</title><style>p{}</style></head><body>"
        "<nav><ul><li>News</li><li>Sport</li></ul></nav>"
        f"<article><h1>Honey above the traffic</h1><p>{GUEST_LEDE}</p>{exchanges}</article>"
        "<footer><p>© The Leeds Post</p></footer><script>track()</script></body></html>"
    )


def google_docs_clipboard() -> str:
    """The text/html flavour Google Docs puts on the clipboard: spans with font weights
    inside a <b style="font-weight:normal"> wrapper."""
    exchanges = "".join(
        f'<p dir="ltr"><span style="font-weight:700">{question}</span></p>'
        f'<p dir="ltr"><span style="font-weight:400">{answer}</span></p>'
        for question, answer in zip(QUESTIONS, ANSWERS, strict=True)
    )
    return (
        '<meta charset="utf-8"><b style="font-weight:normal" id="docs-internal-guid-1">'
        f'<p dir="ltr"><span style="font-weight:400">{GUEST_LEDE}</span></p>{exchanges}</b>'
    )
