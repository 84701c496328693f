"""The publishing report as a desk tool: approve, cancel, move; pages told apart."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from interviews.models import InterviewPage
from publishing.models import PublishingJob
from tests.factories import make_interview

REPORT = "/admin/publishing/"


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_messages(django_capture_on_commit_callbacks):
    """Jobs are looked at, not run: nothing is sent to a broker."""
    with django_capture_on_commit_callbacks(execute=False):
        yield


def user_in(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw")
    user.first_name, user.last_name = name.capitalize(), "Тестов"
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def scheduled(page, at):
    page.go_live_at = at
    revision = page.save_revision()
    revision.publish()
    return PublishingJob.objects.get(page=page, kind=PublishingJob.Kind.GO_LIVE, status="queued")


def submitted(page, editor, at):
    page.go_live_at = at
    page.save_revision(user=editor)
    return page.get_workflow().start(page, editor).current_task_state


def test_two_pages_of_the_same_title_are_told_apart(interview_section, admin_client):
    first = make_interview(interview_section, title="Итоги недели")
    second = make_interview(interview_section, title="Итоги недели")
    in_an_hour = timezone.now() + timedelta(hours=1)
    scheduled(first, in_an_hour)
    scheduled(second, in_an_hour + timedelta(minutes=5))

    html = admin_client.get(REPORT).content.decode()
    assert f"Интервью · #{first.pk}" in html and f"Интервью · #{second.pk}" in html
    assert f'href="/admin/pages/{first.pk}/edit/"' in html
    assert f'href="/admin/pages/{second.pk}/view_draft/"' in html


def test_a_moderator_moves_and_cancels_scheduled_publications(
    interview_section, client, django_user_model
):
    moderator = user_in(django_user_model, "moderator", "Модераторы")
    page = make_interview(interview_section, title="Перенос")
    job = scheduled(page, timezone.now() + timedelta(hours=2))
    client.force_login(moderator)

    later = timezone.localtime() + timedelta(days=1, minutes=7)
    client.post(REPORT, {"move": job.pk, "when": later.strftime("%Y-%m-%dT%H:%M")})
    job.refresh_from_db()
    assert job.status == "skipped"
    moved = PublishingJob.objects.get(page=page, kind="go_live", status="queued")
    assert timezone.localtime(moved.due_at).strftime("%H:%M") == later.strftime("%H:%M")
    assert page.revisions.get(pk=moved.revision_id).as_object().go_live_at == moved.due_at

    past = client.post(
        REPORT, {"move": moved.pk, "when": "2020-01-01T09:00"}, follow=True
    ).content.decode()
    assert "Укажите дату и время в будущем." in past
    assert PublishingJob.objects.get(pk=moved.pk).status == "queued"

    response = client.post(REPORT, {"cancel": moved.pk}, follow=True)
    assert "Публикация «Перенос» отменена" in response.content.decode()
    assert not PublishingJob.objects.scheduled().filter(page=page).exists()
    assert page.revisions.filter(approved_go_live_at__isnull=False).count() == 0
    assert not InterviewPage.objects.get(pk=page.pk).live


def test_editors_cannot_cancel(interview_section, client, django_user_model):
    editor = user_in(django_user_model, "editor", "Редакторы")
    job = scheduled(make_interview(interview_section), timezone.now() + timedelta(hours=2))
    client.force_login(editor)
    client.post(REPORT, {"cancel": job.pk})
    assert PublishingJob.objects.get(pk=job.pk).status == "queued"


def test_a_moderator_approves_from_the_report(interview_section, client, django_user_model):
    editor = user_in(django_user_model, "editor", "Редакторы")
    moderator = user_in(django_user_model, "moderator", "Модераторы")
    page = make_interview(interview_section, title="На проверке")
    at = timezone.now() + timedelta(hours=3)
    state = submitted(page, editor, at)
    client.force_login(moderator)
    html = client.get(REPORT).content.decode()
    assert "Ждут вашего одобрения" in html and "На проверке" in html

    client.post(REPORT, {"approve": state.pk})
    job = PublishingJob.objects.get(page=page, kind="go_live", status="queued")
    assert abs(job.due_at - at) < timedelta(seconds=1)  # the revision keeps milliseconds
    assert "Ничто не ждёт вашего одобрения." in client.get(REPORT).content.decode()
