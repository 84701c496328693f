"""Structured data, social cards, canonical URLs, security headers and deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import extruct
import pytest

from interviews.models import InterviewPerson
from interviews.slugs import latin_slug
from reader.seo import json_ld, text_language
from tests.factories import make_interview
from tests.site_helpers import long_interview, news_site_client, person

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def client(settings):
    return news_site_client(settings)


@pytest.fixture
def interview(interview_section):
    guest = person("Нурлан Абенов", "nurlan-abenov", role="директор", organisation="КЗА")
    host = person("Анна Ким", "anna-kim")
    return make_interview(
        interview_section,
        title="Рекорд Курыка",
        topics=["порты"],
        people=[
            (guest, InterviewPerson.Part.INTERVIEWEE),
            (host, InterviewPerson.Part.INTERVIEWER),
        ],
        publish=True,
    )


def metadata(html: str, url: str) -> dict:
    return extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], uniform=True)


def test_interview_is_a_news_article_of_genre_interview(client, interview):
    url = f"http://news.example{interview.url}"
    data = metadata(client.get(interview.url).content.decode(), url)
    (article,) = data["json-ld"]
    assert article["@type"] == "NewsArticle"
    assert article["genre"] == "Interview"
    assert article["headline"] == "Рекорд Курыка"
    assert article["inLanguage"] == "ru"
    assert article["url"] == url and article["mainEntityOfPage"]["@id"] == url
    assert article["author"] == [
        {"@type": "Person", "name": "Анна Ким", "url": "http://news.example/people/anna-kim/"}
    ]
    assert article["about"][0]["name"] == "Нурлан Абенов"
    assert article["about"][0]["jobTitle"] == "директор"
    assert article["about"][0]["worksFor"]["name"] == "КЗА"
    assert article["publisher"]["name"] == "Newsroom"
    assert article["publisher"]["logo"]["url"].startswith("http://news.example/static/")
    assert article["datePublished"].startswith(str(interview.first_published_at.year))
    assert "dateModified" in article
    assert article["image"] and article["image"][0].startswith("http://news.example/")
    assert article["keywords"] == ["порты"]


def test_pull_quoted_people_are_mentions(client, interview_section, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = long_interview(interview_section, exchanges=6, images=1)
    (article,) = metadata(client.get(page.url).content.decode(), "http://news.example/")["json-ld"]
    assert {m["name"] for m in article["mentions"]} == {"Цитата 0", "Цитата 2"}
    assert "/media/" in article["image"][0]


def test_open_graph_and_twitter_cards(client, interview):
    html = client.get(interview.url).content.decode()
    og = metadata(html, "http://news.example/")["opengraph"][0]
    assert og["@type"] == "article"
    assert og["og:title"] == "Рекорд Курыка"
    assert og["og:url"] == f"http://news.example{interview.url}"
    assert og["og:image"].startswith("http://news.example/")
    assert og["og:locale"] == "ru_RU"
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<link rel="canonical" href="http://news.example{interview.url}">' in html
    assert '<meta name="description" content="' in html


@pytest.mark.parametrize("url", ["/", "/topics/", "/people/", "/search/?q=порт"])
def test_every_page_has_a_description_and_canonical(client, interview, url):
    html = client.get(url).content.decode()
    assert '<meta name="description" content="' in html
    assert '<link rel="canonical" href="http://news.example/' in html


def test_person_page_is_a_profile(client, interview):
    data = metadata(client.get("/people/nurlan-abenov/").content.decode(), "http://news.example/")
    (profile,) = data["json-ld"]
    assert profile["@type"] == "ProfilePage"
    assert profile["mainEntity"]["name"] == "Нурлан Абенов"


def test_json_ld_cannot_close_its_script_element():
    block = json_ld({"headline": "</script><script>alert(1)</script>"})
    assert block.count("</script>") == 1
    assert "\\u003c/script\\u003e" in block


def test_text_language():
    assert text_language("«Мы поливаем поля так»") == "ru"
    assert text_language("Central Asia is running up a water bill") == "en"
    assert text_language("Средний коридор: TRACECA и TITR") == "ru"


# --- slugs ----------------------------------------------------------------------------


def test_cyrillic_titles_become_icao_latin_slugs(interview_section):
    page = make_interview(interview_section, title="Щедрый урожай: Жамбыл и Қостанай")
    assert page.slug == latin_slug(page.title) == "shchedryi-urozhai-zhambyl-i-qostanai"


def test_slug_is_frozen_once_published(interview_section):
    page = make_interview(interview_section, title="Рекорд Курыка", publish=True)
    page.title = "Совсем другой заголовок"
    page.full_clean()
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug == "rekord-kuryka"


# --- security -------------------------------------------------------------------------


def test_reader_pages_forbid_inline_scripts(client, interview):
    response = client.get(interview.url)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["script-src"] == "'self'"  # a nonce is added only when a page uses one
    assert directives["object-src"] == "'none'"
    html = response.content.decode()
    # The only <script> elements on a reader's page are JSON-LD data blocks.
    assert html.count("<script") == html.count('<script type="application/ld+json">')


def test_admin_gets_its_own_policy(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy


def test_check_deploy_is_clean_with_production_settings():
    env = {
        # conftest allows sync ORM calls inside Playwright's event loop; deploys must not.
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-key-" + "x7Kq9" * 10,
        "ALLOWED_HOSTS": "news.example",
        "SECURE_SSL_REDIRECT": "1",
        "EMAIL_URL": "smtp://mail.example:587",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
