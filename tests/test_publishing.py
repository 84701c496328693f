"""Scheduled publishing and expiry, run through the job functions the worker calls."""

import time
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from interviews.models import InterviewPage
from publishing import jobs, pipeline
from publishing.models import PublishingJob
from publishing.pipeline import Stage, Step
from tests.factories import make_interview

pytestmark = pytest.mark.django_db

Kind, Status = PublishingJob.Kind, PublishingJob.Status


@pytest.fixture(autouse=True)
def no_messages(django_capture_on_commit_callbacks):
    """Jobs are run by hand here; nothing is sent to a broker."""
    with django_capture_on_commit_callbacks(execute=False):
        yield


def schedule_publish(page, go_live_at):
    page.go_live_at = go_live_at
    revision = page.save_revision()
    revision.publish()
    return revision


def soon(seconds=1.0):
    return timezone.now() + timedelta(seconds=seconds)


def wait_until(moment):
    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.05)


def published_entries(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled").count()


def test_approving_a_future_go_live_queues_one_job(interview_section):
    page = make_interview(interview_section)
    go_live_at = timezone.now() + timedelta(minutes=5)

    revision = schedule_publish(page, go_live_at)

    job = PublishingJob.objects.get()
    assert (job.kind, job.status, job.revision_id) == (Kind.GO_LIVE, Status.QUEUED, revision.pk)
    assert job.due_at == go_live_at
    page.refresh_from_db()
    assert not page.live, "scheduled, not published"
    assert not PublishingJob.objects.filter(kind=Kind.AFTER_PUBLISH).exists(), (
        "page_published for a merely scheduled page starts no pipeline"
    )


def test_job_publishes_at_its_time_and_only_once(interview_section):
    page = make_interview(interview_section)
    go_live_at = soon()
    schedule_publish(page, go_live_at)
    job = PublishingJob.objects.get()

    with pytest.raises(jobs.NotYetDue):
        jobs.run_job(job.pk)

    wait_until(go_live_at)
    assert jobs.run_job(job.pk) == "published"
    assert jobs.run_job(job.pk) == "skipped: already done"
    assert jobs.sweep()["published"] == 0

    page.refresh_from_db()
    assert page.live
    assert published_entries(page) == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.DONE, 1)
    assert PublishingJob.objects.filter(kind=Kind.AFTER_PUBLISH, page=page).count() == 1


def test_rescheduling_makes_the_old_message_stale(interview_section):
    page = make_interview(interview_section)
    first_time = soon()
    schedule_publish(page, first_time)
    stale = PublishingJob.objects.get()

    later = first_time + timedelta(hours=1)
    schedule_publish(InterviewPage.objects.get(pk=page.pk), later)

    stale.refresh_from_db()
    assert stale.status == Status.SKIPPED
    wait_until(first_time)
    assert jobs.run_job(stale.pk) == "skipped: already skipped"
    assert jobs.sweep()["ran"] == 0
    page.refresh_from_db()
    assert not page.live
    current = PublishingJob.objects.queued().get(kind=Kind.GO_LIVE)
    assert current.due_at == later


def test_unscheduling_cancels_the_job(interview_section):
    page = make_interview(interview_section)
    revision = schedule_publish(page, timezone.now() + timedelta(minutes=5))

    revision.approved_go_live_at = None  # what Wagtail's "cancel scheduled publish" does
    revision.save(update_fields=["approved_go_live_at"])

    assert PublishingJob.objects.get().status == Status.SKIPPED


def test_a_deleted_page_is_skipped_without_error(interview_section):
    page = make_interview(interview_section)
    go_live_at = soon(0.5)
    schedule_publish(page, go_live_at)
    job = PublishingJob.objects.get()

    page.delete()

    wait_until(go_live_at)
    assert jobs.run_job(job.pk) == "skipped: the page was deleted"
    job.refresh_from_db()
    assert job.status == Status.SKIPPED and job.page is None


