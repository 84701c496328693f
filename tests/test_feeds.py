"""Feeds, sitemaps and robots.txt: what aggregators and crawlers read."""

from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from interviews.models import InterviewPage, InterviewPerson
from tests.factories import ENGLISH_QA_INTERVIEW, make_interview
from tests.site_helpers import news_site_client, person

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWS_NS = {**SITEMAP_NS, "n": "http://www.google.com/schemas/sitemap-news/0.9"}


@pytest.fixture(autouse=True)
def client(settings):
    return news_site_client(settings)


@pytest.fixture
def interviews(interview_section):
    host = person("Анна Ким", "anna-kim")
    russian = make_interview(
        interview_section,
        title="Рекорд Курыка",
        topics=["порты"],
        exchange_topics=[["тарифы"], []],
        people=[(host, InterviewPerson.Part.INTERVIEWER)],
        publish=True,
    )
    english = make_interview(
        interview_section,
        text=ENGLISH_QA_INTERVIEW,
        title="Wind",
        topics=["энергетика"],
        publish=True,
    )
    draft = make_interview(interview_section, title="Черновик", topics=["порты"])
    return russian, english, draft


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/", "/en/feed/", "/en/feed/atom/"])
def test_site_feeds_parse_cleanly_with_stable_guids(client, interviews, url):
    russian, english, _draft = interviews
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == ("en" if url.startswith("/en/") else "ru")
    ids = [entry.id for entry in feed.entries]
    assert ids == [f"urn:uuid:{english.translation_key}", f"urn:uuid:{russian.translation_key}"]
    titles = [entry.title for entry in feed.entries]
    assert "Черновик" not in titles
    first_russian = next(entry for entry in feed.entries if entry.title == "Рекорд Курыка")
    with translation.override("en" if url.startswith("/en/") else "ru"):
        assert first_russian.link == f"http://news.example{russian.url}"
    assert first_russian.author == "Анна Ким"
    assert "порты" in [tag.term for tag in first_russian.tags]


def test_guid_survives_a_move_to_another_section(client, interviews):
    from interviews.models import InterviewIndexPage

    russian, _english, _draft = interviews
    before = feedparser.parse(client.get("/feed/").content).entries[1].id
    page = InterviewPage.objects.get(pk=russian.pk)
    archive = (
        page.get_parent()
        .get_parent()
        .add_child(instance=InterviewIndexPage(title="Архив", slug="archive"))
    )
    page.move(archive, pos="last-child")
    after = feedparser.parse(client.get("/feed/").content).entries[1]
    assert after.id == before and after.link.endswith(f"/archive/{page.slug}/")


@pytest.mark.parametrize("kind", ["topic_feed_rss", "topic_feed_atom"])
def test_topic_feeds_include_exchange_topics(client, interviews, kind):
    feed = feedparser.parse(client.get(reverse(kind, args=["tarify"])).content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Рекорд Курыка"]
    assert client.get(reverse(kind, args=["no-such-topic"])).status_code == 404


def test_sitemap_index_and_sections_list_only_readable_urls(client, interviews):
    russian, english, draft = interviews
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert sections == [
        "http://news.example/sitemap-pages.xml",
        "http://news.example/sitemap-topics.xml",
        "http://news.example/sitemap-people.xml",
    ]
    pages = ElementTree.fromstring(client.get("/sitemap-pages.xml").content)
    locations = [loc.text for loc in pages.findall("s:url/s:loc", SITEMAP_NS)]
    assert f"http://news.example{russian.url}" in locations
    assert f"http://news.example{english.url}" in locations
    assert f"http://news.example{draft.url}" not in locations
    assert "http://news.example/" in locations
    assert pages.find("s:url/s:lastmod", SITEMAP_NS) is not None
    topics = client.get("/sitemap-topics.xml").content.decode()
    assert "/topics/" in topics
    people = client.get("/sitemap-people.xml").content.decode()
    assert "http://news.example/people/anna-kim/" in people


def test_news_sitemap_holds_the_last_two_days(client, interviews):
    russian, english, _draft = interviews
    InterviewPage.objects.filter(pk=english.pk).update(
        first_published_at=timezone.now() - timedelta(days=3)
    )
    tree = ElementTree.fromstring(client.get("/news-sitemap.xml").content)
    urls = tree.findall("s:url", NEWS_NS)
    assert [url.find("s:loc", NEWS_NS).text for url in urls] == [
        f"http://news.example{russian.url}"
    ]
    news = urls[0].find("n:news", NEWS_NS)
    assert news.find("n:title", NEWS_NS).text == "Рекорд Курыка"
    assert news.find("n:publication/n:language", NEWS_NS).text == "ru"
    assert news.find("n:publication/n:name", NEWS_NS).text == "Newsroom"
    assert news.find("n:publication_date", NEWS_NS).text.startswith(str(timezone.now().year))


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://news.example/sitemap.xml" in text
    assert "Sitemap: http://news.example/news-sitemap.xml" in text
