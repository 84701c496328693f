"""The StreamField blocks an interview body is made of."""

import copy
import re
from contextlib import contextmanager
from contextvars import ContextVar

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from taggit.utils import parse_tags
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from interviews.stored_exchange import stored_exchange
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


# The people an interview's exchanges name, by id, fetched once for the whole body: see
# ExchangeBlock.bulk_to_python.
_people_of_the_body: ContextVar[dict | None] = ContextVar("people_of_the_body", default=None)


@contextmanager
def people_known(people: dict):
    """Read a stream knowing these people (id -> Person) already: hosts and speakers among
    them cost no query. The interview page has its participants before it reads the body."""
    token = _people_of_the_body.set(people)
    try:
        yield
    finally:
        _people_of_the_body.reset(token)


class PersonChooserBlock(SnippetChooserBlock):
    """A Person, chosen with Wagtail's snippet chooser: a button and a hidden input in the
    editor, however many people there are (a select would list them all, per answer)."""

    def __init__(self, **kwargs):
        super().__init__("interviews.Person", **kwargs)

    def deconstruct(self):
        # Migrations record the plain SnippetChooserBlock: this class only reads faster.
        return (
            "wagtail.snippets.blocks.SnippetChooserBlock",
            ("interviews.Person",),
            self._constructor_args[1],
        )

    def bulk_to_python(self, values):
        known = _people_of_the_body.get()
        if known is None:
            return super().bulk_to_python(values)
        # Like Wagtail's: a person named twice is two instances.
        return [copy.copy(known.get(value)) for value in values]


class AnswerBlock(blocks.StructBlock):
    """One answering turn: a round table's question is answered in turn by several guests."""

    speaker = PersonChooserBlock(required=False, label=_("Speaker"))
    text = blocks.RichTextBlock(label=_("Answer"), features=ANSWER_FEATURES)

    class Meta:
        icon = "openquote"
        label = _("Answer")
        label_format = "{speaker}"
        # Speaker beside the text (interviews/static/interviews/admin/exchange_editor.css).
        form_classname = "struct-block answer-block"


class ExchangeBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    # Who asked: usually one host or none recorded; two hosts may share a question.
    asked_by = blocks.ListBlock(PersonChooserBlock(), label=_("Asked by"), default=[])
    answers = blocks.ListBlock(AnswerBlock(), label=_("Answers"), min_num=1)
    topics = TopicsBlock(label=_("Topics"), required=False)

    def bulk_to_python(self, values):
        """Hosts and speakers of every exchange in one query at most, not one per kind of
        chooser, and none for people already known (people_known): the interview page is
        held to a fixed number of queries (tests/test_site.py)."""
        values = list(values)
        ids = {pk for value in values for pk in stored_exchange(value).people}
        known = _people_of_the_body.get() or {}
        missing = ids - known.keys()
        if missing:
            model = self.child_blocks["asked_by"].child_block.target_model
            known = {**known, **model.objects.in_bulk(missing)}
        with people_known(known):
            return super().bulk_to_python(values)

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
        # Speakers are named where the interview has several guests or hosts; a block
        # rendered on its own knows only its exchange.
        context["names_speakers"] = (
            details.names_speakers
            if details
            else len({answer["speaker"] for answer in value["answers"]} - {None}) > 1
            or len(value["asked_by"]) > 1
        )
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
