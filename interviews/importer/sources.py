"""Reading an interview's source into text: plain text, Markdown, .docx or HTML.

Every source becomes the same thing: a list of paragraphs with their emphasis (bold,
italic, heading level). The parser reads one text format, so that list is written out as
light Markdown ("# Title", "**bold question?**") — the form a Markdown paste already has —
and one parser reads every source. The source is told by its content, not its name: a
.docx is a zip archive holding word/document.xml, HTML opens with a tag.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace

from interviews.importer.model import InterviewParseError, check_size

# An uploaded .docx or web page may be larger than its text (images, markup): its raw size
# is capped here, and the text it holds must still fit MAX_INTERVIEW_BYTES.
MAX_SOURCE_BYTES = 10 * 1024 * 1024
# document.xml inflated: a zip bomb is refused before it is parsed.
_MAX_DOCX_XML_BYTES = 40 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b",
    re.I | re.S,
)
_HTML_TAGS = re.compile(r"<(?:p|div|br|h[1-6]|b|strong|i|em|span|li|ul|ol|table)\b[^>]*>", re.I)


@dataclass(frozen=True)
class SourceParagraph:
    """One paragraph of a source, with the emphasis the parser takes as evidence."""

    text: str
    bold: bool = False  # the whole paragraph is bold: likely a question
    italic: bool = False
    heading_level: int = 0  # 1 for a title, 2+ for a section; 0 for body text


def check_source_size(size_in_bytes: int) -> None:
    """Refuse a file over the limit by its size alone, before it is read."""
    if size_in_bytes > MAX_SOURCE_BYTES:
        size = f"{size_in_bytes / (1024 * 1024):.3g} MB"
        limit = f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB"
        raise InterviewParseError(
            f"the file is too large: {size} (the limit is {limit})",
            code="file_too_large",
            params={"size": size, "limit": limit},
        )


def read_source(data: bytes) -> str:
    """The interview text of an uploaded file, whatever its kind (told by its content)."""
    check_source_size(len(data))
    if data.startswith(_ZIP_MAGIC):
        return _checked(paragraphs_to_text(docx_paragraphs(data)))
    if _HTML_START.match(data[:2048]):
        return _checked(paragraphs_to_text(html_paragraphs(decode_interview(data, limit=False))))
    return decode_interview(data)


def text_of_paste(text: str, html: str = "") -> str:
    """A paste: the browser's HTML flavour when it sent one (it keeps bold and headings),
    else the plain text as typed."""
    if html.strip() and _HTML_TAGS.search(html):
        converted = paragraphs_to_text(html_paragraphs(html))
        if converted.strip():
            return _checked(converted)
    return text


def _checked(text: str) -> str:
    check_size(len(text.encode("utf-8")))
    return text


def paragraphs_to_text(paragraphs: list[SourceParagraph]) -> str:
    """Paragraphs as light Markdown, the form the parser reads emphasis and headings in."""
    blocks = []
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        if paragraph.heading_level:
            text = "#" * min(paragraph.heading_level, 6) + " " + " ".join(text.split())
        elif paragraph.bold:
            text = f"**{text}**"
        elif paragraph.italic:
            text = f"*{text}*"
        blocks.append(text)
    return "\n\n".join(blocks)


# --- .docx ------------------------------------------------------------------------


def docx_paragraphs(data: bytes) -> list[SourceParagraph]:
    """The paragraphs of a Word (or Google Docs) .docx file, tables included, in order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        document_xml = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        raise InterviewParseError(
            "the file is a zip archive but not a Word document (.docx); save the interview "
            "as .docx, .html or UTF-8 text",
            code="zip_not_docx",
        ) from None
    if document_xml.file_size > _MAX_DOCX_XML_BYTES:
        raise InterviewParseError("the Word document is too large to read", code="docx_too_large")
    import docx  # python-docx: only needed, and loaded, for .docx sources

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # a damaged file: python-docx raises many kinds of errors
        kind = type(error).__name__
        raise InterviewParseError(
            f"the Word document cannot be read ({kind}); open it in Word "
            "or Google Docs and save it again",
            code="docx_unreadable",
            params={"kind": kind},
        ) from None
    paragraphs = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs.append(_docx_paragraph(docx.text.paragraph.Paragraph(block, document)))
        elif tag == "tbl":
            table = docx.table.Table(block, document)
            for row in table.rows:
                cells = [[_docx_paragraph(p) for p in cell.paragraphs] for cell in row.cells]
                paragraphs.extend(_labelled_row(cells) or [p for cell in cells for p in cell])
    return paragraphs