def test_the_sweep_publishes_what_a_lost_message_missed(interview_section):
    pages = [make_interview(interview_section, title=f"Page {n}") for n in range(3)]
    go_live_at = soon(3)  # not due before all three are scheduled, even on a busy machine
    for page in pages:
        schedule_publish(page, go_live_at)

    assert jobs.sweep()["ran"] == 0
    wait_until(go_live_at)
    assert jobs.sweep()["ran"] == 3
    assert jobs.sweep() == {
        "ran": 0,
        "failed": 0,
        "resent": 0,
        "published": 0,
        "expired": 0,
    }
    assert InterviewPage.objects.live().count() == 3
    assert all(published_entries(page) == 1 for page in pages)


def test_the_sweep_applies_wagtails_rule_to_revisions_without_a_job(interview_section):
    page = make_interview(interview_section)
    go_live_at = soon(0.5)
    schedule_publish(page, go_live_at)
    PublishingJob.objects.all().delete()  # as if scheduled before this app existed

    wait_until(go_live_at)
    assert jobs.sweep()["published"] == 1
    page.refresh_from_db()
    assert page.live


def test_expiry_unpublishes_once(interview_section):
    page = make_interview(interview_section)
    expire_at = soon()
    page.expire_at = expire_at
    page.save_revision().publish()

    job = PublishingJob.objects.get(kind=Kind.EXPIRE)
    assert job.due_at == expire_at
    wait_until(expire_at)
    assert jobs.run_job(job.pk) == "unpublished"
    assert jobs.sweep()["expired"] == 0

    page.refresh_from_db()
    assert not page.live and page.expired
    assert PublishingJob.objects.filter(kind=Kind.AFTER_UNPUBLISH, page=page).count() == 1


def test_broker_down_keeps_the_job_for_the_sweep(interview_section):
    from newsroom.celery import app

    page = make_interview(interview_section)
    schedule_publish(page, timezone.now() + timedelta(minutes=5))
    job = PublishingJob.objects.get()

    with app.connection_for_write("redis://127.0.0.1:1/0") as unreachable:
        sent = jobs.send_to_worker(job.pk, connection=unreachable)

    assert sent is False
    job.refresh_from_db()
    assert job.status == Status.QUEUED


def make_user(django_user_model, name, group):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_editors_submit_and_moderators_schedule(interview_section, django_user_model):
    editor = make_user(django_user_model, "editor", "Редакторы")
    moderator = make_user(django_user_model, "moderator", "Модераторы")
    page = make_interview(interview_section)

    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(moderator).can_publish()
    workflow = page.get_workflow()
    assert workflow.name == "Проверка интервью"

    page.go_live_at = soon(600)
    page.save_revision(user=editor)
    workflow_state = workflow.start(page, editor)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")

    page.refresh_from_db()
    assert not page.live
    job = PublishingJob.objects.get(kind=Kind.GO_LIVE, page=page)
    assert job.due_at == page.go_live_at


def test_report_lists_upcoming_and_failed_jobs_and_retries(
    interview_section, client, django_user_model
):
    moderator = make_user(django_user_model, "moderator", "Модераторы")
    editor = make_user(django_user_model, "editor", "Редакторы")
    page = make_interview(interview_section, title="Скоро в эфире")
    schedule_publish(page, soon(3600))
    failed = PublishingJob.objects.create(
        kind=Kind.AFTER_PUBLISH,
        page_title="Сломанный конвейер",
        due_at=timezone.now(),
        status=Status.FAILED,
        outcome="OperationalError: connection refused",
        finished_at=timezone.now(),
    )

    client.force_login(editor)
    assert client.get("/admin/publishing/").status_code == 302, "editors don't see it"

    client.force_login(moderator)
    report = client.get("/admin/publishing/").content.decode()
    assert "Скоро в эфире" in report
    assert "OperationalError: connection refused" in report

    assert client.post("/admin/publishing/", {"retry": "1 OR 1=1"}).status_code == 404
    client.post("/admin/publishing/", {"retry": failed.pk})
    failed.refresh_from_db()
    assert failed.status == Status.QUEUED and failed.outcome == ""
    assert failed.attempts == 0 and failed.retry_at is None


def test_publishing_status_command(interview_section):
    from io import StringIO

    from django.core.management import call_command

    page = make_interview(interview_section, title="По расписанию")
    schedule_publish(page, soon(3600))
    out = StringIO()
    call_command("publishing_status", stdout=out)
    assert "go_live" in out.getvalue() and "По расписанию" in out.getvalue()


