"""Listing pages (home, section, topics, people): a fixed number of queries whatever the
archive's size, and their counts from the publishing pipeline, never a COUNT per request."""

import copy
import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from interviews.models import ExchangeExcerpt, InterviewPage, InterviewPerson
from publishing import pipeline
from reader.topics_and_people import INTERVIEWS_PER_PAGE
from tests.factories import make_interview
from tests.site_helpers import archive, news_site_client, person

pytestmark = pytest.mark.django_db

# The whole view, Wagtail's routing and serve included, after a first view that made the
# image renditions. The same at 5 interviews and at 50: nothing here grows with the archive.
QUERIES = {
    "/": 15,
    "/interviews/": 13,
    "/topics/": 2,
    "/topics/porty/": 13,  # the answers: their stored excerpts, then their speakers
    "/people/": 2,
    "/people/guest-0/": 11,
}


@pytest.fixture(autouse=True)
def client(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return news_site_client(settings)


def get(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("size", [5, 50])
def test_listing_pages_cost_the_same_queries_at_any_size(client, interview_section, size):
    archive(interview_section, size)
    counted = {}
    for path in QUERIES:
        get(client, path)  # renditions are made on the first view; count the views after it
        with CaptureQueriesContext(connection) as queries:
            html = get(client, path)
        statements = [query["sql"] for query in queries.captured_queries]
        counted[path] = len(statements)
        assert not [sql for sql in statements if "COUNT(" in sql.upper()], path
        assert html.select(".card, .people-list a, .topic-index a"), path
    assert counted == QUERIES


def pagination(html: BeautifulSoup) -> list[str]:
    """ "Page n of m" of each list on the page (a topic page has interviews and answers)."""
    return [span.text for span in html.select(".pagination span")]


def test_pagination_counts_come_from_the_pipeline(client, interview_section):
    pages = archive(interview_section, INTERVIEWS_PER_PAGE + 1)
    assert pagination(get(client, "/topics/porty/")) == ["Страница 1 из 2"] * 2
    second = get(client, "/topics/porty/?page=2")
    assert "Страница 2 из 2" in pagination(second)
    assert len(second.select(".card")) == 1

    for page in pages[:2]:
        InterviewPage.objects.get(pk=page.pk).unpublish()
    # Unpublished, the pipeline not run yet: the page shows only what is readable; the
    # count is the stored one until the pipeline recounts.
    html = get(client, "/topics/porty/")
    assert pagination(html) == ["Страница 1 из 2"] * 2
    titles = [a.text for a in html.select(".card__title a")]
    assert "Интервью 0" not in titles and "Интервью 1" not in titles and "Интервью 2" in titles
    pipeline.run(pages[0].pk)
    assert pagination(get(client, "/topics/porty/")) == []
    people = get(client, "/people/").select(".people-list a")
    assert [a.text for a in people] == ["Гость 0", "Гость 1", "Гость 2"]


def test_a_topic_the_pipeline_has_not_counted_yet_is_listed(client, interview_section):
    archive(interview_section, 2)
    make_interview(interview_section, title="Новое", topics=["маяки"], publish=True)
    html = get(client, f"/topics/{Tag.objects.get(name='маяки').slug}/")
    assert [a.text for a in html.select(".card__title a")] == ["Новое"]


def test_a_topic_counts_the_same_on_every_page(client, interview_section):
    """One definition of a topic's interviews (on the page or on an exchange): the front
    page's rail, the topic index, the topic page and the API agree."""
    from newsroom import front_page

    on_the_page = make_interview(interview_section, title="На странице", topics=["паромы"])
    on_an_exchange = make_interview(
        interview_section, title="В ответе", exchange_topics=[["паромы"]]
    )
    for page in (on_the_page, on_an_exchange):
        page.save_revision().publish()
    pipeline.run(on_an_exchange.pk)
    ferries = Tag.objects.get(name="паромы")

    rail = next(t for t in front_page.stored_snapshot()["topics"] if t["tag"] == ferries.pk)
    assert rail["interviews"] == 2
    assert set(rail["latest"]) == {on_the_page.pk, on_an_exchange.pk}
    api = client.get("/api/v2/topics/").json()
    assert next(t for t in api["items"] if t["slug"] == ferries.slug)["interview_count"] == 2
    topic_page = get(client, f"/topics/{ferries.slug}/")
    assert {card.text.strip() for card in topic_page.select(".card h3")} >= {
        "На странице",
        "В ответе",
    }


def answer_texts(html: BeautifulSoup) -> list[str]:
    return [p.text for p in html.select(".answer__excerpt")]


def rewrite_first_answer(page: InterviewPage, text: str) -> None:
    body = copy.deepcopy(list(page.body.raw_data))
    body[0]["value"]["answers"][0]["value"]["text"] = f"<p>{text}</p>"
    page.body = body


def test_topic_and_person_pages_quote_the_published_answer_never_a_draft(client, interview_section):
    guest = person("Гость", "guest")
    page = make_interview(
        interview_section,
        exchange_topics=[["маяки"], []],
        people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
        publish=True,
    )
    topic = f"/topics/{Tag.objects.get(name='маяки').slug}/"
    assert answer_texts(get(client, topic)) == [
        "Рекордным. Мы отгрузили 1,2 млн тонн – вдвое больше, чем год назад. Основной прирост "
        "дали новые элеваторы в Мангистау."
    ]

    page = InterviewPage.objects.get(pk=page.pk)
    rewrite_first_answer(page, "Исправленный ответ.")
    revision = page.save_revision()
    for path in (topic, "/people/guest/"):
        assert "Исправленный ответ." not in answer_texts(get(client, path)), path

    revision.publish()
    assert answer_texts(get(client, topic)) == ["Исправленный ответ."]
    assert answer_texts(get(client, "/people/guest/"))[0] == "Исправленный ответ."


def test_a_long_answer_is_quoted_by_its_first_forty_words(client, interview_section):
    page = make_interview(interview_section, exchange_topics=[["маяки"], []], publish=True)
    rewrite_first_answer(page, " ".join(f"слово{n}" for n in range(60)))
    page.save_revision().publish()
    (quoted,) = answer_texts(get(client, f"/topics/{Tag.objects.get(name='маяки').slug}/"))
    assert quoted.split() == [*(f"слово{n}" for n in range(39)), "слово39…"]


EXCERPTS_MIGRATION = importlib.import_module("interviews.migrations.0012_exchange_excerpts")


def test_interviews_published_before_the_excerpts_were_stored_show_their_answers(
    client, interview_section
):
    archive(interview_section, 3)
    before = {path: get(client, path) for path in ("/topics/porty/", "/people/guest-0/")}
    ExchangeExcerpt.objects.all().delete()
    assert answer_texts(get(client, "/topics/porty/")) == []

    EXCERPTS_MIGRATION.fill(apps, None)
    for path, html in before.items():
        assert answer_texts(get(client, path)) == answer_texts(html) != [], path


def test_people_and_topics_are_listed_in_the_kazakh_and_russian_alphabet(client, interview_section):
    """Ә after А, Қ after К, Ұ and Ү after У, whatever the database's collation (the
    embedded PostgreSQL has no ICU: sorted by code point, they came after Я)."""
    names = ["Ярослав Ли", "Қайрат Ахмет", "Анна Ким", "Үміт Сейіт", "Әсел Сәрсенова"]
    names += ["Кирилл Ом", "Улан Бек", "Ұлан Ғали"]
    topics = ["яблоки", "қала", "әуежай", "аэропорты", "кино"]
    for n, name in enumerate(names):
        guest = person(name, f"guest-{n}")
        make_interview(
            interview_section,
            title=f"Интервью {n}",
            topics=[topics[n % len(topics)]],
            people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
            publish=True,
        )
    people = [a.text for a in get(client, "/people/").select(".people-list a")]
    assert people == [
        "Анна Ким",
        "Әсел Сәрсенова",
        "Кирилл Ом",
        "Қайрат Ахмет",
        "Улан Бек",
        "Ұлан Ғали",
        "Үміт Сейіт",
        "Ярослав Ли",
    ]
    listed = [a.text.strip() for a in get(client, "/topics/").select("main li a")]
    assert listed == ["аэропорты", "әуежай", "кино", "қала", "яблоки"]
