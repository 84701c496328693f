"""The admin form an editor pastes or uploads an interview through."""

from django import forms
from django.utils.translation import gettext_lazy as _

from interviews.import_errors import translated_error
from interviews.importer import (
    InterviewParseError,
    check_size,
    decode_interview,
    parse_interview,
)
from interviews.models import InterviewIndexPage


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
    file = forms.FileField(
        label=_("…or a .txt file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,text/plain"}),
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
        text, upload = cleaned.get("text") or "", cleaned.get("file")
        if upload and text.strip():
            raise forms.ValidationError(_("Paste the text or upload a file, not both."))
        try:
            if upload:
                check_size(upload.size)  # before reading: a huge upload never sits in memory
                text = decode_interview(upload.read())
            cleaned["parsed"] = parse_interview(text)
        except InterviewParseError as error:
            raise forms.ValidationError(translated_error(error)) from error
        cleaned["text"] = text
        return cleaned
