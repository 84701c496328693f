"""Inline panels whose "Add …" button reads as a Russian sentence.

Wagtail builds the button as "Add %(label)s" from the same label it numbers each child
with ("Участник 1"), so in Russian the label stands in the nominative where the verb
needs the accusative: "Добавить Участник". The button gets a whole phrase of its own.
"""

from wagtail.admin.panels import InlinePanel


class PhrasedInlinePanel(InlinePanel):
    """An InlinePanel with `add_label`, the full text of its add button ("Add a person")."""

    def __init__(self, *args, add_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "newsroom/admin/phrased_inline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["add_label"] = self.panel.add_label
            return context
