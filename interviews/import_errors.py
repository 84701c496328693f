"""The importer's errors in the editor's language.

The importer is plain Python and speaks English (the import command prints it as it is);
the admin form shows its messages through this table, matched by their wording. A
message not in the table is shown as the importer wrote it, never lost.
"""

import re

from django.utils.translation import gettext_lazy as _

from interviews.importer import InterviewParseError

NO_TURNS = _(
    "no question-and-answer turns found: mark the turns with dialogue dashes (– ...), "
    "Q:/A: or Вопрос:/Ответ: labels, speaker labels (Name: ...) or bold questions"
)
TRANSLATIONS = [
    (re.compile(r"the interview text is empty"), _("the interview text is empty")),
    (
        re.compile(r"the interview text is only whitespace"),
        _("the interview text is only whitespace"),
    ),
    (
        re.compile(
            r"the file is not UTF-8 text \(byte (?P<byte>0x[0-9a-f]+) at position "
            r"(?P<position>\d+)\); save it as UTF-8 and try again"
        ),
        _(
            "the file is not UTF-8 text (byte %(byte)s at position %(position)s); "
            "save it as UTF-8 and try again"
        ),
    ),
    (
        re.compile(r"the interview is too large: (?P<size>.+) \(the limit is (?P<limit>.+)\)"),
        _("the interview is too large: %(size)s (the limit is %(limit)s)"),
    ),
    (
        re.compile(r"no question-and-answer turns found: .* \(the questions have no answers\)"),
        _("no question-and-answer turns found: the questions have no answers"),
    ),
    (re.compile(r"no question-and-answer turns found: .*"), NO_TURNS),
]


def translated_error(error: InterviewParseError) -> str:
    message = str(error)
    for pattern, translation in TRANSLATIONS:
        match = pattern.fullmatch(message)
        if match:
            return str(translation) % match.groupdict() if match.groupdict() else str(translation)
    return message
