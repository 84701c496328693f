"""The publishing report: what goes live or expires next, and how recent jobs went."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from publishing import jobs
from publishing.models import PublishingJob

RECENT_JOBS_SHOWN = 50


def can_see_publishing(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "publish")


class PublishingReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "publishing/publishing_report.html"
    page_title = _("Publishing")
    header_icon = "calendar-alt"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_publishing(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            upcoming=PublishingJob.objects.scheduled(),
            retrying=PublishingJob.objects.retrying(),
            recent=PublishingJob.objects.finished().select_related("page")[:RECENT_JOBS_SHOWN],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        job_id = request.POST.get("retry", "")
        if not job_id.isdigit():
            raise Http404
        job = get_object_or_404(PublishingJob.objects.troubled(), pk=int(job_id))
        jobs.retry(job)
        messages.success(request, _("Queued again: %(job)s") % {"job": job})
        return redirect("publishing_report")
