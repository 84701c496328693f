"""The readers' site: pages, what they show, what they never show, and what they cost."""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from interviews.models import InterviewPage, InterviewPerson
from publishing import pipeline
from reader.cache import purge_pages
from tests.factories import ENGLISH_QA_INTERVIEW, make_interview
from tests.site_helpers import long_interview, person

pytestmark = pytest.mark.django_db

MAX_INTERVIEW_QUERIES = 10


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    cache.clear()
    # A request activates its language in this thread and leaves it active; page.url
    # in a test must not depend on which test ran before.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def published(interview_section):
    guest = person("Нурлан Абенов", "nurlan-abenov", role="директор ассоциации")
    host = person("Анна Ким", "anna-kim")
    page = make_interview(
        interview_section,
        title="Рекорд Курыка",
        topics=["порты", "зерно"],
        exchange_topics=[["порты", "Зерно"], ["тарифы"]],
        people=[
            (guest, InterviewPerson.Part.INTERVIEWEE),
            (host, InterviewPerson.Part.INTERVIEWER),
        ],
        publish=True,
    )
    return page


def text_of(response) -> str:
    return response.content.decode()


def test_home_lists_latest_interviews_topics_and_people(client, published):
    response = client.get("/")
    html = text_of(response)
    assert response.status_code == 200
    assert "Рекорд Курыка" in html
    assert 'href="/topics/' in html
    assert 'href="/people/nurlan-abenov/"' in html


def test_interview_page_reads_as_a_structured_interview(client, published):
    response = client.get(published.url)
    html = text_of(response)
    assert response.status_code == 200
    first = published.exchanges[0]
    # Each exchange is an anchored section, listed in the table of questions.
    assert f'id="{first.short_id}"' in html
    assert f'id="{first.anchor}"' in html  # links made before short ids still land
    assert f'href="#{first.short_id}"' in html
    assert html.count('class="exchange__question"') == 2
    # Exchange topics link to their topic pages; people link to their pages.
    assert f'href="{reverse("topic", args=["tarify"])}"' in html
    assert 'href="/people/nurlan-abenov/"' in html
    assert 'href="/people/anna-kim/"' in html
    assert "директор ассоциации" in html
    assert '<html lang="ru"' in html


def test_an_exchange_renders_the_same_outside_its_page(client, published):
    """ExchangeBlock.get_context finds its own heading level and topic links: the block
    rendered alone (a preview, another page) matches the interview page's rendering."""
    html = text_of(client.get(published.url))
    block = next(child for child in published.body if child.block_type == "exchange")
    alone = Template("{% load wagtailcore_tags %}{% include_block block %}").render(
        Context({"block": block})
    )
    assert '<h2 class="exchange__question">' in alone
    assert f'href="{reverse("topic", args=["porty"])}"' in alone
    assert 'href="/topics/zerno/">Зерно</a>' in alone  # the stored case, linked to its topic
    assert alone.split("<footer")[0] in html


def test_interview_language_marks_english_content(client, interview_section):
    page = make_interview(interview_section, text=ENGLISH_QA_INTERVIEW, title="Wind", publish=True)
    html = text_of(client.get(page.url))
    assert '<article class="interview" lang="en">' in html


def test_english_interface_lives_under_en(client, published):
    url = published.url
    russian = text_of(client.get(url))
    english = text_of(client.get("/en" + url))
    assert "Вопросы" in russian and "Поиск" in russian
    assert "Questions" in english and '<html lang="en"' in english
    # The English page's links stay in English; the canonical URL is the default one.
    assert 'href="/en/topics/' in english
    assert f'<link rel="canonical" href="http://localhost{url}">' in english


def test_topic_page_gathers_interviews_and_answers_across_the_archive(
    client, published, interview_section
):
    other = make_interview(
        interview_section, text=ENGLISH_QA_INTERVIEW, exchange_topics=[["тарифы"], []], publish=True
    )
    response = client.get("/topics/")
    assert response.status_code == 200
    slug = re.search(r'href="/topics/([^"/]+)/">тарифы<', text_of(response)).group(1)

    html = text_of(client.get(f"/topics/{slug}/"))
    assert "Что мешает расти дальше?" in html  # an answer from the first interview
    assert "What is the bottleneck now?" not in html  # that exchange has no topic
    assert "How much capacity came online this year?" in html
    assert f"{other.url}#{other.exchanges[0].short_id}" in html
    assert client.get("/topics/no-such-topic/").status_code == 404


