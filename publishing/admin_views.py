"""The publishing report: what waits for approval, what goes live or expires next, and how
recent jobs went. A moderator approves, cancels and moves publications from here."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, Revision, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from publishing import jobs
from publishing.models import PublishingJob

RECENT_JOBS_SHOWN = 50


def can_see_publishing(user) -> bool:
    return PagePermissionPolicy().user_has_permission(user, "publish")


@dataclass(frozen=True)
class PageLabel:
    """What tells two pages of the same title apart: section, id, author."""

    page: Page
    section: str
    author: str


def page_labels(pages) -> dict[int, PageLabel]:
    pages = [page for page in pages if page is not None]
    parents = {
        page.pk: page.get_parent() for page in pages
    }  # a report lists a few dozen pages at most
    return {
        page.pk: PageLabel(
            page=page,
            section=parents[page.pk].title if parents[page.pk] else "",
            author=(page.owner.get_full_name() or page.owner.get_username()) if page.owner else "",
        )
        for page in pages
    }


REPORT_ACTIONS = ("retry", "approve", "cancel", "move")


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
        upcoming = list(PublishingJob.objects.scheduled().select_related("page__owner"))
        awaiting = list(
            TaskState.objects.reviewable_by(self.request.user)
            .select_related("revision", "workflow_state")
            .order_by("started_at")
        )
        awaiting_pages = Page.objects.filter(
            pk__in=[int(state.revision.object_id) for state in awaiting]
        ).select_related("owner")
        labels = page_labels([*(job.page for job in upcoming), *awaiting_pages])
        for state in awaiting:
            state.label = labels.get(int(state.revision.object_id))
            state.go_live_at = state.revision.as_object().go_live_at
        for job in upcoming:
            job.label = labels.get(job.page_id)
        return super().get_context_data(
            awaiting=awaiting,
            upcoming=upcoming,
            retrying=PublishingJob.objects.retrying(),
            recent=PublishingJob.objects.finished().select_related("page")[:RECENT_JOBS_SHOWN],
            now=timezone.localtime(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        action = next((name for name in REPORT_ACTIONS if name in request.POST), None)
        # Ids come from the report's own buttons; anything else is a bad link, not a 500.
        if action is None or not request.POST[action].isdigit():
            raise Http404
        object_id = int(request.POST[action])
        if action == "move":
            self.move(object_id, request.POST.get("when", ""))
        else:
            getattr(self, action)(object_id)
        return redirect("publishing_report")

    def retry(self, job_id):
        job = get_object_or_404(PublishingJob.objects.troubled(), pk=job_id)
        jobs.retry(job)
        messages.success(self.request, _("Queued again: %(job)s") % {"job": job})

    def approve(self, task_state_id):
        state = get_object_or_404(
            TaskState.objects.reviewable_by(self.request.user), pk=task_state_id
        )
        task = state.task.specific
        task.on_action(state, self.request.user, "approve")
        messages.success(
            self.request,
            _("Approved: «%(title)s».") % {"title": state.revision.object_str},
        )

    def scheduled_revision(self, job_id) -> tuple[PublishingJob, Revision]:
        job = get_object_or_404(
            PublishingJob.objects.scheduled().filter(kind=PublishingJob.Kind.GO_LIVE), pk=job_id
        )
        revision = get_object_or_404(Revision.page_revisions, pk=job.revision_id)
        if not job.page.permissions_for_user(self.request.user).can_publish():
            raise PermissionDenied
        return job, revision

    def cancel(self, job_id):
        job, revision = self.scheduled_revision(job_id)
        # As Wagtail's own "Cancel scheduled publish": the receiver skips the job.
        revision.approved_go_live_at = None
        revision.save(user=self.request.user, update_fields=["approved_go_live_at"])
        messages.success(
            self.request,
            _("Publication of «%(title)s» cancelled; it stays a draft.")
            % {"title": job.page_title},
        )

    def move(self, job_id, when: str):
        job, revision = self.scheduled_revision(job_id)
        moment = parse_local_time(when)
        if moment is None or moment <= timezone.now():
            messages.error(self.request, _("Give a date and time in the future."))
            return
        # The revision's own go-live moves too: publishing it checks that time, and would
        # schedule it again rather than publish at an earlier one.
        revision.content["go_live_at"] = moment.isoformat()
        revision.approved_go_live_at = moment
        revision.save(update_fields=["content", "approved_go_live_at"])
        Page.objects.filter(pk=job.page_id).update(go_live_at=moment)
        messages.success(
            self.request,
            _("«%(title)s» now goes live on %(when)s.")
            % {"title": job.page_title, "when": f"{timezone.localtime(moment):%d.%m.%Y %H:%M}"},
        )


def parse_local_time(value: str) -> datetime | None:
    """A datetime-local value ("2026-12-01T09:30") in the desk's time zone."""
    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return None
    if moment is None:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
