"""The Wagtail API v2 at /api/v2/: interviews (exchanges as structured JSON), people, topics.

Only what an anonymous reader can see is exposed: Wagtail's pages endpoints are limited
to live pages without view restrictions on the requesting site, and people and topics to
those that appear in such pages. Images and documents are not exposed: their endpoints
list every file, including those used only by drafts.
"""

from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from rest_framework import serializers
from rest_framework.fields import Field
from taggit.models import Tag
from wagtail.api import APIField
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.rich_text import expand_db_html

from interviews import listing_counts
from interviews.lead_images import lead_rendition
from interviews.models import InterviewPage, Person, readable_q, readable_topics


class RichTextField(Field):
    """Rich text as readers get it: internal links expanded to real URLs."""

    def to_representation(self, value):
        return expand_db_html(value or "")


def speaker(person) -> dict | None:
    return {"name": person.name, "slug": person.slug} if person else None


class ExchangesField(Field):
    """The Q&A: [{anchor, short_id, question, asked_by, answers, answer (HTML), answer_text,
    topics, url, share_url}]. `asked_by` lists who asked ({name, slug}); `answers` each
    answering turn with its `speaker` ({name, slug} or null), `answer` (HTML) and
    `answer_text`; the exchange's own `answer` and `answer_text` hold every answer, in
    order. `anchor` is the block's full id (as before short ids); `url` links to the short,
    readable one; `share_url` is the answer's own page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        page_url = page.get_url(request)
        return [
            {
                "anchor": exchange.anchor,
                "short_id": exchange.short_id,
                "question": exchange.question,
                "asked_by": [speaker(person) for person in exchange.asked_by],
                "answers": [
                    {
                        "speaker": speaker(answer.speaker),
                        "answer": str(answer.text.__html__()),
                        "answer_text": answer.plain_text,
                    }
                    for answer in exchange.answers
                ],
                "answer": "".join(str(answer.text.__html__()) for answer in exchange.answers),
                "answer_text": exchange.answer_text,
                "topics": list(exchange.topics),
                "url": request.build_absolute_uri(f"{page_url}#{exchange.short_id}")
                if request and page_url
                else None,
                "share_url": request.build_absolute_uri(f"{page_url}a/{exchange.short_id}/")
                if request and page_url
                else None,
            }
            for exchange in page.exchanges
        ]


class PeopleField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return [
            {
                "name": row.person.name,
                "slug": row.person.slug,
                "part": row.part,
                "role": row.person.role,
                "organisation": row.person.organisation,
            }
            for row in page.interview_people.select_related("person")
        ]


class TopicsField(Field):
    """Page topics (names and slugs); each exchange lists its own under `exchanges`."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return [{"name": tag.name, "slug": tag.slug} for tag in page.tags.all()]


class LeadImageField(Field):
    """The lead image: {url, width, height, caption, credit} (a 1200 px JPEG), or null."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        rendition = lead_rendition(page)
        if rendition is None:
            return None
        request = self.context.get("request")
        return {
            "url": request.build_absolute_uri(rendition.url) if request else rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": rendition.alt,
            "caption": page.lead_image_caption,
            "credit": page.lead_image_credit,
        }


# Far beyond any real archive; above it PostgreSQL's bigint overflows (a 500, not a page).
MAX_OFFSET = 10**9
SEARCH_OPERATORS = {"and", "or"}
SEARCH_MAX_RESULTS = 500


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class ReadableSearchFilter(SearchFilter):
    """Wagtail's search, then readable_q on its results.

    The search backend can filter only on indexed fields, so a search runs over Wagtail's
    own live, public pages of the site (get_queryset) and readable_q is applied to the
    best SEARCH_MAX_RESULTS of them, in their order.
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        if request.GET.get("search_operator", "and") not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        found = super().filter_queryset(request, queryset, view)
        ids = [page.pk for page in found[:SEARCH_MAX_RESULTS]]
        position = Case(
            *(When(pk=pk, then=Value(n)) for n, pk in enumerate(ids)),
            default=Value(len(ids)),
            output_field=IntegerField(),
        )
        readable = queryset.model.objects.filter(readable_q(), pk__in=ids)
        return readable.order_by(position) if ids else readable


class ReadablePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint (live, public, this site), narrowed to readable_q: no
    expired page and no alias of a private one either."""

    pagination_class = BoundedPagination
    filter_backends = [
        *(f for f in PagesAPIViewSet.filter_backends if f is not SearchFilter),
        ReadableSearchFilter,
    ]

    def get_queryset(self):
        if "search" in self.request.GET:
            return super().get_queryset()  # ReadableSearchFilter applies readable_q
        return super().get_queryset().filter(readable_q())


class InterviewsAPIViewSet(ReadablePagesAPIViewSet):
    name = "interviews"
    model = InterviewPage
    body_fields = [
        *PagesAPIViewSet.body_fields,
        APIField("lede"),
        APIField("intro", serializer=RichTextField()),
        APIField("people", serializer=PeopleField()),
        APIField("topics", serializer=TopicsField()),
        APIField("exchanges", serializer=ExchangesField()),
        APIField("image", serializer=LeadImageField()),
    ]
    meta_fields = [*PagesAPIViewSet.meta_fields, "last_published_at"]
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "lede"]

    def get_queryset(self):
        if self.request.GET.get("type"):
            raise BadRequestError("the interviews endpoint has one type")
        return super().get_queryset().order_by("-first_published_at")


class PersonSerializer(serializers.ModelSerializer):
    html_url = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "name", "slug", "role", "organisation", "country", "bio", "html_url"]

    def get_html_url(self, person):
        return self.context["request"].build_absolute_uri(reverse("person", args=[person.slug]))


class TopicSerializer(serializers.ModelSerializer):
    html_url = serializers.SerializerMethodField()
    interview_count = serializers.SerializerMethodField()

    class Meta:
        model = Tag
        fields = ["id", "name", "slug", "interview_count", "html_url"]

    def get_html_url(self, tag):
        return self.context["request"].build_absolute_uri(reverse("topic", args=[tag.slug]))

    def get_interview_count(self, tag) -> int:
        # The count every listing shows (interviews.listing_counts), read once per request.
        counts = self.context["topic_counts"].get(listing_counts.entry_key(tag.pk))
        return counts[0] if counts else 0


class SimpleListAPIViewSet(BaseAPIViewSet):
    """A read-only list/detail endpoint with a plain DRF serializer and limit/offset."""

    serializer_class = None
    pagination_class = BoundedPagination

    def get_serializer_class(self):
        return self.serializer_class

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.paginate_queryset(queryset)
        serializer = self.get_serializer(queryset, many=True)
        return self.get_paginated_response(serializer.data)

    def detail_view(self, request, pk):
        instance = self.get_object()
        return self.get_response_class()(self.get_serializer(instance).data)

    def get_response_class(self):
        from rest_framework.response import Response

        return Response


class PeopleAPIViewSet(SimpleListAPIViewSet):
    name = "people"
    model = Person
    serializer_class = PersonSerializer

    def get_queryset(self):
        return Person.objects.readable().order_by("name")


class TopicsAPIViewSet(SimpleListAPIViewSet):
    name = "topics"
    model = Tag
    serializer_class = TopicSerializer

    def get_queryset(self):
        return readable_topics().order_by("name")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "topic_counts": listing_counts.stored("topics")}


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ReadablePagesAPIViewSet)
api_router.register_endpoint("interviews", InterviewsAPIViewSet)
api_router.register_endpoint("people", PeopleAPIViewSet)
api_router.register_endpoint("topics", TopicsAPIViewSet)