_MAX_ROW_LABEL_CHARS = 60


def _labelled_row(cells: list[list[SourceParagraph]]) -> list[SourceParagraph] | None:
    """A transcript laid out as a table, speaker | words: the row is one labelled turn
    ("Корреспондент" | "Сколько?" -> "Корреспондент: Сколько?"), or None if it is not one."""
    cells = [[p for p in cell if p.text.strip()] for cell in cells]
    if len(cells) != 2 or len(cells[0]) != 1 or not cells[1]:
        return None
    label = cells[0][0].text.strip()
    if len(label) > _MAX_ROW_LABEL_CHARS or "\n" in label or label[-1] in ".?!…":
        return None
    first, *rest = cells[1]
    marker = label if label.endswith(":") else f"{label}:"
    return [replace(first, text=f"{marker} {first.text}"), *rest]


_HEADING_STYLE = re.compile(r"(?:heading|заголовок|тақырып)\s*(\d)", re.IGNORECASE)


def _docx_paragraph(paragraph) -> SourceParagraph:
    style = paragraph.style.name if paragraph.style is not None else ""
    text = paragraph.text.replace("\v", "\n")
    level = 0
    if style.lower() == "title":
        level = 1
    elif match := _HEADING_STYLE.match(style):
        level = max(1, int(match[1]))
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(_run_flag(run, paragraph, "bold") for run in runs)
    italic = bool(runs) and all(_run_flag(run, paragraph, "italic") for run in runs)
    return SourceParagraph(text, bold=bold, italic=italic, heading_level=level)


def _run_flag(run, paragraph, name: str) -> bool:
    """Bold (or italic) set on the run, else by its character style, else by the paragraph's."""
    value = getattr(run, name)
    if value is None and run.style is not None:
        value = getattr(run.style.font, name)
    if value is None and paragraph.style is not None:
        value = getattr(paragraph.style.font, name)
    return bool(value)


# --- HTML -------------------------------------------------------------------------

