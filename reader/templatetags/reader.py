"""Template tags for the readers' site.

The interview page's extra data (people, topics, images) comes from
InterviewPage.get_context (`details`, interviews.models.InterviewDetails).
"""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse, translate_url
from django.utils.translation import gettext as _

from interviews import anchors
from interviews.lead_images import lead_image_url
from interviews.models import InterviewDetails, Person
from reader import seo, sharing

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    return context["request"].build_absolute_uri(url)


# The only parameters that make another page of content; any other is dropped.
CANONICAL_PARAMETERS = ("page", "answers", "q")


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's address in the default language, keeping only the pagination."""
    request = context["request"]
    path = request.path
    for code, _name in context.get("LANGUAGES", []):
        if path.startswith(f"/{code}/"):
            path = path[len(code) + 1 :]
            break
    keep = {key: request.GET[key] for key in CANONICAL_PARAMETERS if request.GET.get(key)}
    if keep.get("page") == "1":
        del keep["page"]
    # Encoded: the values are whatever the visitor typed (quotes, "&", spaces, Cyrillic).
    query = urlencode(sorted(keep.items()))
    return request.build_absolute_uri(path + (f"?{query}" if query else ""))


@register.simple_tag(takes_context=True)
def share_card_url(context, page, details: InterviewDetails) -> str:
    """The interview's own share card (1200×630), absolute."""
    guest = details.interviewees[0] if details.interviewees else None
    return context["request"].build_absolute_uri(sharing.card_url(page, guest=guest))


@register.filter
def name_in(person: Person, language: str) -> str:
    """The person's name for a text in `language`: the English one on English pages."""
    return person.name_in(language)


@register.filter
def role_in(person: Person, language: str) -> str:
    return person.role_in(language)


@register.filter
def short_anchor(block_id: str) -> str:
    return anchors.short_anchor(block_id)


@register.filter
def text_language(text: str) -> str:
    return seo.text_language(text)


@register.simple_tag(takes_context=True)
def interview_json_ld(context, page, details: InterviewDetails):
    request = context["request"]
    url = canonical_url(context)
    lead = lead_image_url(page, request)
    images = [lead] if lead else []
    images += [
        request.build_absolute_uri(image.get_rendition("width-1200").url)
        for image in details.images[: 3 - len(images)]
    ]
    if not images:
        images = [request.build_absolute_uri(static(seo.DEFAULT_IMAGE))]
    return seo.json_ld(
        seo.interview_ld(
            request,
            page,
            url=url,
            interviewees=details.interviewees,
            interviewers=details.interviewers,
            mentioned=details.mentioned,
            topics=details.page_topics,
            images=images,
            person_url=lambda person: request.build_absolute_uri(
                reverse("person", args=[person.slug])
            ),
            exchanges=details.exchanges if details.names_speakers else (),
        )
    )


@register.simple_tag(takes_context=True)
def json_ld(context, data: dict):
    return seo.json_ld(data)


@register.simple_tag(takes_context=True)
def share_links(context, title: str):
    links = seo.share_links(canonical_url(context), title)
    return [(_("E-mail") if name == "E-mail" else name, href) for name, href in links]


@register.simple_tag(takes_context=True)
def language_url(context, code: str) -> str:
    """This page in another language (Russian at the root, English under /en/)."""
    request = context["request"]
    url = translate_url(request.path, code)
    return url + (f"?{request.GET.urlencode()}" if request.GET else "")


@register.simple_tag(takes_context=True)
def page_query(context, **changes) -> str:
    """The current query string with some parameters changed: pagination links."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"


@register.simple_tag
def site_name() -> str:
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def default_image_url() -> str:
    """The share image of pages that have none of their own (1200×630)."""
    return static(seo.DEFAULT_IMAGE)
