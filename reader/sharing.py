"""Sharing: each interview's and each answer's share card, and a page per answer.

The cards are drawn by interviews.share_cards and stored once under MEDIA_ROOT/share-cards/,
named by a hash of everything drawn on them (headline, guest, role, quote, the portrait
and its focal point). The page's og:image carries that name, so an edit gives a new URL:
the card is drawn again on its first request, and crawlers that keep images by URL
cannot show the old one.
"""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.text import Truncator
from django.views.decorators.http import require_safe
from PIL import Image as PILImage

from interviews.exchange import Exchange
from interviews.models import InterviewPage, Person
from interviews.share_cards import CardText, draw_card
from reader.cache import cached_page
from reader.views import interview_route

CARD_DIR = "share-cards"
PORTRAIT_SPEC = "fill-440x440|format-png"
QUOTE_CHARACTERS = 220
CARD_MAX_AGE = 365 * 24 * 3600  # the URL changes with the card: it can be kept forever


def guest_of(page: InterviewPage) -> Person | None:
    people = page.interviewees
    return people[0] if people else None


def role_of(person: Person | None) -> str:
    if person is None:
        return ""
    return ", ".join(part for part in (person.role, person.organisation) if part)


def portrait_fingerprint(person: Person | None) -> str:
    photo = person.photo if person and person.photo_id else None
    if photo is None:
        return ""
    focal = (photo.focal_point_x, photo.focal_point_y, photo.focal_point_width)
    return f"{photo.pk}:{photo.file_hash or photo.file.name}:{focal}"


def quote_of(exchange: Exchange) -> str:
    """The first answer's words: a card quotes one speaker, whom it names."""
    first = exchange.answers[0].plain_text if exchange.answers else ""
    return Truncator(first).chars(QUOTE_CHARACTERS)


def speaker_of(page, exchange: Exchange | None = None) -> Person | None:
    """Whom a card pictures: the answer's speaker (a round table has several guests), else
    the interview's guest."""
    if exchange is not None and exchange.answers and exchange.answers[0].speaker:
        return exchange.answers[0].speaker
    return guest_of(page)


def card_text(page, exchange=None, guest: Person | None = None) -> CardText:
    """`guest` when the caller has the interviewee already (the page's template does)."""
    guest = guest or speaker_of(page, exchange)
    return CardText(
        kind="answer" if exchange else "interview",
        headline=page.title,
        guest=guest.name if guest else "",
        role=role_of(guest),
        site_name=settings.WAGTAIL_SITE_NAME,
        quote=quote_of(exchange) if exchange else "",
    )


def card_key(page, exchange=None, guest: Person | None = None) -> str:
    guest = guest or speaker_of(page, exchange)
    return card_text(page, exchange, guest).key(portrait_fingerprint(guest))


def card_url(page, exchange=None, guest: Person | None = None) -> str:
    key = card_key(page, exchange, guest)
    if exchange is None:
        return reverse("share_card", args=[page.pk, key])
    return reverse("answer_card", args=[page.pk, exchange.short_id, key])


def stored_card(page: InterviewPage, exchange: Exchange | None = None) -> str:
    """The card's file name in the default storage, drawn and saved if not there yet."""
    guest = speaker_of(page, exchange)
    text = card_text(page, exchange, guest)
    name = f"{CARD_DIR}/{text.key(portrait_fingerprint(guest))}.png"
    if not default_storage.exists(name):
        portrait = None
        if guest is not None and guest.photo_id:
            rendition = guest.photo.get_rendition(PORTRAIT_SPEC)
            with rendition.file.open("rb") as file:
                portrait = PILImage.open(file)
                portrait.load()
        buffer = io.BytesIO()
        draw_card(text, portrait).save(buffer, "PNG", optimize=True)
        # Two requests may draw the same card at once: both write the same bytes.
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(buffer.getvalue()))
    return name


def readable_interview(page_id: int) -> InterviewPage:
    page = InterviewPage.objects.readable().filter(pk=page_id).first()
    if page is None:
        raise Http404("No published interview")
    return page


def exchange_by_short_id(page: InterviewPage, short_id: str) -> Exchange:
    for exchange in page.exchanges:
        if exchange.short_id == short_id:
            return exchange
    raise Http404("No such answer")


def serve_card(request, page: InterviewPage, key: str, exchange: Exchange | None = None):
    if key != card_key(page, exchange):
        # A card from before an edit: send crawlers to the current one.
        return redirect(card_url(page, exchange))
    response = FileResponse(
        default_storage.open(stored_card(page, exchange)), content_type="image/png"
    )
    patch_cache_control(response, public=True, max_age=CARD_MAX_AGE, immutable=True)
    return response


@require_safe
def share_card(request, page_id: int, key: str):
    return serve_card(request, readable_interview(page_id), key)


@require_safe
def answer_card(request, page_id: int, short_id: str, key: str):
    page = readable_interview(page_id)
    return serve_card(request, page, key, exchange_by_short_id(page, short_id))


@dataclass(frozen=True)
class SharedAnswer:
    """What the answer's own URL puts in the head: its quote, card, and canonical."""

    exchange: Exchange
    quote: str
    card_url: str
    canonical: str


@cached_page
def answer_page(request, path: str, short_id: str):
    """/<section>/<slug>/a/<short id>/: the interview, titled and pictured by one answer."""
    route = interview_route(request, path)
    if route is None or not InterviewPage.objects.readable().filter(pk=route.page.pk).exists():
        raise Http404("No published interview")
    page = route.page
    exchange = exchange_by_short_id(page, short_id)
    context = page.get_context(request)
    page_url = request.build_absolute_uri(page.get_url(request))
    context["shared_answer"] = SharedAnswer(
        exchange=exchange,
        quote=quote_of(exchange),
        card_url=request.build_absolute_uri(card_url(page, exchange)),
        canonical=f"{page_url}#{exchange.short_id}",
    )
    return TemplateResponse(request, page.get_template(request), context)
