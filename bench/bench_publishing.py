"""Scheduled publishing: from go-live time to a 200 on the public URL.

Schedules PAGES interviews across one minute on PostgreSQL + Redis with a real worker,
beat and gunicorn, and records, for each page, how long after its go_live_at its public
URL first answered 200. Then the same with the sweep alone (the messages are dropped),
at a cron-like cadence, which is how most Wagtail sites publish.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_publishing \
    CELERY_BROKER_URL=redis://127.0.0.1:6379/9 .venv/bin/python bench/bench_publishing.py

Options (environment): BENCH_PAGES (200), BENCH_SPREAD_SECONDS (60),
BENCH_BASELINE_SWEEP_SECONDS (60; Wagtail's docs suggest running publish_scheduled
hourly, so the baseline printed for an hourly cron is derived from the same model).
"""

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from interviews.importer import parse_interview  # noqa: E402
from interviews.models import InterviewPage  # noqa: E402
from interviews.services import create_interview, interview_section  # noqa: E402
from publishing.models import PublishingJob  # noqa: E402
from tests.factories import DASH_INTERVIEW  # noqa: E402
from tests.processes import CeleryProcess, free_port, wait_for  # noqa: E402

PAGES = int(os.environ.get("BENCH_PAGES", "200"))
SPREAD = float(os.environ.get("BENCH_SPREAD_SECONDS", "60"))
BASELINE_SWEEP = float(os.environ.get("BENCH_BASELINE_SWEEP_SECONDS", "60"))
# Time to schedule every page before the first go-live. Scheduling runs before the worker
# starts: publishing while another process schedules can deadlock inside Wagtail's search
# index update (the worker retries; the scheduling process would not).
LEAD_SECONDS = float(os.environ.get("BENCH_LEAD_SECONDS", "150"))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def fresh_pages(label):
    parsed = parse_interview(DASH_INTERVIEW)
    section = interview_section()
    return [create_interview(parsed, title=f"{label} {n}", section=section) for n in range(PAGES)]


def schedule(pages):
    start = timezone.now() + timedelta(seconds=LEAD_SECONDS)
    for n, page in enumerate(pages):
        page.go_live_at = start + timedelta(seconds=SPREAD * n / PAGES)
        page.save_revision().publish()
    return {page.pk: page.go_live_at for page in pages}


def measure(go_live_by_page, base_url, timeout):
    """Poll for newly live pages; time each one's first 200 on its public URL."""
    pending, latency = dict(go_live_by_page), {}
    deadline = time.monotonic() + timeout
    while pending and time.monotonic() < deadline:
        for pk, url in InterviewPage.objects.filter(pk__in=pending, live=True).values_list(
            "pk", "url_path"
        ):
            if _answers(base_url + url.removeprefix("/home")):
                latency[pk] = (timezone.now() - pending.pop(pk)).total_seconds()
        time.sleep(0.02)
    return latency, len(pending)


def report(label, latency, missing):
    values = list(latency.values())
    print(
        f"{label:<42} n={len(values):>4} missing={missing:>3} "
        f"p50={percentile(values, 0.5):7.3f}s p90={percentile(values, 0.9):7.3f}s "
        f"p99={percentile(values, 0.99):7.3f}s max={max(values):7.3f}s "
        f"mean={statistics.mean(values):7.3f}s"
    )
    return values


def run(label, env, log_dir, sweep_seconds, drop_messages):
    from newsroom.celery import app

    with app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()  # leftovers of an earlier run
    pages = fresh_pages(label)
    processes = []
    env = {**env, "PUBLISHING_SWEEP_SECONDS": str(sweep_seconds)}
    go_live = schedule(pages)
    if min(go_live.values()) < timezone.now():
        print(f"  warning: scheduling took longer than BENCH_LEAD_SECONDS={LEAD_SECONDS}")
    if drop_messages:
        with app.connection_for_write() as connection:
            connection.default_channel.client.flushdb()
    processes.append(CeleryProcess("worker", env, log_dir, f"{label}-worker").start())
    processes.append(CeleryProcess("beat", env, log_dir, f"{label}-beat").start())
    try:
        return measure(go_live, env["BENCH_BASE_URL"], LEAD_SECONDS + SPREAD + sweep_seconds * 2)
    finally:
        for process in processes:
            process.stop()


def main():
    call_command("migrate", verbosity=0)
    InterviewPage.objects.all().delete()
    PublishingJob.objects.all().delete()
    log_dir = Path(os.environ.get("BENCH_LOG_DIR", "/tmp/newsroom-bench-publishing"))
    log_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**os.environ, "DEBUG": "0", "BENCH_BASE_URL": f"http://127.0.0.1:{port}"}
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: _answers(env["BENCH_BASE_URL"] + "/"), timeout=30, message="gunicorn")
        print(f"{PAGES} pages scheduled across {SPREAD:.0f} s; go-live → 200 on the public URL")
        eta, missing_eta = run("eta+sweep15", env, log_dir, 15, drop_messages=False)
        report("Newsroom: eta task + 15 s sweep", eta, missing_eta)
        sweep, missing_sweep = run("sweep-only", env, log_dir, BASELINE_SWEEP, drop_messages=True)
        report(f"Baseline: sweep alone every {BASELINE_SWEEP:.0f} s", sweep, missing_sweep)
        hourly = [3600 * n / PAGES for n in range(PAGES)]
        print(
            f"{'Baseline: hourly publish_scheduled (model)':<42} "
            f"p50={percentile(hourly, 0.5):7.1f}s p99={percentile(hourly, 0.99):7.1f}s "
            "(uniform wait for the next run)"
        )
        print(
            f"ratio p50 baseline/newsroom: "
            f"{percentile(list(sweep.values()), 0.5) / percentile(list(eta.values()), 0.5):.0f}x"
        )
    finally:
        web.terminate()


def _answers(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:  # includes HTTPError: not there yet
        return False


if __name__ == "__main__":
    main()
