"""Admin views: importing a pasted interview as a draft."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from interviews.forms import ImportInterviewForm
from interviews.models import InterviewIndexPage
from interviews.services import already_imported, create_interview

# The parser's warnings in the editor's language, by their stable code.
WARNING_TEXTS = {
    "no_title": _("No title found: give the interview one."),
    "no_lede": _("No lede found before the first question: the draft repeats the title there."),
    "unmarked_turns": _(
        "The turns carry no markers: questions were told from answers by their question "
        "marks. Check each exchange."
    ),
    "unanswered": _("Question %(number)d has no answer: check the turns."),
    "no_interviewee": _("The interviewee was not found: add the person in the editor."),
}


def warning_texts(parsed) -> list[str]:
    texts = []
    for warning in parsed.warnings:
        text = WARNING_TEXTS.get(warning.code)
        if text is None:
            texts.append(warning.message)
        elif warning.exchange is not None:
            texts.append(str(text) % {"number": warning.exchange + 1})
        else:
            texts.append(str(text))
    return texts


def sections_open_to(user) -> list[InterviewIndexPage]:
    """The interview sections this user may add pages to (there are only a handful)."""
    return [
        section
        for section in InterviewIndexPage.objects.order_by("path")
        if section.permissions_for_user(user).can_add_subpage()
    ]


class ImportInterviewView(WagtailAdminTemplateMixin, FormView):
    """Paste or upload → see the parsed structure → confirm → the new draft's editor."""

    form_class = ImportInterviewForm
    template_name = "interviews/admin/import_interview.html"
    page_title = _("Import interview")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.sections = sections_open_to(request.user)
        if not self.sections:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["section"].queryset = InterviewIndexPage.objects.filter(
            pk__in=[section.pk for section in self.sections]
        ).order_by("path")
        return form

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form):
        section = form.cleaned_data["section"]
        if "confirm" not in self.request.POST:
            # First step: show the structure; the text travels on in a hidden field.
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    parsed=form.cleaned_data["parsed"],
                    warnings=warning_texts(form.cleaned_data["parsed"]),
                    already_imported=already_imported(form.cleaned_data["parsed"]),
                    confirm_form=ImportInterviewForm(
                        initial={
                            "text": form.cleaned_data["text"],
                            "title": form.cleaned_data["title"],
                            "section": section,
                        }
                    ),
                )
            )
        page = create_interview(
            form.cleaned_data["parsed"],
            title=form.cleaned_data["title"],
            section=section,
            user=self.request.user,
            interviewer=getattr(self.request.user, "person", None),  # Person.user
        )
        messages.success(
            self.request,
            _("Imported «%(title)s» as a draft with %(count)d questions.")
            % {"title": page.title, "count": len(form.cleaned_data["parsed"].exchanges)},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
