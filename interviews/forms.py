"""The admin forms an interview is imported through: the paste or upload, then the review
screen where the editor confirms each paragraph's role and speaker."""

from dataclasses import replace

from django import forms
from django.conf import settings
from django.core import signing
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser

from interviews.import_errors import translated_error
from interviews.importer import (
    Interviewee,
    InterviewParseError,
    ParsedInterview,
    check_source_size,
    parse_interview,
    read_source,
    text_of_paste,
)
from interviews.importer.review import (
    ReviewParagraph,
    Role,
    interview_from_paragraphs,
    joined_and_split,
    paragraphs_of,
)
from interviews.models import InterviewIndexPage
from interviews.services import TooLongForTheEditor, check_fits_the_editor
from interviews.text_hygiene import NulInText, import_text

MAX_GUESTS = 20  # rows of the review's guest list; more would be a round table of rounds


def section_field() -> forms.ModelChoiceField:
    """Where the draft goes; the view narrows it to the sections the user may add to."""
    return forms.ModelChoiceField(
        label=_("Section"), queryset=InterviewIndexPage.objects.order_by("path"), empty_label=None
    )


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
    section = section_field()

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
        check_editor_can_take(cleaned["parsed"])
        check_review_can_take(len(paragraphs_of(cleaned["parsed"])))
        cleaned["text"] = text
        return cleaned


def check_editor_can_take(parsed: ParsedInterview) -> None:
    try:
        check_fits_the_editor(parsed)
    except TooLongForTheEditor as error:
        raise forms.ValidationError(
            _(
                "The interview has %(exchanges)d exchanges; the page editor can save at "
                "most %(limit)d. Split it into parts and import each."
            )
            % {"exchanges": error.exchanges, "limit": error.limit}
        ) from error


# What one paragraph costs the review screen's POST: its role and speaker, and a "join" or
# "split" box when ticked. The rest of the form (title, lede, guests …) stays under the spare.
REVIEW_FIELDS_PER_PARAGRAPH = 3
REVIEW_SPARE_FIELDS = 200


def max_paragraphs_in_the_review() -> int:
    budget = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - REVIEW_SPARE_FIELDS
    return budget // REVIEW_FIELDS_PER_PARAGRAPH


def check_review_can_take(paragraphs: int) -> None:
    """Refuse, before the review screen is shown, an interview whose review Django would
    reject for its number of fields (DATA_UPLOAD_MAX_NUMBER_FIELDS)."""
    limit = max_paragraphs_in_the_review()
    if paragraphs > limit:
        raise forms.ValidationError(
            _(
                "The interview has %(paragraphs)d paragraphs; the review screen takes at most "
                "%(limit)d. Split it into parts and import each."
            )
            % {"paragraphs": paragraphs, "limit": limit}
        )


ROLE_LABELS = {
    Role.TITLE: _("Title"),
    Role.LEDE: _("Lede"),
    Role.INTRO: _("Introduction"),
    Role.QUESTION: _("Question"),
    Role.ANSWER: _("Answer"),
    Role.SECTION: _("Section heading"),
    Role.BYLINE: _("Byline"),
    Role.CAPTION: _("Photo caption"),
}
REVIEW_SIGNING_SALT = "interviews.import.review"


def signed_paragraphs(paragraphs: list[ReviewParagraph], language: str) -> str:
    """The paragraphs' texts (and the parser's doubts) for the review form's hidden field:
    signed, so what comes back is what the server read; roles and speakers are fields."""
    return signing.dumps(
        {"language": language, "paragraphs": [[p.text, list(p.doubts)] for p in paragraphs]},
        salt=REVIEW_SIGNING_SALT,
        compress=True,
    )


class RoleSelect(forms.Select):
    """A role select rendered without a template per option: Django's takes ~2 ms a select,
    ten seconds for a review of thousands of paragraphs; this takes a tenth of that."""

    def render(self, name, value, attrs=None, renderer=None):
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (choice, mark_safe(" selected") if str(choice) == str(value) else "", label)
                for choice, label in self.choices
            ),
        )
        attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attrs, options)


