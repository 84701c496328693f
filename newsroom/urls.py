"""URLs: the admin, machine-readable endpoints, then the readers' site.

Readers' pages are in Russian at the root and in English under /en/ (i18n_patterns with
no prefix for the default language), so one URL always means one language: a CDN or
nginx can cache by URL alone, and no cookie is needed to pick the language.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import page_passwords
from reader import feeds, sharing, sitemaps, views
from reader import topics_and_people as interview_views
from reader.api import api_router
from reader.cache import cached_listing

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", RedirectView.as_view(url=static("newsroom/favicon.svg"), permanent=True)),
    path("sitemap.xml", cached_listing(sitemaps.index), name="sitemap_index"),
    path(
        "sitemap-<str:section>.xml",
        cached_listing(sitemaps.section),
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("news-sitemap.xml", cached_listing(sitemaps.news), name="news_sitemap"),
    path("cards/<int:page_id>-<str:key>.png", sharing.share_card, name="share_card"),
    path(
        "cards/<int:page_id>/<str:short_id>-<str:key>.png",
        sharing.answer_card,
        name="answer_card",
    ),
    # Wagtail's password form (throttled) and front-end login for pages with view restrictions.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_passwords.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "_util/login/",
        auth_views.LoginView.as_view(template_name="wagtailcore/login.html"),
        name="wagtailcore_login",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("feed/", cached_listing(feeds.LatestInterviewsRss()), name="feed_rss"),
    path("feed/atom/", cached_listing(feeds.LatestInterviewsAtom()), name="feed_atom"),
    path("search/", views.search, name="search"),
    path("topics/", cached_listing(interview_views.topic_index), name="topic_index"),
    path("topics/<str:slug>/", cached_listing(interview_views.topic), name="topic"),
    path(
        "topics/<str:slug>/feed/",
        cached_listing(feeds.TopicRss()),
        name="topic_feed_rss",
    ),
    path(
        "topics/<str:slug>/feed/atom/",
        cached_listing(feeds.TopicAtom()),
        name="topic_feed_atom",
    ),
    path("people/", cached_listing(interview_views.person_index), name="person_index"),
    path("people/<slug:slug>/", cached_listing(interview_views.person), name="person"),
    re_path(
        r"^(?P<path>(?:[\w\-]+/){2})a/(?P<short_id>[0-9a-f]{8})/$",
        sharing.answer_page,
        name="answer_page",
    ),
    # Wagtail pages last: the catch-all keeps Wagtail's URL name so {% pageurl %} works.
    re_path(r"^((?:[\w\-]+/)*)$", views.serve_page, name="wagtail_serve"),
    prefix_default_language=False,
)
