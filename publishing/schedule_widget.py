"""The date-and-time picker of the admin's schedules (go-live, expiry), made for a desk.

Wagtail's picker lists whole hours only, and closes as soon as a day is clicked, so the
time had to be typed. Here it lists every five minutes, stays open from the day to the
time, and closes once the time is chosen: it then no longer covers the dialog's save
button beneath it.
"""

from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.models.panels import PanelPlaceholder

MINUTES_STEP = 5
SCHEDULE_DIALOG = "#schedule-publishing-dialog"


class DeskDateTimeInput(AdminDateTimeInput):
    def get_config(self):
        return {
            **super().get_config(),
            "step": MINUTES_STEP,
            "closeOnDateSelect": False,
            "closeOnTimeSelect": True,
        }


class DeskPublishingPanel(PublishingPanel):
    """Wagtail's scheduling panel (the "Set schedule" dialog), with the desk's picker."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "children",
            [
                FieldPanel(
                    name,
                    widget=DeskDateTimeInput(
                        js_overlay_parent_selector=SCHEDULE_DIALOG,
                        # As Wagtail's own: closing the dialog resets the field.
                        attrs={
                            "data-controller": "w-action",
                            "data-action": "w-dialog:hidden->w-action#reset",
                            "data-w-dialog-target": "notify",
                        },
                    ),
                )
                for name in ("go_live_at", "expire_at")
            ],
        )
        super().__init__(**kwargs)


def with_desk_schedule(panels: list) -> list:
    """`panels` (e.g. Page.settings_panels) with the scheduling panel replaced by ours."""
    return [DeskPublishingPanel() if is_publishing_panel(panel) else panel for panel in panels]


def is_publishing_panel(panel) -> bool:
    # Wagtail's Page declares its panels as placeholders, built on first use.
    if isinstance(panel, PanelPlaceholder):
        return panel.path == "wagtail.admin.panels.PublishingPanel"
    return type(panel) is PublishingPanel
