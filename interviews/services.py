"""Turning a parsed interview into a Wagtail page: the one path every import takes.

The admin's "Import interview", the import_interview command and load_demo all call
create_interview(); none of them builds pages on its own.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape
from wagtail.rich_text import RichText

from interviews.exchange import Answer
from interviews.importer import Interviewee, ParsedInterview
from interviews.importer.names import is_person_name, name_forms
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
# deleted fields, plus one per value (question, topics, and the count of each list for an
# exchange; the title for a section), with one to spare; and each item of an exchange's
# lists its own id, order and deleted fields plus its values (an answer's speaker and text,
# a host). The rest of the page (title, slug, lede, people, comments, scheduling …) stays
# well under EDITOR_PAGE_FIELDS.
EDITOR_FIELDS_PER_EXCHANGE = 9
EDITOR_FIELDS_PER_ANSWER = 5
EDITOR_FIELDS_PER_HOST = 4
EDITOR_FIELDS_PER_SECTION = 6
EDITOR_PAGE_FIELDS = 500


def editor_fields(parsed: ParsedInterview) -> int:
    """How many fields the page editor will post for this interview."""
    exchanges = sum(
        EDITOR_FIELDS_PER_EXCHANGE
        + EDITOR_FIELDS_PER_ANSWER * max(1, len(exchange.answers))
        + EDITOR_FIELDS_PER_HOST * len(exchange.asked_by)
        for exchange in parsed.exchanges
    )
    return EDITOR_PAGE_FIELDS + EDITOR_FIELDS_PER_SECTION * len(parsed.sections) + exchanges


def max_exchanges_in_the_editor(sections: int = 0) -> int:
    """How many exchanges of one answer each, with nobody named asking, the editor can save."""
    budget = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS - EDITOR_PAGE_FIELDS
    per_exchange = EDITOR_FIELDS_PER_EXCHANGE + EDITOR_FIELDS_PER_ANSWER
    return (budget - EDITOR_FIELDS_PER_SECTION * sections) // per_exchange


def check_fits_the_editor(parsed: ParsedInterview) -> None:
    """Refuse, before a draft exists, an interview whose editor form Django would reject
    (DATA_UPLOAD_MAX_NUMBER_FIELDS): it would import, then never save."""
    if editor_fields(parsed) > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:
        raise TooLongForTheEditor(
            len(parsed.exchanges), max_exchanges_in_the_editor(len(parsed.sections))
        )


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


def find_person(name: str) -> Person | None:
    """The Person a name in any case or form refers to ("Азера Бадамова", "АЗЕР БАДАМОВ" ->
    Азер Бадамов), by their name or English name; the most likely form wins. Every import
    finds people through here."""
    forms = name_forms(name)
    if not forms or not forms[0]:
        return None
    matches = Q()
    for form in forms:
        matches |= Q(name__iexact=form) | Q(name_en__iexact=form)
    candidates = list(Person.objects.filter(matches).order_by("pk"))
    for form in forms:
        for person in candidates:
            if goes_by(person, [form]):
                return person
    return None


def goes_by(person: Person, forms: Iterable[str]) -> bool:
    """Whether the person's name or English name is one of these forms, case aside."""
    names = {person.name.casefold(), (person.name_en or "").casefold()} - {""}
    return any(form.casefold() in names for form in forms)


def find_or_create_person(interviewee: Interviewee) -> Person:
    """Reuse the Person of that name (in any case or form); a new one otherwise."""
    person = find_person(interviewee.name)
    if person is None:
        return new_person(interviewee)
    if not person.role and interviewee.role:
        person.role = interviewee.role
        person.save(update_fields=["role"])
    return person


def new_person(interviewee: Interviewee) -> Person:
    person = Person(name=interviewee.name, role=interviewee.role)
    person.slug = unique_slug(Person.objects.all(), latin_slug(interviewee.name))
    person.save()
    return person


def unique_slug(queryset, base: str) -> str:
    slug, suffix = base, 2
    while queryset.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


class Speakers:
    """The Person each speaker's name in one interview stands for, looked up once per name.

    The interview's own people come first ("АЗЕР БАДАМОВ", "Азера Бадамова" are its guest
    Азер Бадамов), then every Person on file (find_person). A name no one has gets a new
    Person only when it is a person's full name: a reader's first name, an outlet's
    masthead, a headline fragment or a possessive is left unnamed.
    """

    def __init__(self, people: Iterable[Person] = ()):
        self.people = list(people)
        self.found: dict[str, Person | None] = {}

    def stand_for(self, name: str, person: Person) -> None:
        """From now on `name` is this person, whatever Person has that name."""
        self.found[name] = person

    def __call__(self, name: str | None) -> Person | None:
        if not name:
            return None
        if name not in self.found:
            self.found[name] = self.look_up(name)
        return self.found[name]

    def look_up(self, name: str) -> Person | None:
        forms = name_forms(name)
        for person in self.people:
            if goes_by(person, forms):
                return person
        person = find_person(name)
        if person is None:
            if not is_person_name(name):
                return None
            person = new_person(Interviewee(name, ""))
        self.people.append(person)
        return person


