"""Caching the readers' pages, and purging them when the news changes.

Two layers:

1. Django's cache (Redis in production, by default a file cache that the web server and
   the Celery worker share, so the worker's purges reach the pages served) holds the
   rendered HTML of anonymous GET requests. A hit costs one cache round trip and no SQL.
2. `Cache-Control: public, max-age, s-maxage, stale-while-revalidate` lets nginx or a CDN
   in front hold the same responses; `purge_pages()` purges them through
   `wagtail.contrib.frontend_cache` (see docs/site.md for the nginx recipe).

Invalidation is by versions rather than by deleting keys, because the set of keys a
page appears under (languages, hosts, `?page=N` of every listing) is unbounded:

- every cached entry records the versions it was rendered under: the site-wide version,
  plus either its own path's version (Wagtail pages) or the "listings" version (topic,
  person, feed and sitemap views);
- a lookup fetches the entry and the current versions in one `get_many` (one Redis
  round trip) and serves the entry only if they still match;
- `purge_pages(pages)` bumps the versions of each page's path and its ancestors' paths
  (the home page and the section list it) and the listings version. Every topic and
  person page is invalidated, not just the page's current ones, because a correction may
  have *removed* a topic or a person and we no longer know which.

The publishing pipeline (publishing/pipeline.py) calls `purge_pages` after every
publish and unpublish; call it yourself after changing live content behind Wagtail's
back (a shell fix, a bulk update).
"""

import hashlib
import logging
import secrets
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

logger = logging.getLogger(__name__)

SITE = "site"
LISTINGS = "listings"
KEY_PREFIX = "reader"
# Headers a cached response keeps; the rest (CSP, security headers) are added afresh
# by the middleware on every response.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "Link")


def page_cache_seconds() -> int:
    return settings.NEWSROOM_PAGE_CACHE_SECONDS


def version_key(name: str) -> str:
    return f"{KEY_PREFIX}:v:{name}"


def path_dependency(path: str) -> str:
    """The version name of a Wagtail page path, language-independent ("interviews/x/")."""
    return "path:/" + path.strip("/")


def entry_key(request: HttpRequest) -> str:
    # The host is part of the key because pages carry absolute URLs (canonical, feeds).
    raw = f"{request.get_host()}|{translation.get_language()}|{request.get_full_path()}"
    return f"{KEY_PREFIX}:page:" + hashlib.sha256(raw.encode()).hexdigest()


def request_is_cacheable(request: HttpRequest) -> bool:
    """Anonymous reads only: an editor's session may see things readers must not."""
    return (
        page_cache_seconds() > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_preview", False)
    )


def response_is_cacheable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return "cookie" not in response.get("Vary", "").lower()


def add_cache_headers(response: HttpResponse) -> HttpResponse:
    """Let browsers keep a page briefly and shared caches longer (they get purged)."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.NEWSROOM_BROWSER_CACHE_SECONDS,
        s_maxage=settings.NEWSROOM_PROXY_CACHE_SECONDS,
        stale_while_revalidate=settings.NEWSROOM_STALE_SECONDS,
    )
    return response


def _current_versions(names: list[str], found: dict) -> tuple:
    versions = []
    for name in names:
        key = version_key(name)
        value = found.get(key)
        if value is None:
            # First use, or evicted: start a fresh version. An entry stored under an
            # older, evicted version can never match a fresh random token.
            cache.add(key, secrets.token_hex(8), timeout=None)
            value = cache.get(key)
        versions.append(value)
    return tuple(versions)


def serve_cached(
    request: HttpRequest, dependency: str, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """The cached response for this request if still current, else render() and store it."""
    if not request_is_cacheable(request):
        return render()

    key = entry_key(request)
    names = [SITE, dependency]
    found = cache.get_many([key, *(version_key(name) for name in names)])
    versions = _current_versions(names, found)
    entry = found.get(key)
    if entry is not None and entry["versions"] == versions:
        response = HttpResponse(entry["content"], status=200)
        for header, value in entry["headers"].items():
            response[header] = value
        response["X-Page-Cache"] = "hit"
        return add_cache_headers(response)

    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if response_is_cacheable(response):
        entry = {
            "versions": versions,
            "content": response.content,
            "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
        }
        cache.set(key, entry, timeout=page_cache_seconds())
        response["X-Page-Cache"] = "miss"
        add_cache_headers(response)
    return response


def cached_listing(view: Callable) -> Callable:
    """Cache a view whose content depends on what is published anywhere (topics, feeds)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return serve_cached(request, LISTINGS, lambda: view(request, *args, **kwargs))

    return wrapped


