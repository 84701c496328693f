"""The page cache is one every process shares: a purge in the worker reaches the web server
(issue 9, finding 4)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.checks import run_checks
from django.db import connection
from django.test import Client
from django.utils import translation

from tests.factories import make_interview
from tests.processes import database_url

pytestmark = pytest.mark.django_db
PROJECT = Path(__file__).resolve().parent.parent


def settings_in_a_fresh_process(env: dict, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT,
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_without_cache_url_every_process_uses_the_same_cache(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "CACHE_URL"}
    env.update(NEWSROOM_DATA_DIR=str(tmp_path), DEBUG="0")
    env.setdefault("DATABASE_URL", database_url(connection.settings_dict))  # no server of its own
    backend = settings_in_a_fresh_process(
        env, "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    assert backend.endswith("FileBasedCache")
    settings_in_a_fresh_process(env, "from django.core.cache import cache; cache.set('k', 'v')")
    seen = settings_in_a_fresh_process(
        env, "from django.core.cache import cache; print(cache.get('k'))"
    )
    assert seen == "v"


def test_a_purge_in_another_process_is_seen_by_this_one(settings, interview_section):
    """This process serves the page; a separate Python process (as the worker is) purges."""
    assert settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache")
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    page = make_interview(interview_section, title="Рекорд Курыка", publish=True)
    client = Client(HTTP_HOST="localhost")
    client.get(page.url)
    assert client.get(page.url)["X-Page-Cache"] == "hit"

    test_database = database_url(connection.settings_dict)
    settings_in_a_fresh_process(
        {**os.environ, "DATABASE_URL": test_database},
        "from reader.cache import purge_pages; purge_pages([])",
    )
    assert client.get(page.url)["X-Page-Cache"] == "miss"
    cache.clear()


def deploy_check_ids() -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=True)}


def test_check_deploy_refuses_a_per_process_page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    assert "newsroom.E001" in deploy_check_ids()
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    assert "newsroom.E001" not in deploy_check_ids()
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 600
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert "newsroom.E001" not in deploy_check_ids()
