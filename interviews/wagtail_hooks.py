from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from interviews.models import Person
from interviews.admin_views import ImportInterviewView, sections_open_to


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "role", "organisation", "country"]
    search_fields = ["name", "role", "organisation"]


register_snippet(PersonViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("interviews/import/", ImportInterviewView.as_view(), name="interviews_import")]


class ImportInterviewMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(sections_open_to(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportInterviewMenuItem(
        _("Import interview"), reverse("interviews_import"), icon_name="upload", order=200
    )
