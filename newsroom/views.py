"""Site-wide views for readers: Wagtail pages (with a one-query route), search, robots.txt."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.search.backends import get_search_backend
from wagtail.url_routing import RouteResult

from interviews.models import InterviewPage, Person
from newsroom.cache import cached_page

SEARCH_RESULTS_PER_PAGE = 10
# Enough for any reader who pages through results; bounds the work of one search.
SEARCH_MAX_RESULTS = 500
SEARCH_MAX_QUERY_LENGTH = 200


def interview_route(request, path: str) -> RouteResult | None:
    """Find /<section>/<slug>/ interviews in one query instead of Wagtail's tree walk.

    Wagtail's Page.route() costs two queries per level (the child, then its specific
    class): six for an interview. The page's url_path says the same thing in one
    indexed lookup (by slug). Anything that is not a live interview at such a path falls
    through to Wagtail's own routing, which stays the authority (and raises the 404s).
    """
    parts = [part for part in path.split("/") if part]
    if len(parts) != 2:
        return None
    roots = Site.get_site_root_paths()  # kept in Django's cache by Wagtail
    if len(roots) == 1:
        # One site serves every host name (Wagtail falls back to the default site), so
        # the site needs no query of its own.
        root = roots[0]
    else:
        site = Site.find_for_request(request)
        root = next((r for r in roots if site and r.site_id == site.pk), None)
        if root is None:
            return None
    found = list(
        InterviewPage.objects.live().filter(slug=parts[1], url_path=f"{root.root_path}{path}")[:1]
    )
    return RouteResult(found[0]) if found else None


@cached_page
def serve_page(request, path):
    """Wagtail's serve view (hooks, view restrictions, page.serve), faster routing, cached."""
    route = interview_route(request, path)
    if route is not None:
        # Wagtail's serve() reads the route from here before walking the tree itself.
        request._wagtail_route_for_request = route
    return wagtail_views.serve(request, path)


def search_interviews(query: str) -> tuple[list[Person], list[int]]:
    """People whose names match, then interview ids: theirs first, then by relevance.

    Interviews are searched with the backend's stemming config ('russian' on PostgreSQL),
    which finds "порта" for "порт" but over-stems names (Токаев -> "тока"). People are
    matched on the autocomplete index, which uses the unstemmed 'simple' config, so a
    name finds that person exactly; their interviews lead the results.
    """
    backend = get_search_backend()
    people = list(backend.autocomplete(query, Person.objects.all())[:10])
    ids: list[int] = []
    if people:
        ids += (
            InterviewPage.objects.live()
            .public()
            .filter(interview_people__person__in=people)
            .order_by("-first_published_at")
            .values_list("pk", flat=True)[:SEARCH_MAX_RESULTS]
        )
    seen = set(ids)
    readable = InterviewPage.objects.live().public().defer_streamfields()  # only ids are read
    for page in backend.search(query, readable)[:SEARCH_MAX_RESULTS]:
        if page.pk not in seen:
            ids.append(page.pk)
            seen.add(page.pk)
    return people, ids


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_QUERY_LENGTH]
    people, results = [], None
    if query:
        people, ids = search_interviews(query)
        results = Paginator(ids, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        by_id = (
            InterviewPage.objects.filter(pk__in=results.object_list)
            .prefetch_cards()
            .defer_streamfields()
            .in_bulk()
        )
        results.object_list = [by_id[pk] for pk in results.object_list if pk in by_id]
    response = render(
        request,
        "newsroom/search.html",
        {"query": query, "people": people, "results": results},
    )
    # Results change with every publish and queries are endless: let proxies keep them
    # briefly, and keep them out of our own page cache.
    patch_cache_control(response, public=True, max_age=0, s_maxage=60)
    return response


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /_util/",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news_sitemap'))}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=3600)
    return response
