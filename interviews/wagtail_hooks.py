from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from interviews import related
from interviews.admin_views import ImportInterviewView, ReviewImportView, sections_open_to
from interviews.models import InterviewPage, Person, TopicProfile
from interviews.topic_admin import topic_autocomplete
from interviews.topic_merge_admin import MergeTopicsView, can_merge_topics


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "role", "organisation", "country"]
    search_fields = ["name", "role", "organisation"]


register_snippet(PersonViewSet)
register_snippet(TopicProfile)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("interviews/import/", ImportInterviewView.as_view(), name="interviews_import"),
        path(
            "interviews/import/review/",
            ReviewImportView.as_view(),
            name="interviews_import_review",
        ),
    ]


class ImportInterviewMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(sections_open_to(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportInterviewMenuItem(
        _("Import interview"), reverse("interviews_import"), icon_name="upload", order=200
    )


# Related articles: "Recompute related articles" for one interview (docs/related.md).


class RecomputeRelatedView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks to confirm; POST relinks the page at once and returns to its editor."""

    template_name = "interviews/admin/recompute_related.html"
    page_title = _("Recompute related articles")
    header_icon = "resubmit"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(InterviewPage, pk=page_id)
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, **kwargs)

    def post(self, request, page_id):
        # Inline rather than on Celery: it takes milliseconds and the editor is waiting.
        links = related.relink(self.page.pk)
        if self.page.live:
            messages.success(
                request, _("Related articles recomputed: %(count)d.") % {"count": links}
            )
        else:
            messages.success(request, _("The page is not live: it was taken off related lists."))
        return redirect("wagtailadmin_pages:edit", self.page.pk)


@hooks.register("register_admin_urls")
def register_recompute_related_url():
    return [
        path(
            "interviews/<int:page_id>/related/recompute/",
            RecomputeRelatedView.as_view(),
            name="interviews_related_recompute",
        )
    ]


class RecomputeRelatedMenuItem(PageMenuItem):
    label = _("Recompute related articles")
    icon_name = "resubmit"
    url_name = "interviews_related_recompute"

    def is_shown(self, user):
        return issubclass(self.page.specific_class, InterviewPage) and (
            self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def register_recompute_related_header_button(page, user, view_name, next_url=None):
    yield RecomputeRelatedMenuItem(page=page, priority=64)


@hooks.register("register_page_listing_more_buttons")
def register_recompute_related_listing_button(page, user, next_url=None):
    yield RecomputeRelatedMenuItem(page=page, priority=55)


# Topic fields: suggestions in any case, Enter/Tab/comma always commit (docs/architecture.md).


@hooks.register("register_admin_urls")
def register_topic_autocomplete_url():
    return [
        path(
            "interviews/topics/autocomplete/",
            topic_autocomplete,
            name="interviews_topic_autocomplete",
        )
    ]


@hooks.register("insert_editor_js")
def topic_field_keys():
    return format_html('<script src="{}"></script>', static("interviews/admin/topics.js"))


@hooks.register("insert_global_admin_css")
def exchange_editor_layout():
    # Wagtail 8 no longer renders insert_editor_css; the rules only match the exchange editor.
    return format_html(
        '<link rel="stylesheet" href="{}">', static("interviews/admin/exchange_editor.css")
    )


@hooks.register("insert_editor_js")
def exchange_editor_keys():
    # The script's announcements, translated here: the admin has no JavaScript catalogue.
    return format_html(
        '<script src="{}" data-moved-up="{}" data-moved-down="{}" data-already-first="{}"'
        ' data-already-last="{}"></script>',
        static("interviews/admin/exchange_editor.js"),
        _("Moved up: block {position} of {count}."),
        _("Moved down: block {position} of {count}."),
        _("This block is already the first."),
        _("This block is already the last."),
    )


@hooks.register("register_admin_urls")
def register_merge_topics_url():
    return [
        path("interviews/topics/merge/", MergeTopicsView.as_view(), name="interviews_merge_topics")
    ]


class MergeTopicsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_merge_topics(request.user)


@hooks.register("register_admin_menu_item")
def register_merge_topics_menu_item():
    return MergeTopicsMenuItem(
        _("Merge topics"), reverse("interviews_merge_topics"), icon_name="tag", order=260
    )
