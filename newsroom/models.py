"""Site-wide pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Page


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
        # Here, not at the top: front_page reads this module's FrontPageSnapshot.
        from newsroom.front_page import front_page

        context = super().get_context(request, *args, **kwargs)
        context["front"] = front_page(self)
        return context


class FrontPageSnapshot(models.Model):
    """What the front page shows that changes only when something is published.

    Rebuilt by the publishing pipeline (newsroom.front_page.rebuild), read by every view
    of the home page: topic rails, people and section fronts, as ids and counts.
    """

    key = models.CharField(max_length=40, primary_key=True)
    data = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.key} ({self.computed_at:%Y-%m-%d %H:%M})"
