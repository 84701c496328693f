"""Quiet by default: commands print what a person needs, the admin calls no third party."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import database_url

BASE_DIR = Path(settings.BASE_DIR)
DEMO_FILE = BASE_DIR / "interviews/demo/ugol-i-veter.txt"


def run_manage(tmp_path, *args) -> subprocess.CompletedProcess:
    """A manage.py command as `make run` starts it: DEBUG on, no CELERY_BROKER_URL (the
    filesystem broker under NEWSROOM_DATA_DIR), this test's database."""
    database = connection.settings_dict
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "LOG_LEVEL"}
    }
    env.update(
        DEBUG="1",
        NEWSROOM_DATA_DIR=str(tmp_path),
        DATABASE_URL=database_url(database),
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_and_an_import_print_only_their_own_lines(tmp_path):
    demo = run_manage(tmp_path, "load_demo", "--no-admin")
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.strip() == "Demo interviews: 8 loaded, 0 already there."
    assert demo.stderr.strip() == ""  # was: 182 "Task id=… state=…" lines and page logs

    imported = run_manage(
        tmp_path, "import_interview", str(DEMO_FILE), "--title", "Тихий импорт", "--publish"
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Created published interview #")
    assert "No hostname was supplied" not in imported.stderr
    # load_demo imported this very file: that one warning is what the editor needs to know.
    assert (
        [line for line in imported.stderr.splitlines() if line.strip()]
        == [
            line
            for line in imported.stderr.splitlines()
            if "warning: already imported as #" in line
        ]
        != []
    )
    # The publish did reach the broker: the post-publish job is queued on disk.
    assert list((tmp_path / "broker" / "queue").iterdir())


def test_the_admin_shows_no_gravatar(admin_client):
    response = admin_client.get("/admin/")
    html = response.content.decode()
    assert "gravatar" not in html
    assert "gravatar" not in response.headers["Content-Security-Policy"]
    assert "releases.wagtail.org" not in response.headers["Content-Security-Policy"]


def test_the_admin_tab_carries_the_site_name(admin_client, client):
    assert "<title>Панель управления - Newsroom</title>" in (
        admin_client.get("/admin/").content.decode()
    )
    login = client.get("/admin/login/").content.decode()
    assert "- Newsroom</title>" in login and "Wagtail</title>" not in login


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_admin_makes_no_request_off_the_site(live_server, page, log_in_editor):
    """Dashboard, page editor, account: every request goes to our own server."""
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    log_in_editor("/admin/")
    page.goto(f"{live_server.url}/admin/pages/3/edit/")
    page.goto(f"{live_server.url}/admin/account/")
    page.wait_for_load_state("networkidle")
    elsewhere = [url for url in requested if not url.startswith(live_server.url)]
    assert requested and elsewhere == []