_BLOCKS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th",
     "dt", "dd", "figcaption", "caption", "article", "section", "main", "header", "footer",
     "tr", "ul", "ol", "table", "body", "html", "dl", "figure", "address", "center"}
)  # fmt: skip
_SKIPPED = frozenset(
    {"script", "style", "noscript", "template", "head", "nav", "aside", "form", "button",
     "svg", "iframe", "select", "textarea", "input"}
)  # fmt: skip
# What a news site puts around an article inside it, named by class or id: breadcrumbs, the
# date and reading time, share buttons, tags, "read also", comments, ads. Not the interview.
_PAGE_CHROME = re.compile(
    r"(?:^|[\s_-])(?:breadcrumbs?|crumbs|share|sharing|social|related|read-?also|read-?more|"
    r"recommend(?:ed|ations)?|subscribe|subscription|newsletter|comments?|advert(?:isement)?|"
    r"ads|banner|promo|tags|meta|dateline|date|timestamp|reading-?time)(?=$|[\s_-])",
    re.IGNORECASE,
)
_BOLD_TAGS = frozenset({"b", "strong"})
_ITALIC_TAGS = frozenset({"i", "em"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_NOT_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:normal|[1-5]00)", re.IGNORECASE)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)


@dataclass
class _Run:
    text: str
    bold: bool
    italic: bool


def html_paragraphs(html: str) -> list[SourceParagraph]:
    """The paragraphs of a web page or an HTML clipboard flavour, in reading order."""
    import lxml.html  # only needed, and loaded, for HTML sources

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return [SourceParagraph(line) for line in html.splitlines()]
    paragraphs: list[SourceParagraph] = []
    runs: list[_Run] = []
    heading = [0]

    def flush() -> None:
        text = "".join(run.text for run in runs)
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            visible = [run for run in runs if run.text.strip()]
            paragraphs.append(
                SourceParagraph(
                    text,
                    bold=all(run.bold for run in visible),
                    italic=all(run.italic for run in visible),
                    heading_level=heading[0],
                )
            )
        runs.clear()
        heading[0] = 0

    def walk(element, bold: bool, italic: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag == "tr" and walk_labelled_row(element, bold, italic):
            return
        if tag in _SKIPPED or (
            tag and _PAGE_CHROME.search(f"{element.get('class', '')} {element.get('id', '')}")
        ):
            if element.tail:
                runs.append(_Run(element.tail, bold, italic))
            return
        style = element.get("style", "") if tag else ""
        if _BOLD_STYLE.search(style) or tag in _BOLD_TAGS or tag in ("h1", "h2", "h3"):
            bold = True
        elif _NOT_BOLD_STYLE.search(style):
            bold = False  # Google Docs wraps a whole paste in <b style="font-weight:normal">
        if tag in _ITALIC_TAGS or _ITALIC_STYLE.search(style):
            italic = True
        is_block = tag in _BLOCKS
        if is_block:
            flush()
            if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
                heading[0] = int(tag[1])
        if tag == "br":
            runs.append(_Run("\n", bold, italic))
        if element.text and tag:
            runs.append(_Run(element.text, bold, italic))
        for child in element:
            walk(child, bold, italic)
        if is_block:
            flush()
        if element.tail:
            runs.append(_Run(element.tail, runs[-1].bold if runs else False, False))

    def walk_labelled_row(row, bold: bool, italic: bool) -> bool:
        cells = [cell for cell in row if str(cell.tag).lower() in ("td", "th")]
        if len(cells) != 2:
            return False
        flush()
        start = len(paragraphs)
        walk(cells[0], bold, italic)
        middle = len(paragraphs)
        walk(cells[1], bold, italic)
        turn = _labelled_row([paragraphs[start:middle], paragraphs[middle:]])
        if turn is not None:
            paragraphs[start:] = turn
        return True

    walk(_main_content(root), False, False)
    flush()
    return paragraphs


def _main_content(root):
    """A saved web page: its article (the one with the most text), else <main>, else all."""
    articles = root.findall(".//article")
    if articles:
        return max(articles, key=lambda article: len(article.text_content()))
    main = root.find(".//main")
    return main if main is not None else root


def decode_interview(data: bytes, *, limit: bool = True) -> str:
    """Decode an uploaded interview file: UTF-8, with or without a BOM."""
    if limit:
        check_size(len(data))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InterviewParseError(
            f"the file is not UTF-8 text: it holds a NUL byte (position {nul}), as UTF-16 text "
            "and binary files do; save it as UTF-8 text, .docx or .html and try again",
            code="nul_in_file",
            params={"position": nul},
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = f"0x{data[error.start]:02x}"
        raise InterviewParseError(
            f"the file is not UTF-8 text (byte {byte} at position {error.start}); "
            "save it as UTF-8 and try again",
            code="not_utf8",
            params={"byte": byte, "position": error.start},
        ) from None


# BOMs (also stray ones inside pasted text), zero-width and direction marks vanish: web
# pages put them before dialogue dashes (U+200B, U+200F, U+202E), where they would hide
# the dash. No-break and other fixed-width spaces become plain ones.
# A character class, not str.translate: the regex scans 1 MB in C in a few milliseconds,
# a translate table with a dict takes a third of a second.
_INVISIBLE_CHARACTERS = re.compile(
    "[\ufeff\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]"
)
_ODD_SPACES = re.compile("[\u00a0\u202f\u2007\u2009\u200a\u3000]")


def normalised_lines(text: str) -> list[str]:
    """Lines without BOMs, no-break spaces, CR/CRLF endings or edge whitespace."""
    text = _ODD_SPACES.sub(" ", _INVISIBLE_CHARACTERS.sub("", text))
    return [line.strip() for line in text.splitlines()]


def check_no_nul(text: str) -> None:
    """A NUL character means a binary file or UTF-16 text, never a pasted interview."""
    position = text.find("\x00")
    if position >= 0:
        raise InterviewParseError(
            f"the text holds a NUL character (position {position}): it looks like a binary "
            "file or UTF-16 text; save it as UTF-8 text, .docx or .html and try again",
            code="nul_in_text",
            params={"position": position},
        )