def test_import_command_schedules_with_go_live(tmp_path, interview_section):
    from io import StringIO

    from django.core.management import call_command

    from tests.factories import DASH_INTERVIEW

    source = tmp_path / "interview.txt"
    source.write_text(DASH_INTERVIEW, encoding="utf-8")
    out = StringIO()
    call_command(
        "import_interview", str(source), "--publish", "--go-live", "2099-01-01 09:00", stdout=out
    )

    page = InterviewPage.objects.get()
    assert "scheduled (2099-01-01 09:00)" in out.getvalue()
    assert not page.live
    job = PublishingJob.objects.get(kind=Kind.GO_LIVE)
    assert timezone.localtime(job.due_at).strftime("%Y-%m-%d %H:%M") == "2099-01-01 09:00"


def failing_step(page, page_id):
    raise RuntimeError("feed store is read-only")


def flaky_database_step(page, page_id):
    from django.db import OperationalError

    raise OperationalError("server closed the connection unexpectedly")


def target_deleted_step(page, page_id):
    raise IntegrityError("the related target is gone")


@pytest.mark.parametrize(
    "step, transient, attempts, status, error",
    [
        (failing_step, (), 1, Status.QUEUED, "RuntimeError: feed store is read-only"),
        (
            flaky_database_step,
            (),
            1 + 5,
            Status.FAILED,
            "OperationalError: server closed the connection",
        ),
        (
            target_deleted_step,
            (IntegrityError,),
            1 + 5,
            Status.FAILED,
            "TransientStepError: test step: IntegrityError: the related target is gone",
        ),
        (target_deleted_step, (), 1, Status.QUEUED, "IntegrityError: the related target"),
    ],
    ids=[
        "a bug waits for a later try",
        "a transient error retries at once, then fails",
        "an error the step declares transient retries at once",
        "the same error, not declared by the step, waits for a later try",
    ],
)
def test_a_failing_pipeline_step_is_recorded_not_silent(
    interview_section, monkeypatch, step, transient, attempts, status, error
):
    from publishing.tasks import run_publishing_job

    calls = []

    def counted(page, page_id):
        calls.append(page_id)
        return step(page, page_id)

    monkeypatch.setattr(
        pipeline, "_steps", {"test step": Step("test step", Stage.CONTENT, counted, transient)}
    )
    page = make_interview(interview_section, publish=True)
    job = PublishingJob.objects.get(kind=Kind.AFTER_PUBLISH, page=page)

    run_publishing_job.apply((job.pk,))

    job.refresh_from_db()
    assert job.status == status
    assert job.outcome.startswith(error)
    assert (job.retry_at is not None) == (status == Status.QUEUED)
    assert len(calls) == attempts


# One job that always fails must not stop the sweep (issue 9, finding 7).


def live_section(section, title):
    from interviews.models import InterviewIndexPage

    page = section.get_parent().add_child(instance=InterviewIndexPage(title=title, slug="old-slug"))
    page.save_revision().publish()
    return InterviewIndexPage.objects.get(pk=page.pk)


def schedule_a_move_to_a_taken_address(page, go_live_at):
    """A live section's scheduled change of address, and a new sibling that takes that
    address meanwhile: publishing the change fails Wagtail's own validation (slugs are
    unique among siblings), every time it is tried."""
    from interviews.models import InterviewIndexPage

    page.slug = "taken-slug"
    schedule_publish(page, go_live_at)
    page.get_parent().add_child(instance=InterviewIndexPage(title="Taken", slug="taken-slug"))
    return page


def clash_with_a_sibling(section, title, go_live_at):
    return schedule_a_move_to_a_taken_address(live_section(section, title), go_live_at)


def slug_of(page):
    return Page.objects.get(pk=page.pk).slug


