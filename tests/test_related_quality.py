"""The quality gate for related articles: precision@3 on story threads.

tests/fixtures/related/articles.txt holds 38 short original interviews in nine story
threads. An article's relevant neighbours are the other articles of its thread; a list is
judged by how many of its first three are. The threads are built to mislead topic overlap
alone: several share broad topics (Каспий, порты, энергетика, климат, energy), some people
appear in two threads, and in every thread one article is tagged differently.
"""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from interviews import related
from interviews.importer import parse_interview
from interviews.models import InterviewPage, InterviewPerson, Person
from interviews.services import create_interview

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).parent / "fixtures" / "related" / "articles.txt"
TOP = 3


@dataclass
class EvaluationArticle:
    slug: str
    thread: str
    published: datetime
    topics: list[str]
    people: list[str]
    exchange_topics: list[list[str]]
    text: str


def read_articles(path: Path = ARTICLES) -> list[EvaluationArticle]:
    articles, lines = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            lines = []
            slug, thread, date, topics, people, exchanges = line[4:].split(" | ")
            articles.append(
                EvaluationArticle(
                    slug=slug,
                    thread=thread,
                    published=datetime.fromisoformat(f"{date}T10:00:00+05:00"),
                    topics=names(topics),
                    people=[name.strip() for name in people.split(";")],
                    exchange_topics=[names(group) for group in exchanges.split("/")],
                    text="",
                )
            )
        elif lines is not None:
            articles[-1].text += line + "\n"
    return articles


def names(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def publish(article: EvaluationArticle, section) -> InterviewPage:
    parsed = parse_interview(article.text)
    people = [
        (Person.objects.get_or_create(name=name)[0], InterviewPerson.Part.INTERVIEWEE)
        for name in article.people
    ]
    page = create_interview(
        parsed,
        section=section,
        slug=article.slug,
        topics=article.topics,
        exchange_topics=article.exchange_topics,
        people=people,
        publish=True,
    )
    InterviewPage.objects.filter(pk=page.pk).update(
        first_published_at=article.published, last_published_at=article.published
    )
    return page


def precision_at_3(pages, threads, weights) -> float:
    """Mean over articles of: how many of its first three are from its own thread, / 3."""
    thread_of = {page.pk: threads[page.pk] for page in pages}
    total = 0.0
    for page in pages:
        top = related.related_articles(page.pk, weights=weights, limit=TOP)
        total += sum(thread_of[s.page_id] == thread_of[page.pk] for s in top) / TOP
    return total / len(pages)


def test_the_blend_beats_topic_overlap_on_story_threads(interview_section):
    articles = sorted(read_articles(), key=lambda article: article.published)
    assert len(articles) == 38 and len({a.thread for a in articles}) == 9
    pages, threads = [], {}
    for article in articles:  # published in date order, each relinked as publishing does
        page = publish(article, interview_section)
        related.relink(page.pk)
        pages.append(page)
        threads[page.pk] = article.thread

    blend = precision_at_3(pages, threads, related.BLEND)
    topics_only = precision_at_3(pages, threads, related.TOPICS_ONLY)
    wording_only = precision_at_3(pages, threads, related.Weights(topics=0, people=0, wording=1))
    people_only = precision_at_3(pages, threads, related.Weights(topics=0, people=1, wording=0))
    print(
        f"\nprecision@3: blend {blend:.3f}, topic overlap alone {topics_only:.3f}"
        f" (wording alone {wording_only:.3f}, people alone {people_only:.3f})"
    )

    assert blend > topics_only
    assert blend >= 0.8
    # What readers get is the stored list, built incrementally as the pages were published:
    # it must be as good as the blend computed afresh.
    stored = 0.0
    for page in pages:
        shown = page.related_pages(limit=TOP)
        stored += sum(threads[other.pk] == threads[page.pk] for other in shown) / TOP
    assert stored / len(pages) >= 0.8
