"""The search evaluation set: interviews, queries in word forms they do not contain, and
the interviews (and answers) each query must find. Shared by tests/test_search_quality.py
and `python -m tests.search_eval.evaluation` (prints the table for docs/search.md).

The corpus is the demo (interviews/demo/) plus three original interviews here, two in
Kazakh and one in Russian with surnames in every gender. Each query is scored for our
search (reader.search) and for Wagtail's stock PostgreSQL backend (the `russian` config
the site used before), over the same readable interviews.
"""

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.management import call_command

from interviews.importer import parse_interview
from interviews.models import InterviewPage, InterviewPerson, Person
from interviews.services import create_interview
from reader.search.query import ANSWERS_PER_INTERVIEW, Filters, find, interview_hits

HERE = Path(__file__).parent
DEMO_DIR = Path(__file__).resolve().parents[2] / "interviews" / "demo"
TOP = 3


@dataclass(frozen=True)
class Query:
    q: str
    lang: str
    interview: str  # slug
    answer: str | None  # a piece of the question of the answer it must find
    misspelt: bool = False  # a name or topic typed slightly wrong (reader.search.similar_words)


def queries() -> list[Query]:
    return [Query(**item) for item in json.loads((HERE / "queries.json").read_text())]


def load_corpus() -> None:
    call_command("load_demo", "--no-admin", verbosity=0)
    for entry in json.loads((HERE / "manifest.json").read_text()):
        person, _ = Person.objects.get_or_create(
            slug=entry["interviewee"]["slug"], defaults={"name": entry["interviewee"]["name"]}
        )
        page = create_interview(
            parse_interview((HERE / entry["file"]).read_text(encoding="utf-8")),
            title=entry["title"],
            slug=entry["slug"],
            topics=entry["topics"],
            people=[(person, InterviewPerson.Part.INTERVIEWEE)],
            publish=True,
        )
        published = datetime.fromisoformat(entry["first_published_at"])
        InterviewPage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )


def source_texts() -> dict[str, str]:
    """Each interview's text as written, to check the queries are not in it verbatim."""
    texts = {}
    for folder in (DEMO_DIR, HERE):
        for entry in json.loads((folder / "manifest.json").read_text()):
            texts[entry["slug"]] = entry["title"] + "\n" + (folder / entry["file"]).read_text()
    return texts


def verbatim_words(query: Query, text: str) -> list[str]:
    """The query's words that the text contains exactly as typed (any case)."""
    present = {word.casefold() for word in re.findall(r"\w+(?:['’]\w+)*", text)}
    return [w for w in re.findall(r"\w+(?:['’]\w+)*", query.q) if w.casefold() in present]


def ours(query: Query) -> tuple[list[str], list[str]]:
    """Interview slugs in rank order, and the anchors shown under the expected interview."""
    found = find(query.q, Filters())
    slugs = dict(InterviewPage.objects.filter(pk__in=found.interview_ids).values_list("pk", "slug"))
    ranked = [slugs[pk] for pk in found.interview_ids]
    expected = InterviewPage.objects.get(slug=query.interview)
    anchors = []
    if expected.pk in found.interview_ids[:TOP]:
        anchors = [
            answer.anchor for hit in interview_hits([expected.pk], found) for answer in hit.answers
        ]
    return ranked, anchors[:ANSWERS_PER_INTERVIEW]


def stock(query: Query) -> list[str]:
    """Wagtail's backend as configured before (PostgreSQL, 'russian'), same interviews."""
    # Wagtail's backend filters only on indexed fields, so readability (view restrictions,
    # expiry) is checked on what it found, as the site's search did before.
    found = [page.pk for page in InterviewPage.objects.live().search(query.q)[:50]]
    readable = InterviewPage.objects.readable().in_bulk(found)
    return [readable[pk].slug for pk in found if pk in readable]


def answer_anchor(query: Query) -> str | None:
    if not query.answer:
        return None
    page = InterviewPage.objects.get(slug=query.interview)
    for exchange in page.exchanges:
        if query.answer.casefold() in exchange.question.casefold():
            return exchange.anchor
    raise LookupError(f"no question with {query.answer!r} in {query.interview}")


def reciprocal_rank(ranked: list, wanted) -> float:
    return 1 / (ranked.index(wanted) + 1) if wanted in ranked else 0.0


@dataclass
class Scores:
    success: float  # share of queries whose interview is in the top 3
    mrr: float
    answer_success: float | None = None  # share whose answer is shown under it
    answer_mrr: float | None = None
    misses: tuple = ()


def score(results: list[tuple[Query, list[str]]]) -> Scores:
    ranks = [reciprocal_rank(ranked, q.interview) for q, ranked in results]
    return Scores(
        success=sum(1 for r in ranks if r >= 1 / TOP) / len(ranks),
        mrr=sum(ranks) / len(ranks),
        misses=tuple(q.q for (q, _), r in zip(results, ranks, strict=True) if r < 1 / TOP),
    )


def in_group(query: Query, group: str) -> bool:
    return group == "all" or query.lang == group or (group == "misspelt" and query.misspelt)


def evaluate(languages=("ru", "kk", "en")) -> dict[str, dict[str, Scores]]:
    """{"ours"/"stock": {"all"/"ru"/"kk"/"en"/"misspelt": Scores}}; the corpus must be loaded."""
    table: dict[str, dict[str, Scores]] = {"ours": {}, "stock": {}}
    rows = []
    for query in queries():
        ranked, anchors = ours(query)
        wanted = answer_anchor(query)
        rows.append((query, ranked, stock(query), anchors, wanted))
    for group in ("all", *languages, "misspelt"):
        picked = [row for row in rows if in_group(row[0], group)]
        mine = score([(q, ranked) for q, ranked, _s, _a, _w in picked])
        if with_answers := [(a, w) for _q, _r, _s, a, w in picked if w]:
            mine.answer_success = sum(1 for a, w in with_answers if w in a) / len(with_answers)
            mine.answer_mrr = sum(reciprocal_rank(a, w) for a, w in with_answers) / len(
                with_answers
            )
        table["ours"][group] = mine
        table["stock"][group] = score([(q, s) for q, _r, s, _a, _w in picked])
    return table


def markdown(table) -> str:
    lines = [
        "| queries | ours success@3 | ours MRR | answers shown | answer MRR "
        "| Wagtail stock success@3 | stock MRR |",
        "|---|---|---|---|---|---|---|",
    ]
    for group in table["ours"]:
        o, s = table["ours"][group], table["stock"][group]
        count = sum(1 for q in queries() if in_group(q, group))
        answers = (
            f"{o.answer_success:.2f} | {o.answer_mrr:.2f}"
            if o.answer_success is not None
            else "– | –"
        )
        lines.append(
            f"| {group} ({count}) | {o.success:.2f} | {o.mrr:.2f} | {answers} "
            f"| {s.success:.2f} | {s.mrr:.2f} |"
        )
    return "\n".join(lines)
