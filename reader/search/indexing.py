"""Writing the readers' search index: every interview's entries, from its stored row.

One path for everything that changes a page (a save or publish through
InterviewPage.save, the corpus generator, the rebuild command): `index_pages(ids)`
reads the pages' rows, people and topics in four queries and rewrites their entries.
The page row is the live content of a published page (drafts live in revisions), and
what readers may see is filtered when searching, so indexing every page is safe.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from wagtail.rich_text import get_text_for_indexing

from interviews.models import InterviewPage, InterviewPageTag, InterviewPerson, Person
from interviews.stored_exchange import answers_html, stored_exchange
from reader.search.models import AnswerSearchEntry, InterviewSearchEntry, PersonSearchEntry
from reader.search.similar_words import remember
from reader.search.word_forms import index_tokens

BATCH_SIZE = 500


def tokens(*texts: str) -> str:
    return " ".join(token for text in texts if text for token in index_tokens(text))


def rich_text(html: str) -> str:
    return get_text_for_indexing(html) if html else ""


def block_texts(item: dict) -> list[str]:
    """What readers read in one stream block other than an exchange."""
    value = item.get("value")
    match item.get("type"):
        case "section":
            return [value or ""]
        case "paragraph":
            return [rich_text(value or "")]
        case "pull_quote":
            return [(value or {}).get("text", "")]
        case "key_figure":
            return [(value or {}).get("value", ""), (value or {}).get("label", "")]
        case "image":
            return [(value or {}).get("caption", "")]
    return []


def entries_for(page: InterviewPage, people: list[tuple[int, str, str]], topics: list[str]):
    """`people`: (person id, name, part) of each person in the interview."""
    interviewees = [name for _pk, name, part in people if part == InterviewPerson.Part.INTERVIEWEE]
    names = [name for _pk, name, _part in people]
    name_of = {pk: name for pk, name, _part in people}
    page_text: list[str] = [page.lede, rich_text(page.intro)]
    exchange_topics: list[str] = []
    answers = []
    for item in page.body.raw_data:
        if item.get("type") != "exchange":
            page_text += block_texts(item)
            continue
        value = item.get("value") or {}
        question, answer = value.get("question", ""), rich_text(answers_html(value))
        # "What X said about Y": the speakers' names are part of every answer (the guests'
        # where the answers record none).
        answering = stored_exchange(value).answers
        speakers = [name_of[a.speaker] for a in answering if a.speaker in name_of]
        topics_here = list(value.get("topics") or [])
        exchange_topics += topics_here
        page_text += [question, answer]
        if item.get("id"):
            answers.append(
                AnswerSearchEntry(
                    page_id=page.pk,
                    anchor=item["id"],
                    heading_tokens=tokens(question, *topics_here, *(speakers or interviewees)),
                    text_tokens=tokens(answer),
                )
            )
    whole = InterviewSearchEntry(
        page_id=page.pk,
        published_at=page.first_published_at,
        heading_tokens=tokens(page.title, *names, *topics, *dict.fromkeys(exchange_topics)),
        text_tokens=tokens(*page_text),
    )
    return whole, answers


def index_pages(page_ids: Iterable[int]) -> int:
    """Rewrite the entries of these interviews (missing ids just lose theirs)."""
    page_ids = list(page_ids)
    written = 0
    for start in range(0, len(page_ids), BATCH_SIZE):
        batch = page_ids[start : start + BATCH_SIZE]
        pages = InterviewPage.objects.filter(pk__in=batch).only(
            "title", "lede", "intro", "body", "first_published_at"
        )
        people = defaultdict(list)
        for page_id, person_id, name, part in (
            InterviewPerson.objects.filter(page__in=batch)
            .order_by("page", "sort_order")
            .values_list("page", "person", "person__name", "part")
        ):
            people[page_id].append((person_id, name, part))
        topics = defaultdict(list)
        for page_id, name in InterviewPageTag.objects.filter(content_object__in=batch).values_list(
            "content_object", "tag__name"
        ):
            topics[page_id].append(name)
        wholes, answers = [], []
        for page in pages:
            whole, its_answers = entries_for(page, people[page.pk], topics[page.pk])
            wholes.append(whole)
            answers += its_answers
        with transaction.atomic():
            InterviewSearchEntry.objects.filter(page__in=batch).delete()
            AnswerSearchEntry.objects.filter(page__in=batch).delete()
            InterviewSearchEntry.objects.bulk_create(wholes, batch_size=1000)
            AnswerSearchEntry.objects.bulk_create(answers, batch_size=2000)
            remember(token for whole in wholes for token in whole.heading_tokens.split())
        written += len(wholes) + len(answers)
    return written


def index_people(person_ids: Iterable[int]) -> None:
    people = Person.objects.filter(pk__in=list(person_ids)).only("name", "role", "organisation")
    entries = [
        PersonSearchEntry(
            person_id=person.pk,
            heading_tokens=tokens(person.name),
            text_tokens=tokens(person.role, person.organisation),
        )
        for person in people
    ]
    PersonSearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["person"],
        update_fields=["heading_tokens", "text_tokens"],
    )
    remember(token for entry in entries for token in entry.heading_tokens.split())


def rebuild(log=None) -> tuple[int, int]:
    """Every interview and person, from scratch (after a change to the word forms)."""
    ids = list(InterviewPage.objects.order_by("pk").values_list("pk", flat=True))
    InterviewSearchEntry.objects.exclude(page__in=ids).delete()
    AnswerSearchEntry.objects.exclude(page__in=ids).delete()
    for start in range(0, len(ids), BATCH_SIZE * 4):
        index_pages(ids[start : start + BATCH_SIZE * 4])
        if log:
            log(f"{min(start + BATCH_SIZE * 4, len(ids))}/{len(ids)} interviews")
    person_ids = list(Person.objects.values_list("pk", flat=True))
    for start in range(0, len(person_ids), BATCH_SIZE * 4):
        index_people(person_ids[start : start + BATCH_SIZE * 4])
    return len(ids), len(person_ids)
