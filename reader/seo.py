"""What search engines and social networks read: languages, JSON-LD, share links.

schema.org has no Interview type: an interview is a `NewsArticle` with `genre`
"Interview", its interviewees under `about`, other people it quotes under `mentions`
(see ../shared/docs/design.md, "Russian specifics"). The Q&A itself is semantic HTML.
"""

import json
import re
from urllib.parse import quote

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from interviews.importer.language import guess_language

LETTER = re.compile(r"[^\W\d_]")

DEFAULT_IMAGE = "newsroom/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)


def text_language(text: str) -> str:
    """'ru' or 'en': the language a title or lede is written in, for lang= and feeds.

    The importer's one detector decides; Kazakh is given as "ru", which screen readers
    and hyphenation handle far better than "en" for Cyrillic text."""
    if not LETTER.search(text or ""):
        return settings.LANGUAGE_CODE
    return "en" if guess_language(text) == "en" else "ru"


def json_ld(data: dict) -> SafeString:
    """A <script type="application/ld+json"> block, safe to put in HTML.

    A data block is not executed, so the Content Security Policy does not need to allow
    it; "<", ">" and "&" are escaped so no text in it can close the script element.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


def person_ld(person, url: str | None = None) -> dict:
    data = {"@type": "Person", "name": person.name}
    if url:
        data["url"] = url
    if person.role:
        data["jobTitle"] = person.role
    if person.organisation:
        data["worksFor"] = {"@type": "Organization", "name": person.organisation}
    return data


def publisher_ld(request) -> dict:
    return {
        "@type": "Organization",
        "name": settings.WAGTAIL_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static("newsroom/logo.png")),
            "width": 600,
            "height": 60,
        },
    }


def interview_ld(
    request,
    page,
    *,
    url: str,
    interviewees,
    interviewers,
    mentioned,
    topics,
    images: list[str],
    person_url,
    exchanges=(),
) -> dict:
    """NewsArticle for an interview page; `person_url(person)` gives a person's page URL.

    `exchanges`, given where readers see who speaks (several guests or hosts), become
    `hasPart`: each question with who asked it and each answer with who gave it."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "genre": "Interview",
        "headline": page.seo_title or page.title,
        "description": page.search_description or page.lede,
        "inLanguage": text_language(page.title),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "image": images,
        "datePublished": page.first_published_at.isoformat() if page.first_published_at else None,
        "dateModified": (page.last_published_at or page.first_published_at).isoformat()
        if page.first_published_at
        else None,
        "author": [person_ld(person, person_url(person)) for person in interviewers]
        or [{"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME}],
        "publisher": publisher_ld(request),
        "about": [person_ld(person, person_url(person)) for person in interviewees],
        "mentions": [person_ld(person, person_url(person)) for person in mentioned],
        "keywords": [topic.name for topic in topics],
        "hasPart": [exchange_ld(exchange, url, person_url) for exchange in exchanges],
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def exchange_ld(exchange, url: str, person_url) -> dict:
    def people(persons) -> list[dict]:
        return [person_ld(person, person_url(person)) for person in persons]

    question = {
        "@type": "Question",
        "url": f"{url}#{exchange.short_id}",
        "name": exchange.question,
        "author": people(exchange.asked_by),
        "suggestedAnswer": [
            {
                "@type": "Answer",
                "text": answer.plain_text,
                **(
                    {"author": person_ld(answer.speaker, person_url(answer.speaker))}
                    if answer.speaker
                    else {}
                ),
            }
            for answer in exchange.answers
        ],
    }
    return {key: value for key, value in question.items() if value != []}


def share_links(url: str, title: str) -> list[tuple[str, str]]:
    """(network, href) pairs: plain links, no scripts and no third-party requests."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ("Telegram", f"https://t.me/share/url?url={u}&text={t}"),
        ("WhatsApp", f"https://wa.me/?text={t}%20{u}"),
        ("VK", f"https://vk.com/share.php?url={u}&title={t}"),
        ("X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("E-mail", f"mailto:?subject={t}&body={u}"),
    ]
