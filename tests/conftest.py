import os
import shutil
import tempfile

import pytest
from django.conf import settings
from django.db import connection

from newsroom import embedded_postgres
from tests.processes import REDIS_SERVER, CeleryProcess, RedisServer, database_url, free_port

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SERVICES_REQUIRED = os.environ.get("NEWSROOM_REQUIRE_SERVICES") == "1"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_unconfigure(config):
    """Stop the embedded PostgreSQL if this run started it (settings did, lacking
    DATABASE_URL); one that `make run` or another run started stays up for its owner."""
    if embedded_postgres.started_here is not None:
        embedded_postgres.started_here.stop()


@pytest.fixture(scope="session", autouse=True)
def required_services():
    """In CI a missing service fails the run; locally it is reported and browser tests skip."""
    if SERVICES_REQUIRED:
        assert CHROMIUM, "CI needs Chromium for the browser tests (apt-get install chromium)"


@pytest.fixture
def interview_section(db):
    from interviews.models import InterviewIndexPage

    return InterviewIndexPage.objects.get(slug="interviews")


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not CHROMIUM:
        if SERVICES_REQUIRED:
            pytest.fail("Chromium is missing")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's event loop makes Django hand this thread a fresh connection object,
    # which lacks the snapshot serialized_rollback restores the data migrations from.
    snapshot = getattr(connections["default"], "_test_serialized_contents", None)
    with sync_playwright() as playwright:
        if snapshot is not None:
            connections["default"]._test_serialized_contents = snapshot
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def log_in_editor(live_server, page):
    """Makes an admin user and signs `page` in; call it with the admin URL to land on."""
    from django.contrib.auth import get_user_model

    def log_in(next_url: str = "/admin/") -> None:
        get_user_model().objects.create_superuser("editor", "editor@example.com", "pass-1234")
        page.goto(f"{live_server.url}/admin/login/?next={next_url}")
        page.fill("input[name=username]", "editor")
        page.fill("input[name=password]", "pass-1234")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}{next_url}")

    return log_in


# Tests run with DEBUG off, where two-factor sign-in is required of Moderators; most tests
# sign in with force_login and no second factor. tests/test_accounts.py turns it on.
settings.NEWSROOM_REQUIRE_2FA = False

# Celery. The test run has a private redis-server (started on first use), so tests can
# stop the broker at will and never touch a shared Redis. Set before the Celery app first
# reads its configuration; until that server starts, sends fail fast and are logged.
# The page cache. Without CACHE_URL it is a file cache in the data folder, which outlives
# the run: pages cached by an earlier run (another test database, other ids) would be
# served to this one. Each run gets a folder of its own, shared with the processes it
# starts (CACHE_URL is in their environment), as the web server and worker share one.
if not os.environ.get("CACHE_URL"):
    TEST_CACHE_DIR = tempfile.mkdtemp(prefix="newsroom-test-cache-")
    os.environ["CACHE_URL"] = f"file://{TEST_CACHE_DIR}"
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": TEST_CACHE_DIR}}

TEST_BROKER_PORT = free_port()
settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{TEST_BROKER_PORT}/0"
# Celery reads this variable before its settings, at every connection: CI sets it.
os.environ["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL
settings.CELERY_BROKER_TRANSPORT_OPTIONS = {}


@pytest.fixture(scope="session")
def redis_server():
    if not REDIS_SERVER:
        if SERVICES_REQUIRED:
            pytest.fail("redis-server is missing")
        pytest.skip("redis-server is not installed")
    server = RedisServer(TEST_BROKER_PORT)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def celery_env(redis_server, django_db_setup, tmp_path):
    """Environment for worker and beat processes: this test's database and broker."""
    redis_server.flush()
    return {
        **os.environ,
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_BROKER_URL": redis_server.url,
        "PUBLISHING_SWEEP_SECONDS": "1",
        "NEWSROOM_DATA_DIR": str(tmp_path),
        # publishing.jobs notes each publish and pipeline run here (tests only).
        "NEWSROOM_TEST_MARKER_FILE": str(tmp_path / "inside-publishing.log"),
    }


@pytest.fixture
def start_celery(celery_env, tmp_path):
    """start_celery("worker") / start_celery("beat", name="beat-2"): stopped after the test."""
    started = []

    def start(role: str, name: str | None = None) -> CeleryProcess:
        process = CeleryProcess(role, celery_env, tmp_path, name or f"{role}-{len(started)}")
        started.append(process)
        return process.start()

    yield start
    for process in started:
        process.stop()
