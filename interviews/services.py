"""Turning a parsed interview into a Wagtail page: the one path every import takes.

The admin's "Import interview", the import_interview command and load_demo all call
create_interview(); none of them builds pages on its own.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils.html import escape
from wagtail.rich_text import RichText

from interviews.importer import Interviewee, ParsedInterview
from interviews.models import InterviewIndexPage, InterviewPage, InterviewPerson, Person
from interviews.slugs import latin_slug

TITLE_FROM_LEDE_MAX_LENGTH = 120


class NoInterviewSection(LookupError):
    """There is no InterviewIndexPage to file the interview under."""


class TooLongForTheEditor(ValueError):
    """The draft could be created but never saved: the editor would post too many fields."""

    def __init__(self, exchanges: int, limit: int):
        self.exchanges, self.limit = exchanges, limit
        super().__init__(
            f"the interview has {exchanges} exchanges; the page editor can save at most "
            f"{limit}: split it into parts and import each"
        )


# What one block of the body costs in the editor's POST: the stream's type, id, order and
# deleted fields, plus one per value (question, answer, topics for an exchange; the title for
# a section), with one to spare. The rest of the page (title, slug, lede, people, comments,
# scheduling …) stays well under EDITOR_PAGE_FIELDS.
EDITOR_FIELDS_PER_EXCHANGE = 8
EDITOR_FIELDS_PER_SECTION = 6
EDITOR_PAGE_FIELDS = 500


def max_exchanges_in_the_editor(sections: int = 0) -> int:
    budget = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - EDITOR_PAGE_FIELDS
    return (budget - EDITOR_FIELDS_PER_SECTION * sections) // EDITOR_FIELDS_PER_EXCHANGE


def check_fits_the_editor(parsed: ParsedInterview) -> None:
    """Refuse, before a draft exists, an interview whose editor form Django would reject
    (DATA_UPLOAD_MAX_NUMBER_FIELDS): it would import, then never save."""
    limit = max_exchanges_in_the_editor(len(parsed.sections))
    if len(parsed.exchanges) > limit:
        raise TooLongForTheEditor(len(parsed.exchanges), limit)


def paragraphs_to_rich_text(paragraphs: Iterable[str]) -> RichText:
    """Plain paragraphs as rich text, every character escaped: pasted HTML stays text."""
    html = "".join(
        "<p>{}</p>".format(escape(paragraph).replace("\n", "<br/>")) for paragraph in paragraphs
    )
    return RichText(html)


def suggested_title(parsed: ParsedInterview) -> str:
    """The parsed title; else the guest's name; else the lede's first sentence."""
    if parsed.title:
        return parsed.title
    if parsed.interviewee:
        label = "интервью" if parsed.language in {"ru", "kk"} else "interview"
        return f"{parsed.interviewee.name}: {label}"
    # No title, no guest: the lede's first sentence, else the first question (an interview
    # that opens straight with a question still becomes a draft the editor can rename).
    source = parsed.lede or (parsed.exchanges[0].question if parsed.exchanges else "")
    first_sentence = source.split(". ")[0].rstrip(".").strip()
    if not first_sentence:
        return "Интервью" if parsed.language in {"ru", "kk"} else "Interview"
    if len(first_sentence) <= TITLE_FROM_LEDE_MAX_LENGTH:
        return first_sentence
    return first_sentence[:TITLE_FROM_LEDE_MAX_LENGTH].rsplit(" ", 1)[0] + "…"


def already_imported(parsed: ParsedInterview) -> InterviewPage | None:
    """The page this interview was imported as before, if any (the earliest)."""
    pages = InterviewPage.objects.filter(import_fingerprint=parsed.fingerprint())
    return pages.order_by("pk").first()


def interview_section(slug: str | None = None) -> InterviewIndexPage:
    sections = InterviewIndexPage.objects.order_by("path")
    section = sections.filter(slug=slug).first() if slug else sections.first()
    if section is None:
        wanted = f"with the slug {slug!r}" if slug else "at all"
        raise NoInterviewSection(f"there is no interview section {wanted}")
    return section


def find_or_create_person(interviewee: Interviewee) -> Person:
    """Reuse the Person of that name (any case); a new one otherwise."""
    person = Person.objects.filter(name__iexact=interviewee.name).first()
    if person is None:
        person = Person(name=interviewee.name, role=interviewee.role)
        person.slug = unique_slug(Person.objects.all(), latin_slug(interviewee.name))
        person.save()
    elif not person.role and interviewee.role:
        person.role = interviewee.role
        person.save(update_fields=["role"])
    return person


def unique_slug(queryset, base: str) -> str:
    slug, suffix = base, 2
    while queryset.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


def body_stream(
    parsed: ParsedInterview, exchange_topics: Sequence[Sequence[str]] = ()
) -> list[tuple[str, object]]:
    """Exchanges in order, with each section heading placed before its exchange."""
    headings_before = {}
    for section in parsed.sections:
        headings_before.setdefault(section.before_qa_index, []).append(section.title)
    stream = []
    for position, exchange in enumerate(parsed.exchanges):
        stream.extend(("section", title) for title in headings_before.get(position, []))
        stream.append(
            (
                "exchange",
                {
                    "question": exchange.question,
                    "answer": paragraphs_to_rich_text(exchange.answer),
                    "topics": list(exchange_topics[position])
                    if position < len(exchange_topics)
                    else [],
                },
            )
        )
    trailing = [s for s in parsed.sections if s.before_qa_index >= len(parsed.exchanges)]
    stream.extend(("section", section.title) for section in trailing)
    return stream


@transaction.atomic
def create_interview(
    parsed: ParsedInterview,
    *,
    title: str | None = None,
    section: InterviewIndexPage | None = None,
    topics: Iterable[str] = (),
    exchange_topics: Sequence[Sequence[str]] = (),
    people: Sequence[tuple[Person, str]] | None = None,
    slug: str | None = None,
    publish: bool = False,
    go_live_at: datetime | None = None,
    user=None,
    interviewer: Person | None = None,
) -> InterviewPage:
    """Create the interview as a draft (or publish it), with its people and topics.

    `people` ((person, part) pairs) replaces the interviewee guessed from the text;
    `interviewer` (the importing user's Person) is added as the interviewer;
    `exchange_topics` gives each exchange, in order, its topic names. With `publish` and a
    future `go_live_at`, the page is scheduled rather than published now.
    """
    check_fits_the_editor(parsed)
    section = section or interview_section()
    title = (title or "").strip() or suggested_title(parsed)
    page = InterviewPage(
        title=title,
        slug=unique_slug(section.get_children(), slug or latin_slug(title)),
        # The lede is required on the page; without one the draft carries the title there,
        # and the import's "no lede" warning tells the editor to write it.
        lede=parsed.lede or title,
        intro=str(paragraphs_to_rich_text(parsed.intro)),
        body=body_stream(parsed, exchange_topics),
        import_fingerprint=parsed.fingerprint(),
        live=False,
        owner=user,
        go_live_at=go_live_at,
    )
    page.tags.add(*[topic for topic in topics if topic.strip()])
    if people is None:
        guest = parsed.interviewee
        people = [(find_or_create_person(guest), InterviewPerson.Part.INTERVIEWEE)] if guest else []
    if interviewer is not None and all(person != interviewer for person, _part in people):
        people = [*people, (interviewer, InterviewPerson.Part.INTERVIEWER)]
    for person, part in people:
        page.interview_people.add(InterviewPerson(person=person, part=part))
    section.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page
