"""The admin form an editor pastes or uploads an interview through."""

from django import forms
from django.utils.translation import gettext_lazy as _

from interviews.import_errors import translated_error
from interviews.importer import (
    InterviewParseError,
    check_source_size,
    parse_interview,
    read_source,
    text_of_paste,
)
from interviews.models import InterviewIndexPage
from interviews.services import TooLongForTheEditor, check_fits_the_editor
from interviews.text_hygiene import NulInText, import_text


class ImportInterviewForm(forms.Form):
    text = forms.CharField(
        label=_("Interview text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Paste the whole interview: lede, introduction, then the questions and answers."
        ),
    )
    # The browser's text/html clipboard flavour of the paste, put here by import_paste.js:
    # it keeps the bold questions and headings a plain-text paste loses.
    html = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    file = forms.FileField(
        label=_("…or a file: Word (.docx), web page (.html), Markdown or text"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,.html,.htm,.md,.txt,text/plain,text/html,text/markdown,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to take it from the text."),
    )
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=InterviewIndexPage.objects.order_by("path"),
        empty_label=None,
    )

    def clean(self):
        cleaned = super().clean()
        if "text" in self.errors:
            # The field's own error (e.g. Django's "Null characters are not allowed") says
            # what is wrong; parsing the then-missing text would only add "empty".
            return cleaned
        text, upload = cleaned.get("text") or "", cleaned.get("file")
        if upload and text.strip():
            raise forms.ValidationError(_("Paste the text or upload a file, not both."))
        try:
            if upload:
                check_source_size(upload.size)  # before reading: it never sits in memory
                text = read_source(upload.read())
            else:
                text = text_of_paste(text, cleaned.get("html") or "")
            text = import_text(text)
            cleaned["parsed"] = parse_interview(text)
        except (InterviewParseError, NulInText) as error:
            raise forms.ValidationError(translated_error(error)) from error
        try:
            check_fits_the_editor(cleaned["parsed"])
        except TooLongForTheEditor as error:
            raise forms.ValidationError(
                _(
                    "The interview has %(exchanges)d exchanges; the page editor can save at "
                    "most %(limit)d. Split it into parts and import each."
                )
                % {"exchanges": error.exchanges, "limit": error.limit}
            ) from error
        cleaned["text"] = text
        return cleaned
