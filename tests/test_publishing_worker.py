"""Scheduled publishing on real Celery workers and beats, with a real Redis that fails."""

import time
from datetime import timedelta

import psycopg
import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from interviews.models import InterviewPage
from publishing import jobs
from publishing.models import PublishingJob
from tests.factories import make_interview
from tests.processes import wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Kind, Status = PublishingJob.Kind, PublishingJob.Status


@pytest.fixture
def section(celery_env):
    from interviews.models import InterviewIndexPage

    return InterviewIndexPage.objects.get(slug="interviews")


def schedule(section, seconds_ahead: float, title="Scheduled"):
    page = make_interview(section, title=title)
    page.go_live_at = timezone.now() + timedelta(seconds=seconds_ahead)
    page.save_revision().publish()
    return InterviewPage.objects.get(pk=page.pk)


def live(page) -> bool:
    return InterviewPage.objects.filter(pk=page.pk, live=True).exists()


def publish_entries(page) -> int:
    return PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish.scheduled").count()


def test_a_scheduled_page_goes_live_on_the_second(section, start_celery):
    start_celery("worker")
    page = schedule(section, seconds_ahead=2)

    wait_for(lambda: live(page), timeout=10, message="the page to go live")

    page.refresh_from_db()
    assert page.last_published_at - page.go_live_at < timedelta(seconds=1)
    assert publish_entries(page) == 1
    assert PublishingJob.objects.get(kind=Kind.GO_LIVE).status == Status.DONE


def test_broker_down_at_go_live_then_back(section, start_celery, redis_server):
    start_celery("worker")
    start_celery("beat")
    redis_server.stop()
    pages = [schedule(section, seconds_ahead=1, title=f"Outage {n}") for n in range(3)]
    time.sleep(2)
    assert not any(live(page) for page in pages), "nothing can be delivered yet"

    redis_server.start()

    wait_for(lambda: all(live(page) for page in pages), timeout=40, message="pages to go live")
    assert [publish_entries(page) for page in pages] == [1, 1, 1]


def test_worker_killed_mid_publish_publishes_once(section, start_celery, celery_env):
    worker = start_celery("worker")
    page = schedule(section, seconds_ahead=2)

    # Hold the page row so the worker's publish blocks half-way, then kill the worker.
    url = connection_url(celery_env)
    with psycopg.connect(url) as blocker, psycopg.connect(url, autocommit=True) as observer:
        blocker.execute("SELECT 1 FROM wagtailcore_page WHERE id = %s FOR UPDATE", [page.pk])
        wait_for(lambda: lock_waiters(observer) > 0, timeout=10, message="the publish to block")
        worker.kill()
        blocker.rollback()

    assert not live(page)
    assert PublishingJob.objects.get(kind=Kind.GO_LIVE).status == Status.QUEUED

    start_celery("worker", name="replacement")
    start_celery("beat")
    wait_for(lambda: live(page), timeout=20, message="the sweep to publish the page")
    assert publish_entries(page) == 1
    job = PublishingJob.objects.get(kind=Kind.GO_LIVE)
    assert (job.status, job.attempts) == (Status.DONE, 1)


def test_duplicate_stale_and_orphan_messages_do_no_harm(section, start_celery):
    worker = start_celery("worker")
    duplicated = schedule(section, seconds_ahead=1.5, title="Duplicated")
    duplicated_job = PublishingJob.objects.get(page=duplicated, kind=Kind.GO_LIVE)
    jobs.send_to_worker(duplicated_job.pk)
    jobs.send_to_worker(duplicated_job.pk, duplicated_job.due_at)

    rescheduled = schedule(section, seconds_ahead=1.5, title="Rescheduled")
    rescheduled.go_live_at = timezone.now() + timedelta(hours=1)
    rescheduled.save_revision().publish()

    deleted = schedule(section, seconds_ahead=1.5, title="Deleted")
    deleted_job = PublishingJob.objects.get(page=deleted, kind=Kind.GO_LIVE)
    deleted.delete()

    wait_for(lambda: live(duplicated), timeout=10, message="the duplicated page to go live")
    time.sleep(1.5)  # let the stale and orphan messages arrive too

    assert publish_entries(duplicated) == 1
    assert not live(rescheduled)
    deleted_job.refresh_from_db()
    assert deleted_job.status == Status.SKIPPED
    assert not PublishingJob.objects.filter(status=Status.FAILED).exists()
    assert "Traceback" not in worker.log()


def test_two_beats_still_publish_each_page_once(section, start_celery, redis_server):
    pages = [schedule(section, seconds_ahead=1, title=f"Beat {n}") for n in range(4)]
    redis_server.flush()  # every message lost: only the sweeps can publish now

    start_celery("worker")
    start_celery("beat", name="beat-a")
    start_celery("beat", name="beat-b")

    wait_for(lambda: all(live(page) for page in pages), timeout=20, message="the sweeps")
    time.sleep(2)  # a few more sweeps from both beats
    assert [publish_entries(page) for page in pages] == [1, 1, 1, 1]


def connection_url(env) -> str:
    return env["DATABASE_URL"].replace("postgres://", "postgresql://", 1)


def lock_waiters(observer) -> int:
    query = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
    return observer.execute(query).fetchone()[0]
