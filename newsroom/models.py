"""Site-wide pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

LATEST_INTERVIEWS_ON_HOME = 10


class HomePage(Page):
    """The site root: latest interviews, topics and people."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["interviews.InterviewIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from interviews.models import InterviewPage

        context = super().get_context(request, *args, **kwargs)
        context["latest_interviews"] = (
            InterviewPage.objects.readable()
            .order_by("-first_published_at")
            .prefetch_people()
            .defer_streamfields()[:LATEST_INTERVIEWS_ON_HOME]
        )
        return context
