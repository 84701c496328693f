"""RSS 2.0 and Atom feeds: the latest interviews, site-wide and per topic.

Guids are `urn:uuid:` + the page's translation_key, a UUID Wagtail gives every page and
never changes: a slug fixed after publication, or a move to another section, does not
make aggregators show the interview again as new.
"""

from contextvars import ContextVar

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from interviews.lead_images import lead_rendition
from interviews.models import InterviewPage, readable_topics
from interviews.text_hygiene import without_control_characters as clean

ITEMS_PER_FEED = 30
feed_request = ContextVar("feed_request")


class LatestInterviewsRss(Feed):
    feed_type = Rss201rev2Feed

    def title(self):
        return _("%(site)s: interviews") % {"site": settings.WAGTAIL_SITE_NAME}

    def description(self):
        return _("The latest interviews published by %(site)s.") % {
            "site": settings.WAGTAIL_SITE_NAME
        }

    def link(self):
        return reverse("wagtail_serve", args=[""])  # the home page, in the feed's language

    def feed_url(self):
        return reverse("feed_rss")

    def interviews(self, obj):
        return InterviewPage.objects.readable()

    def items(self, obj=None):
        return (
            self.interviews(obj)
            .order_by("-first_published_at", "-pk")
            .defer_streamfields()
            .prefetch_related(
                "interview_people__person", "tagged_items__tag", "lead_image__renditions"
            )[:ITEMS_PER_FEED]
        )

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request: the request for enclosure URLs (which
        # Django leaves relative) is kept per thread, not on the instance.
        token = feed_request.set(request)
        try:
            return super().__call__(request, *args, **kwargs)
        finally:
            feed_request.reset(token)

    def item_enclosures(self, item):
        """The lead image, as RSS <enclosure> and Atom <link rel="enclosure">."""
        rendition = lead_rendition(item)
        if rendition is None:
            return []
        url = feed_request.get().build_absolute_uri(rendition.url)
        return [Enclosure(url, str(rendition.file.size), "image/jpeg")]

    # Every text goes through clean(): a control character stored before the import and
    # admin rules (or behind their back) would make the whole feed a 500 (XML 1.0).

    def item_title(self, item):
        return clean(item.title)

    def item_description(self, item):
        # The lede is plain text and a feed description is HTML to its readers: escaped
        # here as HTML, then once more as XML by the feed writer, a "<" arrives as "<"
        # and markup in a lede arrives as text, never as markup.
        return escape(clean(item.lede))

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"urn:uuid:{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        names = [person.name for person in item.interviewers]
        return clean(", ".join(names)) or settings.WAGTAIL_SITE_NAME

    def item_categories(self, item):
        return [clean(tagged.tag.name) for tagged in item.tagged_items.all()]


class LatestInterviewsAtom(LatestInterviewsRss):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()

    def feed_url(self):
        return reverse("feed_atom")


class TopicRss(LatestInterviewsRss):
    """Interviews on one topic: on the page, or on any of its exchanges."""

    def get_object(self, request, slug):
        # A topic only drafts or private pages have does not exist for readers.
        return get_object_or_404(readable_topics(), slug=slug)

    def title(self, obj):
        return _("%(site)s: %(topic)s") % {
            "site": settings.WAGTAIL_SITE_NAME,
            "topic": clean(obj.name),
        }

    def description(self, obj):
        return _("Interviews on “%(topic)s”.") % {"topic": clean(obj.name)}

    def link(self, obj):
        return reverse("topic", args=[obj.slug])

    def feed_url(self, obj):
        return reverse("topic_feed_rss", args=[obj.slug])

    def interviews(self, tag):
        return InterviewPage.objects.readable().with_topic(tag)


class TopicAtom(TopicRss):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def feed_url(self, obj):
        return reverse("topic_feed_atom", args=[obj.slug])
