"""The importer's errors in the editor's language.

The importer is plain Python and speaks English (the import command prints it as it is);
each error also carries a stable code and its parameters, and the admin shows the
sentence for that code. An error without a sentence here is shown as the importer wrote
it, never lost.
"""

from django.utils.translation import gettext_lazy as _

NO_TURNS = _(
    "no question-and-answer turns found: mark the turns with dialogue dashes (– ...), "
    "Q:/A: or Вопрос:/Ответ: labels, speaker labels (Name: ...) or bold questions"
)
ERROR_TEXTS = {
    "empty": _("the interview text is empty"),
    "only_whitespace": _("the interview text is only whitespace"),
    "not_utf8": _(
        "the file is not UTF-8 text (byte %(byte)s at position %(position)s); "
        "save it as UTF-8 and try again"
    ),
    "too_large": _("the interview is too large: %(size)s (the limit is %(limit)s)"),
    "file_too_large": _("the file is too large: %(size)s (the limit is %(limit)s)"),
    "no_answers": _("no question-and-answer turns found: the questions have no answers"),
    "no_turns": NO_TURNS,
    "nul_in_file": _(
        "the file is not UTF-8 text: it holds a NUL byte (position %(position)s), as UTF-16 "
        "text and binary files do; save it as UTF-8 text, .docx or .html and try again"
    ),
    "nul_in_text": _(
        "the text holds a NUL character (position %(position)s): it looks like a binary file "
        "or UTF-16 text; save it as UTF-8 text, .docx or .html and try again"
    ),
    "nul_in_text_line": _(
        "the text contains a NUL byte (line %(line)s): it is not plain UTF-8 text (a UTF-16 or "
        "word-processor file?); save it as UTF-8 text and try again"
    ),
    "zip_not_docx": _(
        "the file is a zip archive but not a Word document (.docx); save the interview as "
        ".docx, .html or UTF-8 text"
    ),
    "docx_too_large": _("the Word document is too large to read"),
    "docx_unreadable": _(
        "the Word document cannot be read (%(kind)s); open it in Word or Google Docs and save "
        "it again"
    ),
    "answer_before_question": _(
        "paragraph %(number)s is an answer before the first question: mark the question it answers"
    ),
}


def translated_error(error: Exception) -> str:
    """An InterviewParseError (or NulInText) in the editor's language."""
    text = ERROR_TEXTS.get(getattr(error, "code", None))
    if text is None:
        return str(error)
    return str(text) % error.params if error.params else str(text)
