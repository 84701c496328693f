"""Text fit to store and to serve: no control characters.

A control character pasted from a word processor (\\x01, a backspace \\x08, a vertical tab)
is invisible to the editor, but XML 1.0 forbids it: one of them in a title made every feed
answer 500 and the Google News sitemap ill-formed. PostgreSQL refuses NUL in text outright.
So every way in strips them (imports, the admin's page and person forms, topic names), and
the feeds and sitemaps strip them again on the way out, for rows written before this rule.

Tab, line feed and carriage return stay: they are ordinary text. A NUL byte in a file to
import is refused rather than stripped: it means the file is not text (UTF-16, a .docx).
Pure Python, no Django: the importer can call it.
"""

import re

# C0 controls except \t \n \r, DEL, C1 controls, and the two non-characters XML forbids.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


class NulInText(ValueError):
    """The text holds a NUL byte: it is binary, or in an encoding other than UTF-8.

    `code` and `params` as the importer's errors carry them, for the admin's translation."""

    code = "nul_in_text_line"

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.params = {"line": line}


def without_control_characters(text: str) -> str:
    """The text with every control character except tab, LF and CR removed."""
    if not text:
        return text
    return CONTROL_CHARACTERS.sub("", text)


def refuse_nul(text: str) -> None:
    """Raise NulInText, saying where, if the text holds a NUL byte."""
    position = text.find("\x00")
    if position >= 0:
        line = text.count("\n", 0, position) + 1
        raise NulInText(
            f"the text contains a NUL byte (line {line}): it is not plain UTF-8 text "
            "(a UTF-16 or word-processor file?); save it as UTF-8 text and try again",
            line,
        )


def import_text(text: str) -> str:
    """Text to import: refused if it holds a NUL byte, else without control characters."""
    refuse_nul(text)
    return without_control_characters(text)
