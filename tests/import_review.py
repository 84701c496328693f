"""Posting the admin import's review screen as an editor's browser would."""

from django import forms

IMPORT_URL = "/admin/interviews/import/"
REVIEW_URL = "/admin/interviews/import/review/"


def review_data(review_page, action: str = "create", **changes) -> dict:
    """The review form of `review_page` as its browser posts it (an unticked box sends
    nothing), with `changes` (field name -> value) made and the button `action` pressed."""
    form = review_page.context["review_form"]
    data = {}
    for name, field in form.fields.items():
        value = field.prepare_value(form[name].value())
        if isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return {**data, **changes, "action": action}


def import_as_draft(client, source: dict, **changes):
    """Paste or upload `source`, confirm the review screen (with `changes`): the response."""
    review_page = client.post(IMPORT_URL, source)
    assert review_page.status_code == 200 and "review_form" in review_page.context, (
        review_page.context.get("form") and review_page.context["form"].errors
    )
    return client.post(REVIEW_URL, review_data(review_page, **changes))
