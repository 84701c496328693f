"""Scheduled publishing on real Celery workers and beats, with a real Redis that fails.

Each worker and beat notes, from inside the job's transaction, when it starts a publish or
a post-publish pipeline run (publishing.jobs.note_for_tests, enabled by the celery_env
fixture only). The tests read those notes to prove where a killed worker was and to count
pipeline runs, and they wait a settling time after each go-live so that a late second
publish fails them too.
"""

import re
import time
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.utils import timezone
from wagtail.models import PageLogEntry

from interviews.models import InterviewIndexPage, InterviewPage
from publishing import jobs
from publishing.models import PublishingJob
from tests.factories import make_interview
from tests.processes import wait_for

pytestmark = [pytest.mark.celery, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

Kind, Status = PublishingJob.Kind, PublishingJob.Status

# Several sweep intervals (PUBLISHING_SWEEP_SECONDS=1 in tests) and any late message.
SETTLE_SECONDS = 3


@pytest.fixture
def section(celery_env):
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


def settle():
    time.sleep(SETTLE_SECONDS)


def notes(env, event: str, page=None) -> list[dict]:
    """What the worker processes noted: [{"job": …, "page": …, "backend": …}, …]."""
    path = Path(env["NEWSROOM_TEST_MARKER_FILE"])
    lines = path.read_text().splitlines() if path.exists() else []
    found = []
    for line in lines:
        name, *fields = line.split()
        entry = dict(field.split("=", 1) for field in fields)
        if name == event and (page is None or entry["page"] == str(page.pk)):
            found.append(entry)
    return found


def pipeline_runs(env, page) -> int:
    return len(notes(env, "pipeline", page))


def test_a_scheduled_page_goes_live_on_the_second(section, start_celery, celery_env):
    start_celery("worker")
    page = schedule(section, seconds_ahead=2)

    wait_for(lambda: live(page), timeout=10, message="the page to go live")
    settle()

    page.refresh_from_db()
    assert page.last_published_at - page.go_live_at < timedelta(seconds=1)
    assert publish_entries(page) == 1
    assert PublishingJob.objects.get(kind=Kind.GO_LIVE).status == Status.DONE
    assert pipeline_runs(celery_env, page) == 1


def test_broker_down_at_go_live_then_back(section, start_celery, redis_server, celery_env):
    start_celery("worker")
    start_celery("beat")
    redis_server.stop()
    pages = [schedule(section, seconds_ahead=1, title=f"Outage {n}") for n in range(3)]
    time.sleep(2)
    assert not any(live(page) for page in pages), "nothing can be delivered yet"

    redis_server.start()

    wait_for(lambda: all(live(page) for page in pages), timeout=40, message="pages to go live")
    settle()
    assert [publish_entries(page) for page in pages] == [1, 1, 1]
    assert [pipeline_runs(celery_env, page) for page in pages] == [1, 1, 1]


def test_worker_killed_inside_the_publish_is_redelivered_and_publishes_once(
    section, start_celery, celery_env
):
    # Redis hands a dead worker's unacknowledged message on after 3 s (1 hour by default).
    # No beat in this test: only that redelivery can publish the page.
    celery_env["CELERY_VISIBILITY_TIMEOUT"] = "3"
    worker = start_celery("worker")
    page = schedule(section, seconds_ahead=2)
    job = PublishingJob.objects.get(kind=Kind.GO_LIVE)

    # Hold the page row so the worker's publish blocks half-way, then kill the worker.
    url = connection_url(celery_env)
    with psycopg.connect(url) as blocker, psycopg.connect(url, autocommit=True) as observer:
        blocker.execute("SELECT 1 FROM wagtailcore_page WHERE id = %s FOR UPDATE", [page.pk])
        wait_for(lambda: notes(celery_env, "publishing"), timeout=10, message="the publish")
        (inside,) = notes(celery_env, "publishing")
        assert inside["job"] == str(job.pk)
        backend = int(inside["backend"])
        wait_for(
            lambda: waits_for_a_lock(observer, backend),
            timeout=10,
            message="the worker's publish to block on the page row",
        )
        worker.kill()
        blocker.rollback()
        wait_for(lambda: not connected(observer, backend), timeout=10, message="its backend")

    assert not live(page)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.QUEUED, 0), "the killed publish rolled back"

    replacement = start_celery("worker", name="replacement")
    wait_for(lambda: live(page), timeout=40, message="the redelivered message to publish")
    settle()

    assert publish_entries(page) == 1
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.DONE, 1)
    publishes = notes(celery_env, "publishing")
    assert len(publishes) == 2 and publishes[1]["backend"] != publishes[0]["backend"]
    assert task_ids(worker) & task_ids(replacement), "the same message, delivered again"
    assert pipeline_runs(celery_env, page) == 1


def test_a_message_the_broker_accepted_then_lost_is_published_by_the_sweep(
    section, start_celery, redis_server, celery_env
):
    page = schedule(section, seconds_ahead=1, title="Lost")
    assert redis_server.queue_length() == 1, "the broker accepted the go-live message"
    redis_server.command("DEL", "celery")  # and lost it
    assert redis_server.queue_length() == 0

    start_celery("worker")
    start_celery("beat")
    wait_for(lambda: live(page), timeout=20, message="the sweep to publish the page")
    settle()

    assert publish_entries(page) == 1
    assert PublishingJob.objects.get(kind=Kind.GO_LIVE).status == Status.DONE
    assert pipeline_runs(celery_env, page) == 1