def test_person_page_lists_interviews_and_answers(client, published):
    html = text_of(client.get("/people/nurlan-abenov/"))
    assert "Рекорд Курыка" in html
    assert f"{published.url}#{published.exchanges[1].short_id}" in html
    assert "Что мешает расти дальше?" in html
    host_html = text_of(client.get("/people/anna-kim/"))
    assert "Рекорд Курыка" in host_html
    assert client.get("/people/nobody/").status_code == 404


def test_search_finds_russian_word_forms_and_names(client, published, interview_section):
    make_interview(interview_section, text=ENGLISH_QA_INTERVIEW, title="Wind farms", publish=True)
    html = text_of(client.get("/search/", {"q": "Абенов"}))
    assert 'href="/people/nurlan-abenov/"' in html
    assert "Рекорд Курыка" in html
    assert "Wind farms" not in html
    html = text_of(client.get("/search/", {"q": "storage"}))
    assert "Wind farms" in html
    empty = client.get("/search/")
    assert empty.status_code == 200


def test_search_stems_russian(client, published):
    # "рекорды" has the same lemma as "Рекорд" in the title, which is shown marked.
    html = text_of(client.get("/search/", {"q": "рекорды"}))
    assert f'href="{published.url}"><mark>Рекорд</mark> Курыка' in html


def test_pagination_of_the_section(client, interview_section):
    for n in range(13):
        make_interview(interview_section, title=f"Интервью {n}", publish=True)
    first = text_of(client.get("/interviews/"))
    assert 'rel="next" href="?page=2"' in first
    second = client.get("/interviews/?page=2")
    assert "Интервью 0" in text_of(second)


def test_not_found_page_is_helpful(client, published):
    response = client.get("/interviews/no-such-interview/")
    assert response.status_code == 404
    assert "Страница не найдена" in text_of(response)
    assert 'href="/search/"' in text_of(response)


# --- drafts, previews and private pages never reach readers ---------------------------


@pytest.fixture
def draft(interview_section):
    secret = person("Тайный Гость", "secret-guest")
    return make_interview(
        interview_section,
        title="Секретный черновик",
        topics=["секретная тема"],
        exchange_topics=[["секретная тема"], []],
        people=[(secret, InterviewPerson.Part.INTERVIEWEE)],
        publish=False,
    )


def reader_urls(extra=()):
    return [
        "/",
        "/interviews/",
        "/topics/",
        "/people/",
        "/feed/",
        "/feed/atom/",
        "/sitemap-pages.xml",
        "/sitemap-topics.xml",
        "/sitemap-people.xml",
        "/news-sitemap.xml",
        "/api/v2/interviews/",
        "/api/v2/pages/",
        "/api/v2/people/",
        "/api/v2/topics/",
        "/search/?q=Секретный",
        *extra,
    ]


def test_drafts_are_invisible_everywhere(client, published, draft):
    assert client.get(draft.url).status_code == 404
    for url in reader_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = text_of(response)
        assert "Секретный черновик" not in body, url
        assert "secret-guest" not in body and "Тайный Гость" not in body, url
        assert "секретная тема" not in body, url
    assert client.get("/people/secret-guest/").status_code == 404
    assert client.get(f"/api/v2/interviews/{draft.pk}/").status_code == 404


def test_a_draft_of_a_live_page_shows_the_live_version(client, published):
    published.title = "Черновая правка"
    published.save_revision()
    assert "Черновая правка" not in text_of(client.get(published.url))
    assert "Рекорд Курыка" in text_of(client.get(published.url))


def test_private_pages_stay_private(client, published):
    PageViewRestriction.objects.create(page=published, restriction_type="login")
    response = client.get(published.url)
    assert response.status_code == 302
    for url in reader_urls():
        assert "Рекорд Курыка" not in text_of(client.get(url)), url


