"""The Wagtail API v2: interviews with structured exchanges, people and topics, live only."""

import pytest
from django.test import Client
from django.utils import translation

from interviews.models import InterviewPerson
from tests.factories import make_interview
from tests.site_helpers import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(settings):
    translation.activate(settings.LANGUAGE_CODE)  # requests leave theirs active
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def pages(interview_section):
    guest = person("Нурлан Абенов", "nurlan-abenov", role="директор")
    live = make_interview(
        interview_section,
        title="Рекорд Курыка",
        topics=["порты"],
        exchange_topics=[["порты", "зерно"], []],
        people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
        publish=True,
    )
    hidden = person("Тайный Гость", "secret-guest")
    draft = make_interview(
        interview_section,
        title="Черновик",
        topics=["секрет"],
        people=[(hidden, InterviewPerson.Part.INTERVIEWEE)],
    )
    return live, draft


def test_interviews_listing_has_live_pages_only(client, pages):
    live, _draft = pages
    data = client.get("/api/v2/interviews/").json()
    assert data["meta"]["total_count"] == 1
    (item,) = data["items"]
    assert item["title"] == "Рекорд Курыка"
    assert item["lede"] == live.lede
    assert item["meta"]["html_url"].endswith(live.url)


def test_interview_detail_has_structured_exchanges(client, pages):
    live, draft = pages
    data = client.get(f"/api/v2/interviews/{live.pk}/").json()
    first, second = data["exchanges"]
    assert first["anchor"] == live.exchanges[0].anchor
    assert first["question"] == "Нурлан Серикович, каким был сезон для порта?"
    assert "<p>" in first["answer"] and "1,2 млн тонн" in first["answer_text"]
    assert first["topics"] == ["порты", "зерно"]
    assert first["short_id"] == first["anchor"].replace("-", "")[:8]
    assert first["url"].endswith(f"{live.url}#{first['short_id']}")
    assert first["share_url"].endswith(f"{live.url}a/{first['short_id']}/")
    assert second["topics"] == []
    assert data["people"] == [
        {
            "name": "Нурлан Абенов",
            "slug": "nurlan-abenov",
            "part": "interviewee",
            "role": "директор",
            "organisation": "",
        }
    ]
    assert data["topics"] == [{"name": "порты", "slug": "porty"}]
    assert client.get(f"/api/v2/interviews/{draft.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_people_and_topics_endpoints_list_what_readers_can_reach(client, pages):
    people = client.get("/api/v2/people/").json()
    assert [p["slug"] for p in people["items"]] == ["nurlan-abenov"]
    assert people["items"][0]["html_url"] == "http://localhost/people/nurlan-abenov/"
    topics = client.get("/api/v2/topics/").json()
    assert sorted(t["name"] for t in topics["items"]) == ["зерно", "порты"]
    assert client.get("/api/v2/images/").status_code == 404
