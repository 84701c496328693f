"""The admin's topic fields: suggestions in any case, and the widget that asks for them."""

from django.db import connection
from django.http import JsonResponse
from django.urls import reverse
from taggit.models import Tag
from wagtail.admin.widgets import AdminTagWidget

SUGGESTIONS_SHOWN = 10


def topics_starting_with(term: str, limit: int = SUGGESTIONS_SHOWN) -> list[str]:
    """Topic names that start with `term` in any case, Cyrillic included.

    Wagtail's own suggestions use `name__istartswith`, which SQLite (the embedded
    default) folds for ASCII letters only: "касп" never found "Каспий". PostgreSQL's
    UPPER knows Cyrillic and narrows the names down; the comparison itself is Python's.
    """
    folded = term.strip().casefold()
    if not folded:
        return []
    names = Tag.objects.order_by("name").values_list("name", flat=True)
    if connection.vendor == "postgresql":
        names = names.filter(name__istartswith=term.strip())
    matches = []
    for name in names.iterator():
        if name.casefold().startswith(folded):
            matches.append(name)
            if len(matches) == limit:
                break
    return matches


def topic_autocomplete(request):
    return JsonResponse(topics_starting_with(request.GET.get("term", "")), safe=False)


class TopicTagWidget(AdminTagWidget):
    """Wagtail's tag widget, asking topic_autocomplete for its suggestions."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        url = reverse("interviews_topic_autocomplete")
        context["widget"]["attrs"]["data-w-tag-url-value"] = url
        return context