class ReviewInterviewForm(forms.Form):
    """The review screen: every paragraph's role and speaker, the guests, title, lede and
    topics, as the editor confirms them. Built for the paragraphs in `structure`."""

    structure = forms.CharField(widget=forms.HiddenInput)
    section = section_field()
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to take it from the paragraph marked “Title”."),
    )
    lede = forms.CharField(
        label=_("Lede"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leave empty to take it from the paragraph marked “Lede”."),
    )
    topics = TagField(label=_("Topics"), required=False, help_text=_("Separated by commas."))
    # The images the user may choose: set by the view (ImportViewMixin.offer_own_choices).
    lead_image = forms.ModelChoiceField(
        queryset=get_image_model().objects.none(),
        required=False,
        widget=AdminImageChooser,
        label=_("Image"),
        help_text=_("Shown above the interview, on its cards and in its share card."),
    )
    lead_image_caption = forms.CharField(label=_("Caption"), required=False, max_length=300)
    lead_image_credit = forms.CharField(label=_("Credit"), required=False, max_length=200)

    def __init__(self, *args, guest_rows: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        structure = self.data.get("structure") if self.is_bound else self.initial.get("structure")
        self.language, self.texts, self.doubts = "ru", [], []
        self.structure_error = None
        try:
            state = signing.loads(structure or "", salt=REVIEW_SIGNING_SALT)
            self.language = str(state["language"])
            self.texts = [str(text) for text, _doubts in state["paragraphs"]]
            self.doubts = [tuple(map(str, doubts)) for _text, doubts in state["paragraphs"]]
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self.structure_error = _("The review form came back damaged. Start the import again.")
        if self.is_bound:
            guest_rows = sum(1 for key in self.data if key.startswith("guest-name-"))
        self.guest_rows = min(guest_rows, MAX_GUESTS)
        for row in range(self.guest_rows):
            self.fields[f"guest-name-{row}"] = forms.CharField(
                label=_("Name"), required=False, max_length=255
            )
            self.fields[f"guest-role-{row}"] = forms.CharField(
                label=_("Role"), required=False, max_length=255
            )
        role_choices = [(role.value, label) for role, label in ROLE_LABELS.items()]
        for index in range(len(self.texts)):
            number = index + 1
            self.fields[f"role-{index}"] = forms.ChoiceField(
                label=_("Role"),
                choices=role_choices,
                widget=RoleSelect(
                    attrs={"aria-label": _("Role of paragraph %(number)d") % {"number": number}}
                ),
            )
            self.fields[f"speaker-{index}"] = forms.CharField(
                label=_("Speaker"),
                required=False,
                max_length=255,
                widget=forms.TextInput(
                    attrs={
                        "list": "import-speakers",
                        "placeholder": _("Speaker"),
                        "aria-label": _("Speaker of paragraph %(number)d") % {"number": number},
                    }
                ),
            )
            self.fields[f"join-{index}"] = forms.BooleanField(
                label=_("Join with the paragraph above"), required=False
            )
            self.fields[f"split-{index}"] = forms.BooleanField(
                label=_("Split into its lines"), required=False
            )

    @classmethod
    def for_paragraphs(
        cls,
        paragraphs,
        *,
        language,
        section,
        title="",
        lede="",
        topics=(),
        interviewees=(),
        lead_image=None,
        lead_image_caption="",
        lead_image_credit="",
    ):
        initial = {
            "structure": signed_paragraphs(paragraphs, language),
            "section": section,
            "title": title,
            "lede": lede,
            "topics": ", ".join(topics),
            "lead_image": lead_image,
            "lead_image_caption": lead_image_caption,
            "lead_image_credit": lead_image_credit,
        }
        for index, paragraph in enumerate(paragraphs):
            initial[f"role-{index}"] = paragraph.role.value
            initial[f"speaker-{index}"] = paragraph.speaker or ""
        for row, guest in enumerate(interviewees):
            initial[f"guest-name-{row}"] = guest.name
            initial[f"guest-role-{row}"] = guest.role
        # One empty row to add a guest the importer missed.
        form = cls(initial=initial, guest_rows=len(interviewees) + 1)
        # What an empty title or lede box stands for.
        for role, name in ((Role.TITLE, "title"), (Role.LEDE, "lede")):
            texts = [p.text for p in paragraphs if p.role is role]
            if texts:
                form.fields[name].widget.attrs["placeholder"] = texts[0]
        return form

    def clean(self):
        cleaned = super().clean()
        if self.structure_error:
            raise forms.ValidationError(self.structure_error)
        return cleaned

    def paragraphs(self) -> list[ReviewParagraph]:
        """The paragraphs as the editor left them, joins and splits applied."""
        paragraphs = [
            ReviewParagraph(
                Role(self.cleaned_data[f"role-{index}"]),
                text,
                self.cleaned_data[f"speaker-{index}"].strip() or None,
                self.doubts[index],
            )
            for index, text in enumerate(self.texts)
        ]
        join = {index for index in range(len(paragraphs)) if self.cleaned_data[f"join-{index}"]}
        split = {index for index in range(len(paragraphs)) if self.cleaned_data[f"split-{index}"]}
        return joined_and_split(paragraphs, join, split)

    def interviewees(self) -> tuple[Interviewee, ...]:
        guests = []
        for row in range(self.guest_rows):
            name = self.cleaned_data[f"guest-name-{row}"].strip()
            if name:
                guests.append(Interviewee(name, self.cleaned_data[f"guest-role-{row}"].strip()))
        return tuple(guests)

    def interview(self) -> ParsedInterview:
        """The interview the editor confirmed; a form error if the roles make none."""
        try:
            parsed = interview_from_paragraphs(
                self.paragraphs(), language=self.language, interviewees=self.interviewees()
            )
        except InterviewParseError as error:
            raise forms.ValidationError(translated_error(error)) from error
        lede = self.cleaned_data["lede"].strip()
        if lede:
            parsed = replace(parsed, lede=lede)
        check_editor_can_take(parsed)
        return parsed

    def rows(self):
        """What the template shows for each paragraph, with its fields."""
        for index, text in enumerate(self.texts):
            yield {
                "number": index + 1,
                "text": text,
                "doubts": self.doubts[index],
                "role": self[f"role-{index}"],
                "speaker": self[f"speaker-{index}"],
                "join": self[f"join-{index}"],
                "split": self[f"split-{index}"],
                "lines": text.count("\n") + 1,
            }

    def guests(self):
        for row in range(self.guest_rows):
            yield self[f"guest-name-{row}"], self[f"guest-role-{row}"]

    def speaker_names(self) -> list[str]:
        """The names the speaker boxes suggest (and the digit keys pick), in order of use."""
        names = [self[f"guest-name-{row}"].value() for row in range(self.guest_rows)]
        names += [self[f"speaker-{index}"].value() for index in range(len(self.texts))]
        return list(dict.fromkeys(name.strip() for name in names if name and name.strip()))