def test_a_job_that_always_fails_neither_stops_the_sweep_nor_fails_it_forever(
    interview_section, client, django_user_model
):
    broken = live_section(interview_section, "Broken")
    scheduled = make_interview(interview_section, title="Scheduled too")
    expiring = make_interview(interview_section, title="Expiring", publish=True)
    jobless = make_interview(interview_section, title="Scheduled before the app")

    go_live_at = soon(4)  # room for the scheduling below, even on a busy machine
    schedule_a_move_to_a_taken_address(broken, go_live_at)
    broken_job = PublishingJob.objects.get(kind=Kind.GO_LIVE, page=broken)
    schedule_publish(scheduled, go_live_at + timedelta(seconds=0.1))
    expiring = InterviewPage.objects.get(pk=expiring.pk)
    expiring.expire_at = go_live_at
    expiring.save_revision().publish()
    schedule_publish(jobless, go_live_at)
    PublishingJob.objects.filter(page=jobless).delete()
    assert timezone.now() < go_live_at, "the setup took too long to test anything"

    wait_until(go_live_at + timedelta(seconds=0.1))
    counts = jobs.sweep()

    assert (counts["ran"], counts["failed"], counts["published"]) == (2, 1, 1)
    assert InterviewPage.objects.get(pk=scheduled.pk).live, "the other due page went live"
    assert InterviewPage.objects.get(pk=jobless.pk).live, "Wagtail's rule still ran"
    assert not InterviewPage.objects.get(pk=expiring.pk).live, "the expiry still ran"
    assert slug_of(broken) == "old-slug"
    broken_job.refresh_from_db()
    assert broken_job.status == Status.QUEUED and broken_job.attempts == 1
    assert broken_job.outcome.startswith("ValidationError")
    assert broken_job.retry_at > timezone.now()

    # Recorded once: the next sweeps wait out the pause instead of failing again, and
    # Wagtail's rule leaves the revision to its job.
    assert jobs.sweep()["failed"] == 0
    broken_job.refresh_from_db()
    assert broken_job.attempts == 1

    for attempt in range(2, jobs.MAX_ATTEMPTS + 1):
        PublishingJob.objects.filter(pk=broken_job.pk).update(retry_at=timezone.now())
        assert jobs.sweep()["failed"] == 1
        broken_job.refresh_from_db()
        assert broken_job.attempts == attempt
    assert broken_job.status == Status.FAILED and broken_job.retry_at is None
    assert jobs.sweep()["failed"] == 0, "a failed job is left alone"
    assert published_entries(broken) == 0

    moderator = make_user(django_user_model, "moderator", "Модераторы")
    client.force_login(moderator)
    report = client.get("/admin/publishing/").content.decode()
    assert "ValidationError" in report and "Broken" in report
    client.post("/admin/publishing/", {"retry": broken_job.pk})
    broken_job.refresh_from_db()
    assert (broken_job.status, broken_job.attempts, broken_job.due_at) == (
        Status.QUEUED,
        0,
        go_live_at,
    ), "retried with fresh tries, for the revision's own go-live time"


def test_a_jobless_revision_that_fails_gets_a_job_once(interview_section):
    go_live_at = soon(2)
    page = clash_with_a_sibling(interview_section, "Broken, no job", go_live_at)
    PublishingJob.objects.filter(page=page, kind=Kind.GO_LIVE).delete()

    wait_until(go_live_at)
    assert jobs.sweep()["failed"] == 1
    assert jobs.sweep()["failed"] == 0

    job = PublishingJob.objects.get(page=page, kind=Kind.GO_LIVE)
    assert (job.status, job.attempts) == (Status.QUEUED, 1)
    assert job.outcome.startswith("ValidationError")
    assert slug_of(page) == "old-slug"


def test_waiting_and_failed_jobs_are_shown_with_their_error(
    interview_section, client, django_user_model
):
    from io import StringIO

    from django.core.management import call_command

    go_live_at = soon(2)
    clash_with_a_sibling(interview_section, "Никак не выходит", go_live_at)
    wait_until(go_live_at)
    jobs.sweep()

    out = StringIO()
    call_command("publishing_status", stdout=out)
    assert "Никак не выходит" in out.getvalue() and "ValidationError" in out.getvalue()
    client.force_login(make_user(django_user_model, "moderator", "Модераторы"))
    report = client.get("/admin/publishing/").content.decode()
    assert "Никак не выходит" in report and "ValidationError" in report
