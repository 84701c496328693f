"""The StreamField blocks an interview body is made of."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.utils import parse_tags
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from interviews.topic_admin import TopicTagWidget

ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def tag_string(names: list[str]) -> str:
    """Topic names as the tag widget edits them: quoted where they hold a space or comma."""
    return ", ".join(f'"{name}"' if ("," in name or " " in name) else name for name in names)


def topic_names(text: str) -> list[str]:
    """The topic names of an edited tag string, in the order the editor typed them.

    taggit's parse_tags reads quotes, commas and spaces as the tag widget writes them, but
    returns the names sorted; each name is put back where it first stands in the text.
    """
    return sorted(parse_tags(text or ""), key=lambda name: _position_in(text, name))


def _position_in(text: str, name: str) -> int:
    # A name stands between commas or quotes; only a string without either is split on spaces.
    escaped = re.escape(name)
    match = re.search(rf'(?:^|[,"])\s*{escaped}\s*(?=[,"]|$)', text) or re.search(
        rf"(?:^|\s){escaped}(?=\s|$)", text
    )
    return match.start() if match else len(text)


class TopicsBlock(blocks.FieldBlock):
    """Topic names from the site's one tag vocabulary, with the admin's tag autocomplete.

    Stored as a plain list of names, so a revision keeps exactly what the editor chose.
    """

    def __init__(self, required=False, help_text=None, **kwargs):
        self.field = forms.CharField(
            required=required, help_text=help_text, widget=TopicTagWidget()
        )
        super().__init__(**kwargs)

    def get_default(self):
        return []

    def to_python(self, value):
        return list(value or [])

    def get_prep_value(self, value):
        return list(value or [])

    def value_for_form(self, value):
        return tag_string(value or [])

    def value_from_form(self, value):
        return topic_names(value)

    class Meta:
        icon = "tag"


class AnswerBlock(blocks.StructBlock):
    """One answering turn: a round table's question is answered in turn by several guests."""

    speaker = SnippetChooserBlock("interviews.Person", required=False, label=_("Speaker"))
    text = blocks.RichTextBlock(label=_("Answer"), features=ANSWER_FEATURES)

    class Meta:
        icon = "openquote"
        label = _("Answer")
        label_format = "{speaker}"


class ExchangeBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    # Who asked: usually one host or none recorded; two hosts may share a question.
    asked_by = blocks.ListBlock(
        SnippetChooserBlock("interviews.Person"), label=_("Asked by"), default=[]
    )
    answers = blocks.ListBlock(AnswerBlock(), label=_("Answers"), min_num=1)
    topics = TopicsBlock(label=_("Topics"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Question and answer")
        # What a collapsed exchange shows in its header: the question, then its topics.
        label_format = "{question} · {topics}"
        template = "interviews/blocks/exchange_block.html"
        form_classname = "exchange-block"


class PullQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = SnippetChooserBlock("interviews.Person", required=False, label=_("Said by"))

    class Meta:
        icon = "pick"
        label = _("Pull quote")
        template = "interviews/blocks/pull_quote_block.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=40, help_text="$1 млрд, 62%")
    label = blocks.CharBlock(label=_("What it measures"), max_length=200)

    class Meta:
        icon = "table"
        label = _("Key figure")
        template = "interviews/blocks/key_figure_block.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "interviews/blocks/captioned_image_block.html"


class InterviewBodyBlock(blocks.StreamBlock):
    exchange = ExchangeBlock()
    section = blocks.CharBlock(
        label=_("Section heading"),
        icon="title",
        max_length=200,
        template="interviews/blocks/section_block.html",
    )
    pull_quote = PullQuoteBlock()
    key_figure = KeyFigureBlock()
    image = CaptionedImageBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=ANSWER_FEATURES,
        template="interviews/blocks/paragraph_block.html",
    )
