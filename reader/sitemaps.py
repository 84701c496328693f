"""sitemap.xml (an index of pages, topics and people) and the Google News sitemap.

Locations are built from the request's host (Django's RequestSite), like every other
absolute URL on the site, so they are right behind any host name the site answers on.
Only what an anonymous reader can open is listed: live pages without view restrictions,
and topics and people that appear in such pages.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from interviews.lead_images import lead_image_url
from interviews.models import InterviewPage, Person, readable_q, readable_topics
from interviews.text_hygiene import without_control_characters
from reader.seo import text_language

NEWS_WINDOW = timedelta(days=2)
NEWS_MAX_ARTICLES = 1000  # Google News reads at most 1,000 URLs per news sitemap


class PageSitemap(Sitemap):
    """Every readable Wagtail page of the site (readable_q): home, sections, interviews."""

    def __init__(self, request):
        self.request = request

    def items(self):
        site = Site.find_for_request(self.request)  # falls back to the default site itself
        return (
            Page.objects.filter(readable_q())
            .descendant_of(site.root_page, inclusive=True)
            .order_by("path")
            .only("pk", "url_path", "last_published_at", "latest_revision_created_at")
        )

    def location(self, page):
        # The path only: Django's sitemap adds the scheme and the request's host.
        return page.get_url_parts(self.request)[2]

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at


class TopicSitemap(Sitemap):
    def items(self):
        return readable_topics().order_by("pk")

    def location(self, tag):
        return reverse("topic", args=[tag.slug])


class PersonSitemap(Sitemap):
    def items(self):
        return Person.objects.readable().order_by("pk")

    def location(self, person):
        return reverse("person", args=[person.slug])


def sitemaps_for(request) -> dict[str, Sitemap]:
    return {"pages": PageSitemap(request), "topics": TopicSitemap(), "people": PersonSitemap()}


@require_safe
def index(request):
    return sitemap_views.index(request, sitemaps_for(request))


@require_safe
def section(request, section):
    return sitemap_views.sitemap(request, sitemaps_for(request), section=section)


@require_safe
def news(request):
    """Interviews of the last two days, newest first, for Google News."""
    since = timezone.now() - NEWS_WINDOW
    interviews = (
        InterviewPage.objects.readable()
        .filter(first_published_at__gte=since)
        .order_by("-first_published_at")
        .defer_streamfields()
        .prefetch_related("lead_image__renditions")[:NEWS_MAX_ARTICLES]
    )
    articles = [
        {
            "location": request.build_absolute_uri(page.get_url(request)),
            # A control character would make the XML ill-formed (interviews/text_hygiene.py).
            "title": without_control_characters(page.title),
            "language": text_language(page.title),
            "published": page.first_published_at,
            "image": lead_image_url(page, request),
        }
        for page in interviews
    ]
    return render(
        request,
        "newsroom/news_sitemap.xml",
        {"articles": articles, "publication": settings.WAGTAIL_SITE_NAME},
        content_type="application/xml; charset=utf-8",
    )