def body_stream(
    parsed: ParsedInterview,
    exchange_topics: Sequence[Sequence[str]] = (),
    speakers: Speakers | None = None,
    guests: Sequence[Person] = (),
) -> list[tuple[str, object]]:
    """Exchanges in order, with each section heading placed before its exchange.

    Each exchange records who asked and, per answering turn, who answered. With one guest
    (`guests`, the page's interviewees), answers the text leaves unattributed are theirs,
    and so are those under the name the importer found for its one guest: the editor may
    have chosen the Person the name stands for.
    """
    speakers = speakers or Speakers()
    the_guest = guests[0] if len(guests) == 1 else None
    found = interviewees_of(parsed)
    if the_guest is not None and len(found) == 1:
        speakers.stand_for(found[0].name, the_guest)
    headings_before = {}
    for section in parsed.sections:
        headings_before.setdefault(section.before_qa_index, []).append(section.title)
    stream = []
    for position, exchange in enumerate(parsed.exchanges):
        stream.extend(("section", title) for title in headings_before.get(position, []))
        # The block wants one answer at least: an unanswered question gets an empty one.
        answers = exchange.answers or (Answer(None, ()),)
        stream.append(
            (
                "exchange",
                {
                    "question": exchange.question,
                    "asked_by": list(
                        dict.fromkeys(p for p in map(speakers, exchange.asked_by) if p)
                    ),
                    "answers": [
                        {
                            "speaker": speakers(answer.speaker) if answer.speaker else the_guest,
                            "text": paragraphs_to_rich_text(answer.text),
                        }
                        for answer in answers
                    ],
                    "topics": list(exchange_topics[position])
                    if position < len(exchange_topics)
                    else [],
                },
            )
        )
    trailing = [s for s in parsed.sections if s.before_qa_index >= len(parsed.exchanges)]
    stream.extend(("section", section.title) for section in trailing)
    return stream


def interviewees_of(parsed: ParsedInterview) -> tuple[Interviewee, ...]:
    """Every guest the importer found, the main one first."""
    if parsed.interviewees:
        return parsed.interviewees
    return (parsed.interviewee,) if parsed.interviewee else ()


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
    lead_image=None,
    lead_image_caption: str = "",
    lead_image_credit: str = "",
) -> InterviewPage:
    """Create the interview as a draft (or publish it), with its people and topics.

    `people` ((person, part) pairs) replaces the interviewees guessed from the text; the
    hosts the text names asking are added as interviewers, and `interviewer` (the importing
    user's Person) when it names none; `lead_image` (a Wagtail image) with its caption and
    credit, as the review screen gives them;
    `exchange_topics` gives each exchange, in order, its topic names. With `publish` and a
    future `go_live_at`, the page is scheduled rather than published now.
    """
    check_fits_the_editor(parsed)
    section = section or interview_section()
    title = (title or "").strip() or suggested_title(parsed)
    if people is None:
        guests = [find_or_create_person(guest) for guest in interviewees_of(parsed)]
        people = [(guest, InterviewPerson.Part.INTERVIEWEE) for guest in dict.fromkeys(guests)]
    speakers = Speakers(person for person, _part in people)
    guests = [person for person, part in people if part == InterviewPerson.Part.INTERVIEWEE]
    body = body_stream(parsed, exchange_topics, speakers, guests)
    # Whoever the text shows asking is an interviewer; the importing user's Person only
    # when the text names nobody.
    hosts = dict.fromkeys(
        host for _type, value in body if _type == "exchange" for host in value["asked_by"]
    )
    if not hosts and interviewer is not None:
        hosts = {interviewer: None}
    named = {person for person, _part in people}
    people = [
        *people,
        *((host, InterviewPerson.Part.INTERVIEWER) for host in hosts if host not in named),
    ]
    page = InterviewPage(
        title=title,
        slug=unique_slug(section.get_children(), slug or latin_slug(title)),
        # The lede is required on the page; without one the draft carries the title there,
        # and the import's "no lede" warning tells the editor to write it.
        lede=parsed.lede or title,
        intro=str(paragraphs_to_rich_text(parsed.intro)),
        body=body,
        import_fingerprint=parsed.fingerprint(),
        live=False,
        owner=user,
        go_live_at=go_live_at,
        lead_image=lead_image,
        lead_image_caption=lead_image_caption,
        lead_image_credit=lead_image_credit,
    )
    page.tags.add(*[topic for topic in topics if topic.strip()])
    for person, part in people:
        page.interview_people.add(InterviewPerson(person=person, part=part))
    section.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page