def test_duplicate_stale_and_orphan_messages_do_no_harm(section, start_celery, celery_env):
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
    settle()  # let the stale and orphan messages arrive too

    assert publish_entries(duplicated) == 1
    assert pipeline_runs(celery_env, duplicated) == 1
    assert not live(rescheduled)
    deleted_job.refresh_from_db()
    assert deleted_job.status == Status.SKIPPED
    assert not PublishingJob.objects.filter(status=Status.FAILED).exists()
    assert "Traceback" not in worker.log()


def test_two_beats_still_publish_each_page_once(section, start_celery, redis_server, celery_env):
    pages = [schedule(section, seconds_ahead=1, title=f"Beat {n}") for n in range(4)]
    redis_server.flush()  # every message lost: only the sweeps can publish now

    start_celery("worker")
    start_celery("beat", name="beat-a")
    start_celery("beat", name="beat-b")

    wait_for(lambda: all(live(page) for page in pages), timeout=20, message="the sweeps")
    settle()  # a few more sweeps from both beats
    assert [publish_entries(page) for page in pages] == [1, 1, 1, 1]
    assert [pipeline_runs(celery_env, page) for page in pages] == [1, 1, 1, 1]


def test_two_sweeps_that_overlap_publish_once(section, start_celery, redis_server, celery_env):
    from publishing.tasks import sweep_publishing

    page = schedule(section, seconds_ahead=1, title="Overlap")
    redis_server.flush()  # only sweeps can publish it
    worker = start_celery("worker")  # two processes: two sweeps at once
    time.sleep(1.2)

    url = connection_url(celery_env)
    with psycopg.connect(url) as blocker, psycopg.connect(url, autocommit=True) as observer:
        blocker.execute("SELECT 1 FROM wagtailcore_page WHERE id = %s FOR UPDATE", [page.pk])
        sweep_publishing.delay()
        wait_for(lambda: notes(celery_env, "publishing"), timeout=10, message="sweep one")
        backend = int(notes(celery_env, "publishing")[0]["backend"])
        wait_for(lambda: waits_for_a_lock(observer, backend), timeout=10, message="it to block")

        # Sweep one is inside the publish, holding the job; sweep two runs meanwhile.
        sweep_publishing.delay()
        wait_for(lambda: sweeps_finished(worker) == 1, timeout=10, message="sweep two")
        assert not live(page)
        assert len(notes(celery_env, "publishing")) == 1, "sweep two did not publish too"
        blocker.rollback()

    wait_for(lambda: live(page), timeout=10, message="sweep one to finish")
    wait_for(lambda: sweeps_finished(worker) == 2, timeout=10, message="sweep one's end")
    settle()
    assert publish_entries(page) == 1
    assert pipeline_runs(celery_env, page) == 1
    assert "Traceback" not in worker.log()


def test_a_job_that_fails_inside_the_sweep_does_not_stop_it(
    section, start_celery, redis_server, celery_env
):
    go_live_at = timezone.now() + timedelta(seconds=3)
    broken = section_with_a_clashing_slug(section, go_live_at)
    pages = [schedule(section, seconds_ahead=3, title=f"Due {n}") for n in range(2)]
    redis_server.flush()  # only the sweep runs these jobs

    worker = start_celery("worker")
    start_celery("beat")
    wait_for(lambda: all(live(page) for page in pages), timeout=20, message="the other pages")
    settle()

    assert [publish_entries(page) for page in pages] == [1, 1]
    job = PublishingJob.objects.get(kind=Kind.GO_LIVE, page_id=broken.pk)
    assert (job.status, job.attempts) == (Status.QUEUED, 1), "recorded once, then waiting"
    assert job.outcome.startswith("ValidationError") and job.retry_at > timezone.now()
    assert "raised unexpected" not in worker.log(), "no sweep failed"


def section_with_a_clashing_slug(section, go_live_at):
    """A section scheduled to move to an address a new sibling takes meanwhile: its
    publish fails Wagtail's validation every time (see tests/test_publishing.py)."""
    home = section.get_parent()
    broken = home.add_child(instance=InterviewIndexPage(title="Moving", slug="old-address"))
    broken.save_revision().publish()
    broken = InterviewIndexPage.objects.get(pk=broken.pk)
    broken.slug, broken.go_live_at = "taken-address", go_live_at
    broken.save_revision().publish()
    home.add_child(instance=InterviewIndexPage(title="Taken", slug="taken-address"))
    return broken


def task_ids(worker) -> set[str]:
    """Ids of the go-live and pipeline messages a worker received."""
    pattern = r"Task publishing\.tasks\.run_publishing_job\[([^\]]+)\] received"
    return set(re.findall(pattern, worker.log()))


def sweeps_finished(worker) -> int:
    return len(re.findall(r"sweep_publishing\[[^\]]+\] succeeded", worker.log()))


def connection_url(env) -> str:
    return env["DATABASE_URL"].replace("postgres://", "postgresql://", 1)


def waits_for_a_lock(observer, backend: int) -> bool:
    query = "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s"
    row = observer.execute(query, [backend]).fetchone()
    return row is not None and row[0] == "Lock"


def connected(observer, backend: int) -> bool:
    query = "SELECT 1 FROM pg_stat_activity WHERE pid = %s"
    return observer.execute(query, [backend]).fetchone() is not None
