"""What an anonymous reader may see is defined once (interviews.models.readable_q): live,
not expired, not under a view restriction. Each test here is one way that leaked before."""

from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from interviews import related
from interviews.models import InterviewIndexPage, InterviewPage, InterviewPerson, RelatedTerm
from newsroom.models import HomePage
from tests.factories import make_interview
from tests.site_helpers import news_site_client, person
from tests.test_related import DREDGING, WIND, publish, shown

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def client(settings):
    return news_site_client(settings)


@pytest.fixture
def story(interview_section):
    """Three related articles on one story, and an unrelated one, each relinked."""
    related.relink(publish(interview_section, "Ветер", *WIND, topics=["ВИЭ"]).pk)
    pages = [
        publish(interview_section, f"Дноуглубление {n}", *DREDGING, topics=["Каспий"])
        for n in range(3)
    ]
    for page in pages:
        related.relink(page.pk)
    return pages


def private_section(title="Для своих", slug="private"):
    home = HomePage.objects.get()
    section = home.add_child(instance=InterviewIndexPage(title=title, slug=slug))
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return section


# --- finding 1: related lists ---------------------------------------------------------


@pytest.mark.parametrize("restriction_type", ["password", "login"])
def test_a_page_made_private_leaves_every_related_list(client, story, restriction_type):
    first, second, third = story
    assert "Дноуглубление 1" in shown(first)

    PageViewRestriction.objects.create(
        page=second, restriction_type=restriction_type, password="secret"
    )
    # Hidden at once, before any relink: the shown-time filter is the guarantee.
    assert "Дноуглубление 1" not in shown(first)
    assert "Дноуглубление 1" not in client.get(first.url).content.decode()

    # And the recompute takes it out of the index, so no new list ever picks it.
    related.relink(second.pk)
    assert not RelatedTerm.objects.filter(page_id=second.pk).exists()
    related.relink(third.pk)
    assert "Дноуглубление 1" not in [
        other.title for other in InterviewPage.objects.get(pk=third.pk).related_pages(limit=10)
    ]


def test_a_page_moved_into_a_private_section_leaves_every_related_list(client, story):
    first, second, _third = story
    section = private_section()
    InterviewPage.objects.get(pk=second.pk).move(section, pos="last-child")
    assert "Дноуглубление 1" not in shown(first)
    assert "Дноуглубление 1" not in client.get(first.url).content.decode()


def test_related_scoring_never_proposes_a_private_candidate(story, interview_section):
    _first, second, _third = story
    PageViewRestriction.objects.create(page=second, restriction_type="login")
    newcomer = publish(interview_section, "Дноуглубление новое", *DREDGING, topics=["Каспий"])
    related.relink(newcomer.pk)  # the private page is still indexed: its relink has not run
    assert RelatedTerm.objects.filter(page_id=second.pk).exists()
    suggested = {s.page_id for s in related.related_articles(newcomer.pk)}
    assert suggested and second.pk not in suggested


# --- finding 2: search and the API list only readable people and topics ---------------


def hidden_interviews(section):
    """One person and one topic per way an interview can be unreadable."""
    now = timezone.now()
    cases = {}

    def add(kind, **kwargs):
        guest = person(f"Скрытов {kind}", f"skrytov-{kind}", role=f"роль {kind}")
        page = make_interview(
            section,
            title=f"Скрытое {kind}",
            topics=[f"скрытая-{kind}"],
            people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
            **kwargs,
        )
        cases[kind] = page
        return page

    add("draft")
    add("scheduled", publish=True, go_live_at=now + timedelta(days=1))
    expired = add("expired", publish=True)
    InterviewPage.objects.filter(pk=expired.pk).update(expire_at=now - timedelta(minutes=1))
    private = add("private", publish=True)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return cases


def test_search_does_not_announce_people_of_unreadable_interviews(client, interview_section):
    visible = person("Скрытов Видимый", "skrytov-visible")
    make_interview(
        interview_section,
        title="Открытое",
        people=[(visible, InterviewPerson.Part.INTERVIEWEE)],
        publish=True,
    )
    hidden_interviews(interview_section)
    body = client.get("/search/?q=Скрытов").content.decode()
    assert "skrytov-visible" in body
    for kind in ("draft", "scheduled", "expired", "private"):
        assert f"skrytov-{kind}" not in body, kind
        assert f"роль {kind}" not in body, kind
        assert f"Скрытое {kind}" not in body, kind


def test_api_people_topics_and_pages_list_only_readable_ones(client, interview_section):
    cases = hidden_interviews(interview_section)
    people = client.get("/api/v2/people/").json()
    topics = client.get("/api/v2/topics/").json()
    pages = client.get("/api/v2/pages/").json()
    interviews = client.get("/api/v2/interviews/").json()
    for kind, page in cases.items():
        assert f"skrytov-{kind}" not in str(people), kind
        assert f"скрытая-{kind}" not in str(topics), kind
        assert page.pk not in [item["id"] for item in pages["items"]], kind
        assert page.pk not in [item["id"] for item in interviews["items"]], kind
        assert client.get(f"/api/v2/interviews/{page.pk}/").status_code == 404, kind
        assert client.get(f"/people/skrytov-{kind}/").status_code == 404, kind


def test_sitemaps_and_feeds_skip_expired_pages(client, interview_section):
    hidden_interviews(interview_section)
    for url in ("/feed/", "/sitemap-pages.xml", "/sitemap-people.xml", "/sitemap-topics.xml"):
        body = client.get(url).content.decode()
        assert "skryt" not in body.lower() and "Скрыто" not in body, url


# --- finding 3: a topic's feeds exist only where its page does ------------------------


def test_feeds_of_a_topic_only_unreadable_pages_have_are_not_found(client, interview_section):
    hidden_interviews(interview_section)
    make_interview(interview_section, title="Открытое", topics=["открытая"], publish=True)
    open_slug = Tag.objects.get(name="открытая").slug
    for url in ("/topics/{}/", "/topics/{}/feed/", "/topics/{}/feed/atom/"):
        ok = client.get(url.format(open_slug))
        assert ok.status_code == 200, url
        for kind in ("draft", "scheduled", "expired", "private"):
            slug = Tag.objects.get(name=f"скрытая-{kind}").slug
            assert client.get(url.format(slug)).status_code == 404, (url, kind)
    feed = feedparser.parse(client.get(f"/topics/{open_slug}/feed/").content)
    assert [entry.title for entry in feed.entries] == ["Открытое"]


def test_an_alias_of_a_private_page_is_not_listed(client, interview_section):
    page = make_interview(interview_section, title="Оригинал", topics=["алиас"], publish=True)
    section = private_section()
    PageViewRestriction.objects.filter(page=section).delete()
    page.create_alias(parent=section, update_slug="kopiya")
    PageViewRestriction.objects.create(page=interview_section, restriction_type="login")
    assert not InterviewPage.objects.readable().exists()
    assert "Оригинал" not in client.get("/sitemap-pages.xml").content.decode()
