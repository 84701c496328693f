"""The README's recipes run as written: every `python manage.py …` line of its sh blocks,
and its Python blocks in `manage.py shell`, on a database with the demo loaded."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.processes import database_url

BASE_DIR = Path(settings.BASE_DIR)
README = (BASE_DIR / "README.md").read_text(encoding="utf-8")
CODE_BLOCK = re.compile(r"^```(sh|python)\n(.*?)^```", re.MULTILINE | re.DOTALL)
# Benchmark-sized work, run by `make bench` instead.
SKIPPED_COMMANDS = ("generate_corpus",)


def recipes(language: str) -> list[str]:
    return [code for kind, code in CODE_BLOCK.findall(README) if kind == language]


def shell_commands() -> list[str]:
    return [
        line.strip()
        for block in recipes("sh")
        for line in block.splitlines()
        if line.startswith("python manage.py ")
        and not any(skipped in line for skipped in SKIPPED_COMMANDS)
    ]


def test_the_readme_has_the_recipes_this_test_runs():
    commands = shell_commands()
    assert any("import_interview" in command for command in commands)
    assert any("relink --all" in command for command in commands)
    assert recipes("python")


@pytest.fixture
def run_shell(tmp_path):
    database = connection.settings_dict
    env = {key: value for key, value in os.environ.items() if key != "CELERY_BROKER_URL"}
    env.update(
        # `python` in a recipe is the project's interpreter, as in an activated venv.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        NEWSROOM_DATA_DIR=str(tmp_path),
        DATABASE_URL=database_url(database),
    )

    def run(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "-c", command],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_readme_recipe_runs(run_shell):
    from interviews.models import InterviewPage

    loaded = run_shell("python manage.py load_demo --no-admin")
    assert loaded.returncode == 0, loaded.stderr
    some_page = InterviewPage.objects.order_by("pk").first().pk

    failures = []
    for command in shell_commands():
        # The one placeholder: an example page id.
        result = run_shell(command.replace("--page 42", f"--page {some_page}"))
        if result.returncode != 0:
            failures.append(f"{command}\n{result.stderr.strip()[-600:]}")
    for code in recipes("python"):
        result = run_shell(f"python manage.py shell -v 0 -c {quote(code)}")
        if result.returncode != 0:
            failures.append(f"python recipe\n{result.stderr.strip()[-1200:]}")
    assert failures == [], "\n\n".join(failures)

    scheduled = InterviewPage.objects.get(go_live_at__year=2031)
    assert not scheduled.live, "the --go-live recipe schedules, it does not publish"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_go_live_time_already_past_is_an_error(run_shell):
    result = run_shell(
        "python manage.py import_interview interviews/demo/ugol-i-veter.txt "
        '--publish --go-live "2020-01-01 09:00"'
    )
    assert result.returncode == 2
    assert "--go-live 2020-01-01 09:00 is already past" in result.stderr
    from interviews.models import InterviewPage

    assert not InterviewPage.objects.exists(), "nothing is created"


def quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
