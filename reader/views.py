"""Site-wide views for readers: Wagtail pages (with a one-query route), search, robots.txt."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from interviews.models import InterviewPage
from reader.cache import cached_page
from reader.search.query import Facet, Filters, facets, find, interview_hits

SEARCH_RESULTS_PER_PAGE = 10
SEARCH_MAX_QUERY_LENGTH = 200
SEARCH_MAX_SLUG_LENGTH = 120


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


def search_filters(params) -> tuple[Filters, list[str]]:
    """The filters a reader chose, and what was wrong with them (then left out)."""
    errors = []
    year = None
    if raw_year := params.get("year", "").strip():
        if raw_year.isdigit() and 1900 <= int(raw_year) <= 2100:
            year = int(raw_year)
        else:
            errors.append(_("The year must be a year such as 2025; it was left out."))
    topic = params.get("topic", "").strip()[:SEARCH_MAX_SLUG_LENGTH]
    person = params.get("person", "").strip()[:SEARCH_MAX_SLUG_LENGTH]
    return Filters(topic=topic, person=person, year=year), errors


@require_safe
def search(request):
    """Interviews and their answers with the words marked, people, filters; no JavaScript."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_QUERY_LENGTH]
    filters, errors = search_filters(request.GET)
    context = {"query": query, "filters": filters, "errors": errors, "results": None}
    if query:
        found = find(query, filters)
        results = Paginator(found.interview_ids, SEARCH_RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        results.object_list = interview_hits(list(results.object_list), found, request)
        context |= {
            "results": results,
            "people": found.people,
            "every_word": found.every_word,
            "similar": found.similar,
            "many": found.many,
            "facets": search_facets(found.interview_ids, filters),
        }
    response = render(request, "newsroom/search.html", context)
    # Results change with every publish and queries are endless: let proxies keep them
    # briefly, and keep them out of our own page cache.
    patch_cache_control(response, public=True, max_age=0, s_maxage=60)
    return response


def search_facets(page_ids: list[int], filters: Filters) -> dict[str, list[Facet]]:
    """The filter choices; one already chosen stays listed even where it has no count."""
    choices = facets(page_ids)
    for name in ("topic", "person", "year"):
        chosen = str(getattr(filters, name) or "")
        if chosen and chosen not in {facet.value for facet in choices[name]}:
            choices[name].insert(0, Facet(chosen, chosen, 0))
    return choices


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
