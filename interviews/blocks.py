"""The StreamField blocks an interview body is made of."""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from taggit.utils import parse_tags
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from interviews.topic_admin import TopicTagWidget

ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def tag_string(names: list[str]) -> str:
    """Topic names as the tag widget edits them: quoted where they hold a space or comma."""
    return ", ".join(f'"{name}"' if ("," in name or " " in name) else name for name in names)


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
        return parse_tags(value or "")

    class Meta:
        icon = "tag"


class ExchangeBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    answer = blocks.RichTextBlock(label=_("Answer"), features=ANSWER_FEATURES)
    topics = TopicsBlock(label=_("Topics"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Question and answer")
        # What a collapsed exchange shows in its header: the question, then its topics.
        label_format = "{question} · {topics}"
        template = "interviews/blocks/exchange_block.html"
        form_classname = "exchange-block"

    def get_context(self, value, parent_context=None):
        """The heading level and topic links, from the page's details when the interview
        page renders it (no query), else looked up: the block renders the same anywhere."""
        context = super().get_context(value, parent_context=parent_context)
        details = context.get("details")
        context["question_level"] = details.question_level if details else 2
        topic_index = details.topic_index if details else topics_by_name(value["topics"])
        context["topic_links"] = [
            (name, topic_url(topic_index.get(name.casefold()))) for name in value["topics"]
        ]
        return context


def topics_by_name(names: list[str]) -> dict[str, Tag]:
    if not names:
        return {}
    any_case = Q()
    for name in names:
        any_case |= Q(name__iexact=name)
    return {tag.name.casefold(): tag for tag in Tag.objects.filter(any_case)}


def topic_url(tag: Tag | None) -> str:
    return reverse("topic", args=[tag.slug]) if tag is not None else ""


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