def cached_page(view: Callable) -> Callable:
    """Cache a Wagtail page view (request, path), invalidated with that path."""

    @wraps(view)
    def wrapped(request, path, *args, **kwargs):
        return serve_cached(
            request, path_dependency(path), lambda: view(request, path, *args, **kwargs)
        )

    return wrapped


# --- purging -------------------------------------------------------------------------


def _bump(names: Iterable[str]) -> None:
    cache.set_many({version_key(name): secrets.token_hex(8) for name in names}, timeout=None)


def _page_paths(page) -> list[str]:
    """The path (below the site root) of a page and of each ancestor that lists it."""
    paths = []
    for node in page.get_ancestors(inclusive=True).filter(depth__gt=1):
        parts = node.get_url_parts()
        if parts and parts[2] is not None:
            paths.append(parts[2])
    return paths


def _cached_paths(page) -> list[str]:
    """The page's own addresses a proxy may hold: Wagtail's Page.get_cached_paths()."""
    parts = page.get_url_parts()
    if not parts or parts[2] is None:
        return []
    return [parts[2] + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()]


def _listing_urls(page) -> list[str]:
    """Reader URLs (relative, default language) whose content includes this page."""
    from taggit.models import Tag

    urls = [reverse("feed_rss"), reverse("feed_atom"), reverse("topic_index")]
    urls += [reverse("person_index"), reverse("sitemap_index"), reverse("news_sitemap")]
    specific = page.specific_deferred
    if hasattr(specific, "exchange_topics"):
        tags = Tag.objects.filter(
            id__in=[
                *specific.tagged_items.values_list("tag_id", flat=True),
                *specific.exchange_topics.values_list("tag_id", flat=True),
            ]
        )
        for tag in tags:
            urls += [
                reverse("topic", args=[tag.slug]),
                reverse("topic_feed_rss", args=[tag.slug]),
                reverse("topic_feed_atom", args=[tag.slug]),
            ]
        for row in specific.interview_people.select_related("person"):
            urls.append(reverse("person", args=[row.person.slug]))
    return urls


def _frontend_urls(pages, page_paths: set[str]) -> list[str]:
    """Every absolute URL a proxy may hold for these pages (at `page_paths`), in each
    language."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return []
    root = site.root_url.rstrip("/")
    relative = set(page_paths)
    for page in pages:
        relative.update(_cached_paths(page))
        relative.update(_listing_urls(page))
    if not pages:
        relative.update({"/", reverse("feed_rss"), reverse("sitemap_index")})
    urls = []
    for path in sorted(relative):
        for code, _name in settings.LANGUAGES:
            prefix = "" if code == settings.LANGUAGE_CODE or path.endswith(".xml") else f"/{code}"
            urls.append(f"{root}{prefix}{path}")
    return sorted(set(urls))


def purge_paths(paths: Iterable[str]) -> list[str]:
    """Invalidate the pages once served at these paths (below the site root, "/a/b/"),
    and every listing: for the addresses a page has left (it moved, or its section did)."""
    page_paths = set(paths)
    _bump({LISTINGS, *(path_dependency(path) for path in page_paths)})
    with translation.override(settings.LANGUAGE_CODE):
        urls = _frontend_urls([], page_paths)
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(urls)
    logger.info("Purged %d former path(s): %d URL(s)", len(page_paths), len(urls))
    return urls


def purge_pages(pages: Iterable) -> list[str]:
    """Invalidate everything readers might see of these pages, after publish or unpublish.

    `pages`: Wagtail pages (any class; live or not) whose content or visibility changed.
    An empty list means "a page we can no longer name changed" (e.g. it was deleted):
    the whole site's cache is invalidated. Returns the URLs purged from the front-end
    cache (nginx/CDN), for logs and tests. Idempotent and safe to call twice.
    """
    pages = [page for page in pages if page is not None]
    names = {LISTINGS}
    if not pages:
        names.add(SITE)
    with translation.override(settings.LANGUAGE_CODE):
        page_paths = {path for page in pages for path in _page_paths(page)}
        names.update(path_dependency(path) for path in page_paths)
        _bump(names)
        urls = _frontend_urls(pages, page_paths)
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(urls)
    logger.info("Purged %d page(s): %d version(s), %d URL(s)", len(pages), len(names), len(urls))
    return urls
