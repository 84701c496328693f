"""The admin's "Merge topics": one topic into another (interviews.topic_merge does it)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from taggit.models import Tag
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from interviews.topic_merge import merge_topics


class MergeTopicsForm(forms.Form):
    old = forms.ModelChoiceField(
        label=_("Merge this topic"),
        queryset=Tag.objects.order_by("name"),
        help_text=_("It disappears; its address redirects to the other one."),
    )
    survivor = forms.ModelChoiceField(
        label=_("into this one"), queryset=Tag.objects.order_by("name")
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("old") and cleaned.get("old") == cleaned.get("survivor"):
            raise forms.ValidationError(_("Choose two different topics."))
        return cleaned


def can_merge_topics(user) -> bool:
    """Moderators (those who may publish): a merge changes published pages."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


class MergeTopicsView(WagtailAdminTemplateMixin, FormView):
    form_class = MergeTopicsForm
    template_name = "interviews/admin/merge_topics.html"
    page_title = _("Merge topics")
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        if not can_merge_topics(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        old, survivor = form.cleaned_data["old"], form.cleaned_data["survivor"]
        old_name = old.name
        result = merge_topics(old, survivor)
        messages.success(
            self.request,
            _("«%(old)s» merged into «%(survivor)s»: %(pages)d interviews changed.")
            % {"old": old_name, "survivor": survivor.name, "pages": result.pages},
        )
        return redirect("interviews_merge_topics")
