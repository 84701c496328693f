"""Admin views: importing a pasted interview as a draft, through the review screen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.images import get_image_model
from wagtail.permissions import policy_registry

from interviews.forms import ImportInterviewForm, ReviewInterviewForm, check_review_can_take
from interviews.importer import InterviewParseError
from interviews.importer.review import interview_from_paragraphs, paragraphs_of
from interviews.models import InterviewIndexPage, InterviewPerson
from interviews.services import already_imported, create_interview, find_or_create_person

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


class ImportViewMixin(WagtailAdminTemplateMixin):
    """Both steps: only for users who may add an interview to some section."""

    page_title = _("Import interview")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.sections = sections_open_to(request.user)
        if not self.sections:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return self.offer_own_choices(super().get_form(form_class))

    def offer_own_choices(self, form):
        """The sections the user may add to and, on the review, the images they may
        choose (Wagtail's collection permissions): a posted id outside them is refused."""
        form.fields["section"].queryset = InterviewIndexPage.objects.filter(
            pk__in=[section.pk for section in self.sections]
        ).order_by("path")
        if "lead_image" in form.fields:
            images = policy_registry.get_by_type(get_image_model())
            form.fields["lead_image"].queryset = images.instances_user_has_any_permission_for(
                self.request.user, ["choose"]
            )
        return form

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def render_review(self, review_form, *, warnings, already_imported_page=None):
        self.offer_own_choices(review_form)
        return TemplateResponse(
            self.request,
            "interviews/admin/import_review.html",
            self.get_context_data(
                review_form=review_form,
                warnings=warnings,
                already_imported=already_imported_page,
            ),
        )


class ImportInterviewView(ImportViewMixin, FormView):
    """Paste or upload → the review screen (ReviewImportView) → the new draft's editor."""

    form_class = ImportInterviewForm
    template_name = "interviews/admin/import_interview.html"

    def form_valid(self, form):
        parsed = form.cleaned_data["parsed"]
        review_form = ReviewInterviewForm.for_paragraphs(
            paragraphs_of(parsed),
            language=parsed.language,
            section=form.cleaned_data["section"],
            title=form.cleaned_data["title"],
            interviewees=parsed.interviewees,  # the main interviewee first
        )
        return self.render_review(
            review_form,
            warnings=warning_texts(parsed),
            already_imported_page=already_imported(parsed),
        )


class ReviewImportView(ImportViewMixin, FormView):
    """The review screen's POST: "Apply" shows it again with the merges and splits made;
    "Create the draft" creates it from what the editor confirmed."""

    form_class = ReviewInterviewForm

    def get(self, request, *args, **kwargs):
        return redirect("interviews_import")  # the review only exists for a paste or upload

    def form_invalid(self, form):
        # Everything the editor typed comes back in the bound form.
        return self.render_review(form, warnings=[])

    def form_valid(self, form):
        if self.request.POST.get("action") != "create":
            return self.show_again(form)
        try:
            parsed = form.interview()
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        with transaction.atomic():
            persons = dict.fromkeys(find_or_create_person(guest) for guest in parsed.interviewees)
            guests = [(person, InterviewPerson.Part.INTERVIEWEE) for person in persons]
            page = create_interview(
                parsed,
                title=form.cleaned_data["title"],
                section=form.cleaned_data["section"],
                topics=form.cleaned_data["topics"],
                people=guests,
                user=self.request.user,
                interviewer=getattr(self.request.user, "person", None),  # Person.user
                lead_image=form.cleaned_data["lead_image"],
                lead_image_caption=form.cleaned_data["lead_image_caption"],
                lead_image_credit=form.cleaned_data["lead_image_credit"],
            )
        messages.success(
            self.request,
            _("Imported «%(title)s» as a draft with %(count)d questions.")
            % {"title": page.title, "count": len(parsed.exchanges)},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    def show_again(self, form):
        paragraphs = form.paragraphs()
        try:
            check_review_can_take(len(paragraphs))
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        guests = form.interviewees()
        review_form = ReviewInterviewForm.for_paragraphs(
            paragraphs,
            language=form.language,
            section=form.cleaned_data["section"],
            title=form.cleaned_data["title"],
            lede=form.cleaned_data["lede"],
            topics=form.cleaned_data["topics"],
            interviewees=guests,
            lead_image=form.cleaned_data["lead_image"],
            lead_image_caption=form.cleaned_data["lead_image_caption"],
            lead_image_credit=form.cleaned_data["lead_image_credit"],
        )
        try:
            parsed = interview_from_paragraphs(
                paragraphs, language=form.language, interviewees=guests
            )
        except InterviewParseError:
            return self.render_review(review_form, warnings=[])  # said again on "Create"
        return self.render_review(
            review_form,
            warnings=warning_texts(parsed),
            already_imported_page=already_imported(parsed),
        )
