"""Person and topic pages as destinations: a portrait and role, a topic's own description
and image, and English interviews naming people in English."""

import pytest
from bs4 import BeautifulSoup
from taggit.models import Tag

from interviews.models import InterviewPerson, TopicProfile
from tests.factories import ENGLISH_QA_INTERVIEW, make_interview
from tests.site_helpers import news_site_client, person, png_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def client(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return news_site_client(settings)


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_person_page_shows_portrait_and_role(client, interview_section):
    guest = person(
        "Нурлан Абенов", "nurlan-abenov", role="директор", organisation="КЗА", photo=png_image()
    )
    make_interview(
        interview_section,
        title="Рекорд Курыка",
        people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
        publish=True,
    )
    html = soup(client, "/people/nurlan-abenov/")
    header = html.select_one(".person-header")
    portrait = header.select_one("picture img.person-header__photo")
    assert {s["type"] for s in header.select("picture source")} == {"image/avif", "image/webp"}
    assert portrait["width"] and "loading" not in portrait.attrs  # the page's first image
    assert "директор, КЗА" in header.select_one(".person-header__role").text
    og_image = html.select_one("meta[property='og:image']")["content"]
    assert og_image.startswith("http://news.example/") and ".fill-1200x630" in og_image


def test_topic_page_has_an_editable_description_and_image(client, interview_section):
    make_interview(interview_section, title="Рекорд Курыка", topics=["порты"], publish=True)
    assert soup(client, "/topics/porty/").select_one(".topic-header__description") is None
    TopicProfile.objects.create(
        tag=Tag.objects.get(name="порты"),
        description="Каспийские порты: перевалка, глубины, тарифы.",
        image=png_image("Порт"),
    )
    html = soup(client, "/topics/porty/")
    assert "перевалка, глубины" in html.select_one(".topic-header__description").text
    assert html.select_one(".topic-header__image picture img")["fetchpriority"] == "high"
    assert html.select_one("meta[name=description]")["content"].startswith("Каспийские порты")
    assert ".fill-1200x630" in html.select_one("meta[property='og:image']")["content"]


def test_english_interviews_name_people_in_english(client, interview_section):
    guest = person(
        "Дана Росс",
        "dana-ross",
        role="глава планирования",
        name_en="Dana Ross",
        role_en="head of grid planning",
    )
    russian_only = person("Анна Ким", "anna-kim", role="редактор")
    page = make_interview(
        interview_section,
        text=ENGLISH_QA_INTERVIEW,
        title="Wind on the steppe",
        people=[
            (guest, InterviewPerson.Part.INTERVIEWEE),
            (russian_only, InterviewPerson.Part.INTERVIEWER),
        ],
        publish=True,
    )
    html = soup(client, page.url)
    card = html.select_one(".person-card")
    assert card.select_one(".person-card__name").text == "Dana Ross"
    assert card.select_one(".person-card__role").text == "head of grid planning"
    assert "Анна Ким" in html.select_one(".byline").text  # no English name: the one there is
    listing = soup(client, "/interviews/")
    assert "Dana Ross" in listing.select_one(".card__people").text
    # A Russian interview with the same person keeps the Russian name.
    other = make_interview(
        interview_section,
        title="Ветер в степи",
        people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
        publish=True,
    )
    assert soup(client, other.url).select_one(".person-card__name").text == "Дана Росс"
