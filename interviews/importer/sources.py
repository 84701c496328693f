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


# BOMs (also stray ones inside pasted text), zero-width and direction marks vanish: web
# pages put them before dialogue dashes (U+200B, U+200F, U+202E), where they would hide
# the dash. No-break and other fixed-width spaces become plain ones.
_INVISIBLE_CHARACTERS = str.maketrans(
    {
        **dict.fromkeys(
            [
                "\ufeff",
                "\u00ad",
                *map(chr, range(0x200B, 0x2010)),
                *map(chr, range(0x202A, 0x202F)),
                *map(chr, range(0x2060, 0x2065)),
                *map(chr, range(0x2066, 0x206A)),
            ]
        ),
        **dict.fromkeys(["\u00a0", "\u202f", "\u2007", "\u2009", "\u200a", "\u3000"], " "),
    }
)


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
