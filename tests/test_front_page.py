"""The front page: a lead (pinned or latest), rails built by the publishing pipeline, and
a bounded number of queries whatever the archive's size."""

import pytest
from bs4 import BeautifulSoup

from interviews.models import InterviewPage
from newsroom import front_page
from newsroom.models import HomePage
from publishing import pipeline
from tests.factories import make_interview
from tests.site_helpers import archive, news_site_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def client(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return news_site_client(settings)


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_latest_leads_unless_an_editor_pins_another(client, interview_section):
    pages = archive(interview_section, 4)
    assert home(client).select_one(".front-lead .card__title").text.strip() == "Интервью 3"
    site_home = HomePage.objects.get()
    site_home.lead_interview = pages[0]
    site_home.save_revision().publish()
    html = home(client)
    assert html.select_one(".front-lead .card__title").text.strip() == "Интервью 0"
    latest = [a.text for a in html.select("#latest-heading ~ .card-list .card__title a")]
    assert "Интервью 0" not in latest and latest[0] == "Интервью 3"
    # A pinned interview that is unpublished no longer leads.
    InterviewPage.objects.get(pk=pages[0].pk).unpublish()
    assert home(client).select_one(".front-lead .card__title").text.strip() == "Интервью 3"


def test_rails_and_people_come_from_the_pipeline_not_the_request(client, interview_section):
    archive(interview_section, 3)
    html = home(client)
    rails = [h.a.text for h in html.select(".rail__heading")]
    assert rails[0] == "порты"
    assert "3" in html.select_one(".rail__count").text
    assert [a.text for a in html.select(".people-grid a")] == ["Гость 0", "Гость 1", "Гость 2"]

    make_interview(interview_section, title="Новое", topics=["порты"], publish=True)
    # Published, but the pipeline has not run yet: the rail's count is the stored one.
    assert "3" in home(client).select_one(".rail__count").text
    newest = InterviewPage.objects.get(title="Новое")
    pipeline.run(newest.pk)
    html = home(client)
    assert "4" in html.select_one(".rail__count").text
    assert html.select_one(".rail__list a").text == "Новое"


@pytest.mark.parametrize("size", [3, 15])
def test_home_page_costs_a_bounded_number_of_queries(
    client, interview_section, django_assert_max_num_queries, size
):
    archive(interview_section, size)
    home(client)  # renditions are made on the first view; count the views after it
    with django_assert_max_num_queries(front_page.MAX_HOME_QUERIES):
        html = home(client)
    assert html.select_one(".front-lead picture img")["fetchpriority"] == "high"
    assert len(html.select(".card")) == min(size, front_page.LATEST_ON_HOME)
