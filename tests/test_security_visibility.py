"""What readers see also changes without a publish: privacy, moves, people (issue 9,
findings 5 and 6). Each change runs the post-publish pipeline, so nothing stale is served."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from wagtail.models import PageViewRestriction

from interviews import related
from interviews.models import InterviewIndexPage, InterviewPage, InterviewPerson, Person
from newsroom.models import HomePage
from publishing import jobs
from publishing.models import PublishingJob
from tests.factories import make_interview
from tests.site_helpers import person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()


@pytest.fixture
def client():
    return Client(HTTP_HOST="localhost")


def run_queued_jobs():
    for job_id in PublishingJob.objects.queued().values_list("pk", flat=True):
        jobs.run_job(job_id)


@pytest.fixture
def run_pipeline(django_capture_on_commit_callbacks):
    """Does what the worker would: the after-commit work, then every job it queued."""

    def run(change):
        assert not PublishingJob.objects.queued().exists(), "warm() settles earlier jobs"
        with django_capture_on_commit_callbacks(execute=False) as after_commit:
            change()
        with django_capture_on_commit_callbacks(execute=False):  # no broker here
            for callback in after_commit:
                callback()
            run_queued_jobs()

    return run


@pytest.fixture
def published(interview_section):
    guest = person("Нурлан Абенов", "nurlan-abenov", role="директор ассоциации")
    return make_interview(
        interview_section,
        title="Рекорд Курыка",
        topics=["порты"],
        people=[(guest, InterviewPerson.Part.INTERVIEWEE)],
        publish=True,
    )


def warm(client, urls):
    run_queued_jobs()  # what the fixtures' publishes queued: the worker would be done
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def reader_urls(page):
    topic = page.tags.first().slug
    return [page.url, "/", "/interviews/", f"/topics/{topic}/", "/people/nurlan-abenov/"]


# --- finding 5 --------------------------------------------------------------------------


def test_making_a_page_private_purges_it_everywhere(client, published, run_pipeline):
    urls = reader_urls(published)
    warm(client, urls)
    run_pipeline(
        lambda: PageViewRestriction.objects.create(page=published, restriction_type="login")
    )
    assert client.get(published.url).status_code == 302  # the login, not a cached copy
    for url in urls[1:]:
        assert "Рекорд Курыка" not in client.get(url).content.decode(), url


def test_making_a_section_private_purges_its_pages(
    client, published, interview_section, run_pipeline
):
    urls = reader_urls(published)
    warm(client, urls)
    run_pipeline(
        lambda: PageViewRestriction.objects.create(page=interview_section, restriction_type="login")
    )
    assert client.get(published.url).status_code == 302
    assert "Рекорд Курыка" not in client.get("/").content.decode()


def test_making_a_page_public_again_brings_it_back(client, published, run_pipeline):
    restriction = PageViewRestriction.objects.create(page=published, restriction_type="login")
    related.relink(published.pk)
    warm(client, ["/"])
    run_pipeline(restriction.delete)
    assert "Рекорд Курыка" in client.get("/").content.decode()


def test_moving_a_page_purges_its_old_address_and_both_sections(
    client, published, interview_section, run_pipeline
):
    home = HomePage.objects.get()
    private = home.add_child(instance=InterviewIndexPage(title="Архив", slug="archive"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    old_url = published.url
    warm(client, reader_urls(published))
    run_pipeline(lambda: InterviewPage.objects.get(pk=published.pk).move(private, "last-child"))
    # Not the cached copy: Wagtail's redirect (made on a move) to the new, private address.
    old = client.get(old_url)
    assert old.status_code == 301 and old["Location"] == "/archive/rekord-kuryka/"
    assert client.get("/archive/rekord-kuryka/").status_code == 302
    assert "Рекорд Курыка" not in client.get("/interviews/").content.decode()
    assert "Рекорд Курыка" not in client.get("/").content.decode()


# --- finding 6 --------------------------------------------------------------------------


def test_editors_may_add_people_but_not_change_them(django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pass-1234")
    editor.groups.add(Group.objects.get(name="Редакторы"))
    moderator = django_user_model.objects.create_user("moderator", password="pass-1234")
    moderator.groups.add(Group.objects.get(name="Модераторы"))
    assert editor.has_perm("interviews.add_person")
    assert not editor.has_perm("interviews.change_person")
    assert not editor.has_perm("interviews.delete_person")
    assert moderator.has_perm("interviews.change_person")


def test_an_editor_cannot_rename_a_person_in_the_admin(client, published, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pass-1234")
    editor.groups.add(Group.objects.get(name="Редакторы"))
    client.force_login(editor)
    guest = Person.objects.get(slug="nurlan-abenov")
    edit_url = f"/admin/snippets/interviews/person/edit/{guest.pk}/"
    assert client.get(edit_url).status_code in (302, 403)
    client.post(edit_url, {"name": "Подмена", "slug": guest.slug, "role": "самозванец"})
    guest.refresh_from_db()
    assert guest.name == "Нурлан Абенов"


def test_a_person_change_purges_the_pages_that_show_them(client, published, run_pipeline):
    urls = reader_urls(published)
    warm(client, urls)

    def rename():
        guest = Person.objects.get(slug="nurlan-abenov")
        guest.role = "министр"
        guest.save()

    run_pipeline(rename)
    for url in (published.url, "/people/nurlan-abenov/"):
        body = client.get(url).content.decode()
        assert "министр" in body, url
    api = client.get(f"/api/v2/interviews/{published.pk}/").json()
    assert api["people"][0]["role"] == "министр"


def test_a_person_change_purges_the_pages_that_quote_them(client, interview_section, run_pipeline):
    quoted = person("Айгерим Нурланова", "aigerim", role="аналитик")
    page = make_interview(interview_section, title="С цитатой", topics=["порты"], publish=True)
    page = InterviewPage.objects.get(pk=page.pk)
    page.body = [
        *[(child.block_type, child.value) for child in page.body],
        ("pull_quote", {"text": "Порт растёт", "attribution": quoted}),
    ]
    page.save_revision().publish()
    warm(client, [page.url])

    def rename():
        quoted.name = "Айгерим Серикова"
        quoted.save()

    run_pipeline(rename)
    assert "Айгерим Серикова" in client.get(page.url).content.decode()
