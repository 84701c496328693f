"""Merging a duplicate topic into the one the desk keeps."""

from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect

from interviews.models import ExchangeTopic, InterviewPage
from interviews.topic_merge import merge_topics
from tests.factories import make_interview


def topics_of(page):
    return [list(exchange.topics) for exchange in page.exchanges]


def test_merge_moves_pages_exchanges_and_drafts_and_redirects_the_old_url(
    interview_section, client
):
    published = make_interview(
        interview_section,
        title="Порты",
        topics=["порт", "Каспий"],
        exchange_topics=[["порт", "зерно"], ["Порты"]],
        publish=True,
    )
    draft_page = make_interview(interview_section, title="Черновик", exchange_topics=[["Порт"]])
    old, survivor = Tag.objects.get(name="порт"), Tag.objects.get(name="Порты")
    old_slug = old.slug

    result = merge_topics(old, survivor)

    assert result.pages == 2
    assert not Tag.objects.filter(pk=old.pk).exists()
    published = InterviewPage.objects.get(pk=published.pk)
    assert sorted(published.tags.names()) == ["Каспий", "Порты"]
    assert topics_of(published) == [["Порты", "зерно"], ["Порты"]]
    assert set(
        ExchangeTopic.objects.filter(content_object=published).values_list("tag__name", flat=True)
    ) == {"Порты", "зерно"}
    assert InterviewPage.objects.live().with_topic(survivor).filter(pk=published.pk).exists()
    # What the editor opens next (the latest revision) has the survivor, drafts included.
    assert topics_of(published.get_latest_revision_as_object())[0] == ["Порты", "зерно"]
    draft = InterviewPage.objects.get(pk=draft_page.pk).get_latest_revision_as_object()
    assert topics_of(draft)[0] == ["Порты"]

    assert Redirect.objects.filter(old_path=f"/topics/{old_slug}").exists()
    response = client.get(f"/topics/{old_slug}/")
    assert response.status_code == 301
    assert response["Location"] == f"/topics/{survivor.slug}/"
    assert client.get(f"/en/topics/{old_slug}/")["Location"] == f"/en/topics/{survivor.slug}/"


def test_the_merge_form_in_the_admin(admin_client, interview_section):
    make_interview(interview_section, title="Порты", topics=["порт"], publish=True)
    old = Tag.objects.get(name="порт")
    survivor = Tag.objects.create(name="порты", slug="porty")
    url = "/admin/interviews/topics/merge/"
    assert "Объединить темы" in admin_client.get(url).content.decode()

    same = admin_client.post(url, {"old": survivor.pk, "survivor": survivor.pk})
    assert "Выберите две разные темы." in same.content.decode()

    response = admin_client.post(url, {"old": old.pk, "survivor": survivor.pk}, follow=True)
    assert "«порт» объединена с «порты»: изменено интервью: 1." in response.content.decode()
    assert not Tag.objects.filter(name="порт").exists()


def test_editors_cannot_merge_topics(client, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("editor", "e@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Редакторы"))
    client.force_login(editor)
    assert client.get("/admin/interviews/topics/merge/").status_code in {302, 403}
