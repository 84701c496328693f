"""Site-wide pages, and the app's models: the front page's snapshot is defined with the
code that builds and reads it (newsroom/front_page.py), which the home page calls."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Page

from newsroom.front_page import FrontPageSnapshot, front_page

__all__ = ["FrontPageSnapshot", "HomePage"]


class HomePage(Page):
    """The site root: a lead interview, the latest, sections, topic rails and people."""

    lead_interview = models.ForeignKey(
        "interviews.InterviewPage",
        verbose_name=_("lead interview"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Pinned at the top of the front page. Empty: the latest interview leads."),
    )

    content_panels = [*Page.content_panels, PageChooserPanel("lead_interview")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["interviews.InterviewIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["front"] = front_page(self)
        return context
