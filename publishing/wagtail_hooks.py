from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from publishing.admin_views import PublishingReportView, can_see_publishing


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("publishing/", PublishingReportView.as_view(), name="publishing_report")]


class PublishingMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_publishing(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PublishingMenuItem(
        _("Publishing"), reverse("publishing_report"), icon_name="calendar-alt", order=50
    )
