"""Interviews as structured data: people, pages, and the Q&A exchanges inside them."""

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import (
    BooleanField,
    Exists,
    OuterRef,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length, Now, Substr
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.rich_text import RichText, get_text_for_indexing
from wagtail.search import index

from interviews.admin_panels import PhrasedInlinePanel
from interviews.blocks import InterviewBodyBlock, people_known
from interviews.exchange import Answer, Exchange, plain_text_of
from interviews.exchange_excerpts import exchange_excerpts
from interviews.pagination import CountedPaginator
from interviews.slug_widget import NewRecordTitleFieldPanel
from interviews.slugs import latin_slug
from interviews.text_hygiene import without_control_characters
from interviews.topic_admin import TopicTagWidget
from publishing.models import DeletedAfterItsJobs
from publishing.schedule_widget import with_desk_schedule

INTERVIEWS_PER_PAGE = 12
RELATED_ON_PAGE = 5
# What a related-article link shows of its page: the title, the URL (from url_path), the date.
RELATED_LINK_FIELDS = ("title", "url_path", "first_published_at")


# What an anonymous reader may see, defined once. Every listing, feed, sitemap, search, API
# endpoint, related list and topic or person page filters through readable_q(); see
# docs/site.md ("What readers see").


def readable_q(prefix: str = "", *, now=None) -> Q:
    """A condition on pages (or, with `prefix` such as "target__", on a relation to pages):
    live, not past its expiry, and neither under a view restriction (password, login,
    groups) nor an alias of a page that is.

    Expired pages stay live until the sweep or the expiry job unpublishes them; for readers
    they are gone already. A restriction covers its page and everything below it: in
    Wagtail's tree an ancestor's path is a prefix of its descendants' paths. View
    restrictions are rare, so the check is a NOT EXISTS over that small table inside the
    same query: no extra query, and next to nothing to do when there are none.

    `now`: the time to judge expiry by; the current time if not given, or an expression
    such as Now() for SQL that is the same at any time (compiled once, kept).
    """
    now = now or timezone.now()
    # The restricted page's path as a subquery per restriction, not a join of the
    # restrictions with the page table: without PostgreSQL statistics (a fresh database,
    # autovacuum off) the planner expects one page where there are thousands and rescans
    # that join for each of them (40 s for a section page of 10,000 interviews). This way
    # each page costs a scan of the (tiny) restriction table, whatever the statistics.
    # The alias's original is looked up the same way, not joined.
    restriction_path = Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("path"))
    original_path = Subquery(
        Page.objects.filter(pk=OuterRef(OuterRef(f"{prefix}alias_of_id"))).values("path")
    )

    def restricted(path) -> Exists:
        return Exists(
            PageViewRestriction.objects.annotate(restricted_path=restriction_path).filter(
                restricted_path=Substr(path, 1, Length("restricted_path"))
            )
        )

    return (
        Q(**{f"{prefix}live": True})
        & (Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": now}))
        & ~restricted(OuterRef(f"{prefix}path"))
        & ~restricted(original_path)
    )


class PersonQuerySet(models.QuerySet):
    def readable(self, *, now=None):
        """People who appear in an interview readers can open (not only in drafts).
        `now`: as readable_q's."""
        return self.filter(
            Exists(
                InterviewPerson.objects.filter(readable_q("page__", now=now), person=OuterRef("pk"))
            )
        )


def readable_topics():
    """Topics of the interviews readers can open, on the page or on an exchange."""
    return Tag.objects.filter(
        Exists(InterviewPageTag.objects.filter(readable_q("content_object__"), tag=OuterRef("pk")))
        | Exists(ExchangeTopic.objects.filter(readable_q("content_object__"), tag=OuterRef("pk")))
    )


PERSON_TEXT_FIELDS = ("name", "role", "organisation", "country", "bio")
# Every text of an interview page a reader sees; the body is cleaned block by block.
PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description", "lede", "intro")


def _without_control_characters_deep(value):
    """A StreamField's raw JSON with control characters removed from every string."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, dict):
        return {key: _without_control_characters_deep(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_control_characters_deep(item) for item in value]
    return value


class Person(index.Indexed, models.Model):
    """Someone who gives or conducts interviews; one row however often they appear."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, allow_unicode=False)
    role = models.CharField(_("role"), max_length=300, blank=True)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("biography"), blank=True)
    # Shown on English interviews instead of the Russian name and role, where given.
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    role_en = models.CharField(_("role in English"), max_length=300, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admin user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
        help_text=_("The interviewer of what this user imports."),
    )

    objects = PersonQuerySet.as_manager()

    panels = [
        NewRecordTitleFieldPanel("name", placeholder=False),
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("role"), FieldPanel("organisation"), FieldPanel("country")],
            heading=_("Position"),
        ),
        MultiFieldPanel([FieldPanel("name_en"), FieldPanel("role_en")], heading=_("In English")),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("user"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("organisation"),
        index.FilterField("slug"),
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for name in PERSON_TEXT_FIELDS:
            setattr(self, name, without_control_characters(getattr(self, name)))
        if not self.slug:
            self.slug = latin_slug(self.name)
        super().save(*args, **kwargs)

    @property
    def position(self) -> str:
        """Role and organisation as readers see them, the organisation once: a role that
        already names it ("директор Казахстанского института логистики") stands alone."""
        if not self.organisation or names_organisation(self.role, self.organisation):
            return self.role or self.organisation
        return f"{self.role}, {self.organisation}" if self.role else self.organisation

    def name_in(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name

    def role_in(self, language: str) -> str:
        return self.role_en if language == "en" and self.role_en else self.role


def word_stems(text: str) -> list[str]:
    # Six letters cover a Russian or Kazakh word's case endings ("института", "институт").
    return [
        word[: max(3, min(len(word) - 2, 6))] for word in re.findall(r"\w{3,}", text.casefold())
    ]


def names_organisation(role: str, organisation: str) -> bool:
    role_words = re.findall(r"\w+", role.casefold())
    stems = word_stems(organisation)
    return bool(stems) and all(any(word.startswith(stem) for word in role_words) for stem in stems)


class TopicProfile(models.Model):
    """What a topic page says about its topic: a description and an image (a snippet)."""

    tag = models.OneToOneField(
        Tag, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="profile"
    )
    description = models.TextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("tag"), FieldPanel("description"), FieldPanel("image")]

    class Meta:
        verbose_name = _("topic description")
        verbose_name_plural = _("topic descriptions")

    def __str__(self):
        return str(self.tag)


class InterviewIndexPage(DeletedAfterItsJobs, Page):
    """The section interviews live under: /interviews/."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["interviews.InterviewPage"]

    class Meta:
        verbose_name = _("interview index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        interviews = readable_ids_by_date(Page.objects.child_of_q(self))
        count = next(iter(ListingCounts.lookup("sections", self.path)), None)
        paginator = CountedPaginator(
            interviews,
            INTERVIEWS_PER_PAGE,
            count,
            load=InterviewPage.objects.defer_streamfields().cards,
        )
        context["interviews"] = paginator.get_page(request.GET.get("page"))
        return context


class InterviewPageTag(TaggedItemBase):
    """A page topic: the through row of InterviewPage.tags."""

    content_object = ParentalKey(
        "interviews.InterviewPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ExchangeTopic(TaggedItemBase):
    """A topic of one exchange, indexed out of the StreamField so it can be queried.

    The StreamField holds the editor's truth; these rows are rebuilt from it on every
    save of the page row, keyed by the exchange's stable block id (its reader anchor).
    """

    content_object = models.ForeignKey(
        "interviews.InterviewPage", on_delete=models.CASCADE, related_name="exchange_topics"
    )
    block_id = models.CharField(max_length=64, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "block_id", "tag"], name="unique_exchange_topic"
            )
        ]

    def __str__(self):
        return f"{self.tag} @ {self.content_object}#{self.block_id}"


# The page's answers are Wagtail's RichText, whose words the pure Exchange cannot read by
# itself: `answer.plain_text` and `exchange.answer_text` come through here.
@plain_text_of.register(RichText)
def _rich_text(text: RichText) -> str:
    return get_text_for_indexing(text.source)


class ExchangeExcerpt(models.Model):
    """An exchange as the topic and person pages show it: its question, the first words of
    its answers and who gave them (interviews/exchange_excerpts.py).

    Like ExchangeTopic, rebuilt from the body the page row holds on every save of it: the
    live version, never a draft's. Whether a reader may see it is the page's business
    (readable_q), checked by every listing that reads these rows.
    """

    page = models.ForeignKey(
        "interviews.InterviewPage", on_delete=models.CASCADE, related_name="exchange_excerpts"
    )
    block_id = models.CharField(max_length=64)
    position = models.PositiveIntegerField()
    question = models.TextField()
    excerpt = models.TextField()
    # Person ids, in order: who answered, as a topic page names them.
    speaker_ids = models.JSONField(default=list)
    # [[person id or null, the answer's first words], ...]: each answer, as a person page
    # lists it.
    answers = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "block_id"], name="unique_exchange_excerpt")
        ]

    def __str__(self):
        return f"{self.page_id}#{self.block_id}: {self.question}"


# Sent by InterviewPage.save() once the row, its people and its exchange topics are
# written (a post_save signal fires before modelcluster writes the child rows). The
# readers' search listens (reader/search/signals.py); interviews knows no reader.
interview_content_saved = Signal()


def on_topic_q(topic: "Tag | str") -> Q:
    """A condition on pages: on the topic (a Tag, or a name in any case, or a slug), on the
    page or on any exchange.

    Two uncorrelated subqueries, each read once into a hash, rather than a probe of the
    tag tables per page: without PostgreSQL statistics such a probe was planned as a
    scan of the topic's whole index for each page.
    """
    if isinstance(topic, Tag):
        tag_matches = Q(tag=topic)
    else:
        tag_matches = Q(tag__name__iexact=topic) | Q(tag__slug=topic)
    return Q(pk__in=InterviewPageTag.objects.filter(tag_matches).values("content_object")) | Q(
        pk__in=ExchangeTopic.objects.filter(tag_matches).values("content_object")
    )


def readable_page() -> RawSQL:
    """readable_q() for a query over Page itself, as SQL Django compiled once per process
    (expiry judged by the statement's own time). Compiling readable_q's subqueries cost
    3.5 ms of CPU every time, a tenth of a listing page; this costs 0.3 ms. The SQL
    names the page table by its own name, which is its alias only in a query whose model
    is Page."""
    sql, params = _readable_page_sql()
    return RawSQL(sql, params, output_field=BooleanField())


@lru_cache(maxsize=1)
def _readable_page_sql() -> tuple[str, tuple]:
    query = Page.objects.filter(readable_q(now=Now())).query
    compiler = query.get_compiler(DEFAULT_DB_ALIAS)
    compiler.setup_query()
    sql, params = compiler.compile(query.where)
    return sql, tuple(params)


def readable_ids_by_date(condition: Q):
    """Ids of the readable pages meeting `condition`, newest first, for a listing to slice.

    From the page table alone: joined with the interview table, a fresh database's
    planner (no statistics) expected a few dozen readable pages and compared every pair
    (28 s for the 50th page of the largest topic). The page's cards are then loaded by id
    (InterviewPageQuerySet.cards).
    """
    return (
        Page.objects.filter(readable_page(), condition)
        .order_by("-first_published_at", "-pk")
        .values_list("pk", flat=True)
    )


class InterviewPageQuerySet(PageQuerySet):
    def readable(self, site=None, *, now=None):
        """Interviews an anonymous reader may open (readable_q), on `site` if given.
        `now`: as readable_q's."""
        readable = self.filter(readable_q(now=now))
        return readable.descendant_of(site.root_page, inclusive=True) if site else readable

    def with_topic(self, topic: "Tag | str"):
        """Interviews on a topic (a Tag, or a name in any case, or a slug), on the page or
        on any exchange."""
        return self.filter(on_topic_q(topic))

    def prefetch_people(self):
        """Everyone in the listed interviews in one query, not per interview."""
        return self.prefetch_related("interview_people__person")

    def prefetch_cards(self):
        """For lists of cards: the people, the lead images and their renditions, in three
        queries whatever the number of cards."""
        return self.prefetch_people().prefetch_related("lead_image__renditions")

    def cards(self, ids) -> list:
        """The interviews with these ids, in this order, ready for cards (prefetch_cards)."""
        found = self.filter(pk__in=ids).prefetch_cards().in_bulk()
        return [found[pk] for pk in ids if pk in found]

    def with_person(self, person: "Person | str"):
        """Interviews featuring a person (a Person, or a slug)."""
        lookup = {"person": person} if isinstance(person, Person) else {"person__slug": person}
        return self.filter(Exists(InterviewPerson.objects.filter(page=OuterRef("pk"), **lookup)))


InterviewPageManager = PageManager.from_queryset(InterviewPageQuerySet)


class InterviewPage(DeletedAfterItsJobs, Page):
    lede = models.TextField(_("lede"), help_text=_("One or two sentences readers see first."))
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    tags = ClusterTaggableManager(through=InterviewPageTag, blank=True, verbose_name=_("topics"))
    body = StreamField(InterviewBodyBlock(), verbose_name=_("interview"), blank=True)
    # The importer's fingerprint of the exchanges this page was imported from (blank for
    # pages written in the editor): importing the same interview again warns and links here.
    # A database default too: generate_corpus inserts page rows by hand, without this column.
    import_fingerprint = models.CharField(
        max_length=64, blank=True, default="", db_default="", db_index=True, editable=False
    )
    # The lead image: what cards, feeds, JSON-LD and share cards show of the interview.
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set its focal point in the image editor: crops keep it in view."),
    )
    # db_default: rows written in bulk by SQL (generate_corpus, the benchmarks) need no value.
    lead_image_caption = models.CharField(_("caption"), max_length=300, blank=True, db_default="")
    lead_image_credit = models.CharField(_("credit"), max_length=200, blank=True, db_default="")

    objects = InterviewPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("lede"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    people_and_topics_panels = [
        PhrasedInlinePanel(
            "interview_people",
            heading=_("People"),
            label=_("Participant"),
            add_label=_("Add a participant"),
        ),
        FieldPanel("tags", widget=TopicTagWidget()),
    ]
    related_panels = [
        PhrasedInlinePanel(
            "related_choices",
            heading=_("Pinned and excluded"),
            label=_("Article"),
            add_label=_("Add an article"),
        ),
        HelpPanel(template="interviews/admin/related_links_panel.html", heading=_("Automatic")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(people_and_topics_panels, heading=_("People and topics")),
            ObjectList(related_panels, heading=_("Related")),
            ObjectList(Page.promote_panels, heading=_("Promotion")),
            ObjectList(with_desk_schedule(Page.settings_panels), heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("lede"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields(
            "interview_people", [index.RelatedFields("person", [index.SearchField("name")])]
        ),
    ]
    parent_page_types = ["interviews.InterviewIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("interview")

    @property
    def exchanges(self) -> list[Exchange[Person, RichText]]:
        """The body's exchanges, as staff and templates read them."""
        return [
            Exchange(
                question=child.value["question"],
                # A person deleted since is None in the stream: nobody is named then.
                asked_by=tuple(person for person in child.value["asked_by"] if person),
                answers=tuple(
                    Answer(answer["speaker"], answer["text"]) for answer in child.value["answers"]
                ),
                topics=tuple(child.value["topics"]),
                anchor=child.id,
            )
            for child in self.body
            if child.block_type == "exchange"
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["details"] = InterviewDetails.of(self)
        return context

    def get_cached_paths(self):
        """Below the page's URL: the page, and each answer's own page (a/<short id>/)."""
        return ["/", *(f"/a/{exchange.short_id}/" for exchange in self.exchanges)]

    def get_view_restrictions(self):
        """Wagtail's answer, in one query when, as nearly always, there is nothing to check.

        Wagtail reads the page's ancestors, then their restrictions: two queries on every
        view, about 2.5 ms of an uncached interview page's 15. One query over the page
        and its ancestors tells whether any has a restriction or is an alias; only then
        does Wagtail look, with its own rules (an alias answers to its original).
        """
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        rows = Page.objects.filter(path__in=paths).values_list("alias_of", "view_restrictions")
        if any(alias or restriction for alias, restriction in rows):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def people_in_part(self, part: str) -> list[Person]:
        return [row.person for row in self.interview_people.all() if row.part == part]

    def related_pages(self, limit=RELATED_ON_PAGE):
        """Up to `limit` related live interviews, in one query: pins first, then the best.

        The pages come with only what a link to them shows (title, URL, date); any other
        field is loaded on first use, one query per page.
        """
        links = (
            RelatedLink.objects.filter(source=self)
            .shown()
            .select_related("target")
            .only(*(f"target__{name}" for name in RELATED_LINK_FIELDS))
        )
        return [link.target for link in links[:limit]]

    @property
    def interviewees(self) -> list[Person]:
        return self.people_in_part(InterviewPerson.Part.INTERVIEWEE)

    @property
    def interviewers(self) -> list[Person]:
        return self.people_in_part(InterviewPerson.Part.INTERVIEWER)

    def strip_control_characters(self):
        """Every way a page is saved (admin form, import, revision publish) comes here:
        see interviews/text_hygiene.py for why."""
        for name in PAGE_TEXT_FIELDS:
            setattr(self, name, without_control_characters(getattr(self, name)))
        raw = list(self.body.raw_data)
        cleaned = _without_control_characters_deep(raw)
        if cleaned != raw:
            self.body = cleaned

    def full_clean(self, *args, **kwargs):
        self.strip_control_characters()
        if not self.slug and self.title:
            self.slug = latin_slug(self.title)
        if self.pk and self.first_published_at:
            published_slug = InterviewPage.objects.filter(pk=self.pk).values_list("slug", flat=True)
            if self.slug != published_slug.first():
                raise ValidationError(
                    {
                        "slug": _(
                            "A published interview keeps its address: readers, feeds and "
                            "search engines already link to it."
                        )
                    }
                )
        super().full_clean(*args, **kwargs)

    def save(self, *args, update_fields=None, **kwargs):
        super().save(*args, update_fields=update_fields, **kwargs)
        # Mirror only the body the row now holds: save_revision() of a draft saves a few
        # bookkeeping fields while self.body carries the unpublished draft.
        if update_fields is None or "body" in update_fields:
            self.index_exchange_topics()
            self.index_exchange_excerpts()
            interview_content_saved.send(sender=type(self), page=self)

    def index_exchange_topics(self):
        wanted = {
            (exchange.anchor, name.casefold()): name
            for exchange in self.exchanges
            for name in exchange.topics
        }
        tags = {tag.name.casefold(): tag for tag in Tag.objects.filter(name__in=wanted.values())}
        for name in wanted.values():
            if name.casefold() not in tags:
                tag, _created = Tag.objects.get_or_create(
                    name__iexact=name, defaults={"name": name}
                )
                tags[name.casefold()] = tag
        ExchangeTopic.objects.filter(content_object=self).delete()
        ExchangeTopic.objects.bulk_create(
            ExchangeTopic(content_object=self, block_id=anchor, tag=tags[key])
            for anchor, key in wanted
        )

    def index_exchange_excerpts(self):
        rows = exchange_excerpts(self.body.raw_data, [person.pk for person in self.interviewees])
        ExchangeExcerpt.objects.filter(page=self).delete()
        ExchangeExcerpt.objects.bulk_create(ExchangeExcerpt(page=self, **row) for row in rows)


class InterviewPerson(Orderable):
    """A person's part in one interview, in the order the editor gives."""

    class Part(models.TextChoices):
        INTERVIEWEE = "interviewee", _("interviewee")
        INTERVIEWER = "interviewer", _("interviewer")

    page = ParentalKey(InterviewPage, on_delete=models.CASCADE, related_name="interview_people")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="appearances"
    )
    part = models.CharField(
        _("part"), max_length=20, choices=Part.choices, default=Part.INTERVIEWEE
    )

    panels = [FieldPanel("person"), FieldPanel("part")]

    class Meta(Orderable.Meta):
        verbose_name = _("person in the interview")
        verbose_name_plural = _("people in the interview")

    def __str__(self):
        return f"{self.person} ({self.get_part_display()}) in «{self.page.title}»"


@dataclass
class InterviewDetails:
    """What the interview page shows besides its fields: people, topics, images."""

    interviewees: list[Person]
    interviewers: list[Person]
    mentioned: list[Person]
    page_topics: list[Tag]
    topic_index: dict[str, Tag]
    exchanges: list[Exchange[Person, RichText]]
    has_sections: bool
    images: list = field(default_factory=list)

    @cached_property
    def names_speakers(self) -> bool:
        """Whether readers need each question's and answer's speaker named: the interview
        has more than one guest or more than one host (a single guest's answers are theirs)."""
        guests = {person.pk for person in self.interviewees}
        hosts = {person.pk for person in self.interviewers}
        for exchange in self.exchanges:
            hosts.update(person.pk for person in exchange.asked_by)
            guests.update(answer.speaker.pk for answer in exchange.answers if answer.speaker)
        return len(guests) > 1 or len(hosts) > 1

    @property
    def question_level(self) -> int:
        # Questions sit under section headings (h2) when there are any, else under h1.
        return 3 if self.has_sections else 2

    @classmethod
    def of(cls, page: InterviewPage) -> "InterviewDetails":
        """Four queries for an interview of any length.

        1. the people rows with their Person and photo; 2. every topic of the page and its
        exchanges, each marked as a page topic or not; 3. (when the stream is first read)
        one query per chooser type in the body (pull-quote people, images); 4. renditions
        of all images and photos at once.
        """
        rows = list(page.interview_people.select_related("person", "person__photo"))
        interviewees = [r.person for r in rows if r.part == InterviewPerson.Part.INTERVIEWEE]
        interviewers = [r.person for r in rows if r.part == InterviewPerson.Part.INTERVIEWER]

        tags = list(
            Tag.objects.filter(
                Q(pk__in=InterviewPageTag.objects.filter(content_object=page).values("tag"))
                | Q(pk__in=ExchangeTopic.objects.filter(content_object=page).values("tag"))
            ).annotate(
                on_page=Exists(
                    InterviewPageTag.objects.filter(content_object=page, tag=OuterRef("pk"))
                )
            )
        )
        page_topics = sorted(
            (tag for tag in tags if tag.on_page), key=lambda tag: tag.name.casefold()
        )

        known = {row.person_id for row in rows}
        mentioned, images, has_sections = [], [], False
        # The body's first reading: its hosts and speakers are mostly these people.
        with people_known({row.person_id: row.person for row in rows}):
            blocks = list(page.body)
        for child in blocks:
            if child.block_type == "section":
                has_sections = True
            elif child.block_type == "pull_quote":
                person = child.value.get("attribution")
                if person is not None and person.pk not in known:
                    known.add(person.pk)
                    mentioned.append(person)
            elif child.block_type == "image" and child.value.get("image") is not None:
                images.append(child.value["image"])
        photos = [person.photo for person in interviewees if person.photo_id]
        lead = [page.lead_image] if page.lead_image_id and page.lead_image else []
        prefetch_related_objects([*lead, *images, *photos], "renditions")

        return cls(
            interviewees=interviewees,
            interviewers=interviewers,
            mentioned=mentioned,
            page_topics=page_topics,
            topic_index={tag.name.casefold(): tag for tag in tags},
            exchanges=page.exchanges,
            has_sections=has_sections,
            images=images,
        )


# Related articles. The scoring and the writing of these rows live in interviews/related.py;
# docs/related.md explains both.


class RelatedChoice(Orderable):
    """An editor's say about one related article: pin it (in this order) or never show it.

    It is page content like the people and topics: kept in revisions, live once the page is
    published. Relinking copies the live choices into the page's RelatedLink rows.
    """

    class Kind(models.TextChoices):
        PINNED = "pinned", _("pinned: always shown, in this order")
        EXCLUDED = "excluded", _("excluded: never shown")

    page = ParentalKey(InterviewPage, on_delete=models.CASCADE, related_name="related_choices")
    target = models.ForeignKey(
        InterviewPage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("choice"), max_length=10, choices=Kind.choices, default=Kind.PINNED)

    panels = [FieldPanel("target"), FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target}"


class RelatedLinkQuerySet(models.QuerySet):
    def shown(self):
        """What readers see: pins in the editors' order, then automatic links by score.

        Excluded pages never, and only targets readers may open now: the stored lists
        are recomputed when a page goes private or moves, but until that job has run
        this filter is what keeps a private page off them.
        """
        pins_first = models.Case(
            models.When(kind=RelatedLink.Kind.PINNED, then=models.Value(0)),
            default=models.Value(1),
        )
        return (
            self.filter(readable_q("target__"))
            .exclude(kind=RelatedLink.Kind.EXCLUDED)
            .order_by(pins_first, "sort_order", "-score", "target_id")
        )

    def automatic(self):
        """The automatic links, best first, as the editor's panel lists them."""
        return (
            self.filter(kind=RelatedLink.Kind.AUTO)
            .select_related("target")
            .order_by("-score", "target_id")
        )


class RelatedLink(models.Model):
    """One entry of a page's stored related list, as readers and editors see it.

    Written only by interviews.related (relink/unlink); never part of a revision, so an
    editor's open draft and a relink running in the background cannot overwrite each other.
    """

    class Kind(models.TextChoices):
        AUTO = "auto", _("automatic")
        PINNED = "pinned", _("pinned")
        EXCLUDED = "excluded", _("excluded")

    source = models.ForeignKey(
        InterviewPage, on_delete=models.CASCADE, related_name="related_links"
    )
    target = models.ForeignKey(InterviewPage, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.AUTO)
    score = models.FloatField(default=0)
    reasons = models.CharField(max_length=500, blank=True)
    sort_order = models.PositiveIntegerField(default=0, help_text="the editors' order of pins")
    computed_at = models.DateTimeField()

    objects = RelatedLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="unique_related_link")
        ]

    def __str__(self):
        return f"{self.source_id} → {self.target_id} ({self.kind}, {self.score:.2f})"


class RelatedTerm(models.Model):
    """The related-articles index: one row for each feature a live page can be found by.

    A feature is one of the page's most frequent stemmed words ("порт"), a topic
    ("topic:каспий") or a person ("person:12"). Rows outlive a deleted page on purpose
    (no database constraint): unlink() still finds them to take them out of the counts.
    """

    page = models.ForeignKey(
        InterviewPage,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    term = models.CharField(max_length=120)
    label = models.CharField(max_length=200, help_text="what an editor reads in the reasons")
    weight = models.FloatField(help_text="words: share of the page's indexed words; else 1")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "term"], name="unique_related_term")]
        # Covers the candidate look-up (term → pages and weights) without touching the table.
        indexes = [models.Index(fields=["term", "page", "weight"], name="related_term_postings")]

    def __str__(self):
        return f"{self.term} @ {self.page_id}"


class RelatedTermCount(models.Model):
    """How many indexed pages have a feature: what makes it rare (telling) or common.

    The row for "*" counts the indexed pages themselves.
    """

    term = models.CharField(max_length=120, primary_key=True)
    pages = models.IntegerField(default=0)

    def __str__(self):
        return f"{self.term}: {self.pages}"


class ListingCounts(models.Model):
    """How many interviews each listing holds, counted by the publishing pipeline.

    One row per kind of count (interviews/listing_counts.py writes it): interviews and
    answers per topic, interviews per person and per section. Listings read one number
    from it (PostgreSQL extracts it from the JSON; the row is never loaded whole), so no
    request COUNTs over the archive.
    """

    key = models.CharField(max_length=50, unique=True)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    KEY = "listing_counts"

    def __str__(self):
        return f"{self.key} ({self.computed_at:%Y-%m-%d %H:%M})"

    @staticmethod
    def entry_key(key) -> str:
        """A topic's or person's id, or a section's tree path, as a key of the data.

        Django reads a key made of digits in a JSON path as an array index, so every key
        starts with a letter.
        """
        return f"k{key}"

    @staticmethod
    def key_of(entry: str) -> str:
        return entry[1:]

    @classmethod
    def lookup(cls, kind: str, key=None) -> list:
        """[the stored counts of one kind ("topics", "people", "sections"), or their one
        entry `key` (None if unknown)]; [] before anything is stored. One query."""
        path = f"data__{kind}" if key is None else f"data__{kind}__{cls.entry_key(key)}"
        return list(cls.objects.filter(key=cls.KEY).values_list(path, flat=True)[:1])