def test_a_private_section_keeps_its_interviews_private(client, published, interview_section):
    PageViewRestriction.objects.create(page=interview_section, restriction_type="login")
    response = client.get(published.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_alias_of_a_private_section_is_private_too(client, published, interview_section):
    # Wagtail checks an alias against its original's restrictions, not its own.
    PageViewRestriction.objects.create(page=interview_section, restriction_type="login")
    alias_section = interview_section.create_alias(update_slug="archive", recursive=True)
    # Wagtail copies the restriction onto the alias; without the copy it must still hold.
    PageViewRestriction.objects.filter(page=alias_section).delete()
    alias_page = InterviewPage.objects.get(alias_of=published)
    assert alias_page.get_parent().pk == alias_section.pk
    response = client.get(alias_page.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


# --- cost -----------------------------------------------------------------------------


@pytest.mark.parametrize("exchanges,images", [(2, 0), (80, 4)])
def test_an_interview_page_costs_at_most_ten_queries(
    client, interview_section, settings, django_assert_max_num_queries, exchanges, images, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    # A corpus around it: the count must not grow with the archive either.
    for n in range(5):
        long_interview(interview_section, exchanges=3, title=f"Фон {n}")
    page = long_interview(interview_section, exchanges=exchanges, images=images)
    client.get(page.url)  # renditions are made once, on the first view
    cache.clear()  # ...but Wagtail's own caches (site root paths) start cold
    with django_assert_max_num_queries(MAX_INTERVIEW_QUERIES):
        response = client.get(page.url)
    assert response.status_code == 200
    assert text_of(response).count('class="exchange"') == exchanges


# --- caching --------------------------------------------------------------------------


def test_second_view_is_served_from_the_cache_without_sql(
    client, published, django_assert_num_queries
):
    first = client.get(published.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(published.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    cache_control = second["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control
    assert "stale-while-revalidate=" in cache_control


def test_a_published_correction_is_visible_on_the_next_request(client, published):
    topic_slug = published.tags.first().slug
    for url in (published.url, "/", "/feed/", f"/topics/{topic_slug}/", "/people/nurlan-abenov/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url

    page = InterviewPage.objects.get(pk=published.pk)
    page.title = "Исправленный заголовок"
    page.save_revision().publish()
    purge_pages([page])

    for url in (published.url, "/", "/feed/", f"/topics/{topic_slug}/", "/people/nurlan-abenov/"):
        assert "Исправленный заголовок" in text_of(client.get(url)), url


def test_unpublished_page_disappears_after_purge(client, published):
    client.get(published.url)
    published.unpublish()
    purge_pages([published])
    assert client.get(published.url).status_code == 404
    assert "Рекорд Курыка" not in text_of(client.get("/feed/"))


def test_purge_without_pages_invalidates_everything(client, published):
    client.get(published.url)
    published.delete()
    purge_pages([])
    assert client.get(published.url).status_code == 404


def test_editors_and_other_methods_bypass_the_cache(client, published, admin_user):
    client.get(published.url)
    client.force_login(admin_user)
    response = client.get(published.url)
    assert "X-Page-Cache" not in response


def test_purge_pages_sends_the_readers_urls_to_the_frontend_cache(published, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.test_site.RecordingBackend"},
    }
    RecordingBackend.purged.clear()
    urls = purge_pages([published])
    assert "http://localhost/interviews/rekord-kuryka/" in urls
    assert "http://localhost/en/interviews/rekord-kuryka/" in urls
    # Each answer's own page, from InterviewPage.get_cached_paths().
    short_id = published.exchanges[0].short_id
    assert f"http://localhost/interviews/rekord-kuryka/a/{short_id}/" in urls
    assert "http://localhost/" in urls and "http://localhost/feed/" in urls
    assert "http://localhost/people/nurlan-abenov/" in urls
    assert any("/topics/" in url and url.endswith("/feed/") for url in urls)
    assert set(urls) <= set(RecordingBackend.purged)


def test_a_publish_purges_through_the_pipeline_only(published, settings):
    """One purge mechanism: nothing is purged inside the publish's transaction (where
    wagtail.contrib.frontend_cache's own signal handlers would purge a second time)."""
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.test_site.RecordingBackend"},
    }
    RecordingBackend.purged.clear()
    published.save_revision().publish()
    assert RecordingBackend.purged == []
    pipeline.run(published.pk)
    assert "http://localhost/interviews/rekord-kuryka/" in RecordingBackend.purged


class RecordingBackend:
    """A frontend-cache backend that remembers what it was asked to purge."""

    purged: list[str] = []

    def __init__(self, params):
        pass

    def purge(self, url):
        self.purged.append(url)

    def purge_batch(self, urls):
        self.purged.extend(urls)

    def invalidates_hostname(self, hostname):
        return True
