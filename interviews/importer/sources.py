"""Reading an interview's source into text: uploaded bytes, normalised lines."""

from __future__ import annotations

from interviews.importer.model import InterviewParseError, check_size


def decode_interview(data: bytes) -> str:
    """Decode an uploaded interview file: UTF-8, with or without a BOM."""
    check_size(len(data))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InterviewParseError(
            f"the file is not UTF-8 text: it holds a NUL byte (position {nul}), as UTF-16 text "
            "and binary files do; save it as UTF-8 text, .docx or .html and try again"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InterviewParseError(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} at position "
            f"{error.start}); save it as UTF-8 and try again"
        ) from None


# BOMs (also stray ones inside pasted text) vanish; no-break spaces become plain.
_INVISIBLE_CHARACTERS = str.maketrans({"\ufeff": None, "\u00a0": " ", "\u202f": " "})


def normalised_lines(text: str) -> list[str]:
    """Lines without BOMs, no-break spaces, CR/CRLF endings or edge whitespace."""
    return [line.strip() for line in text.translate(_INVISIBLE_CHARACTERS).splitlines()]


def check_no_nul(text: str) -> None:
    """A NUL character means a binary file or UTF-16 text, never a pasted interview."""
    position = text.find("\x00")
    if position >= 0:
        raise InterviewParseError(
            f"the text holds a NUL character (position {position}): it looks like a binary "
            "file or UTF-16 text; save it as UTF-8 text, .docx or .html and try again"
        )
