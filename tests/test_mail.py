"""Mail from EMAIL_URL, and workflow notifications that reach the moderators (finding 13)."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection

from newsroom.settings import mailer_from_url
from tests.factories import make_interview
from tests.processes import PROJECT_ROOT, database_url

BACKENDS = "django.core.mail.backends"


def manage(*args, **env):
    environment = {name: value for name, value in os.environ.items() if name != "EMAIL_URL"}
    # This run's database server: with no DATABASE_URL, a command with a data folder of its
    # own would start an embedded server of its own there.
    environment.setdefault("DATABASE_URL", database_url(connection.settings_dict))
    environment |= env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_local_demo_prints_mail_on_the_console():
    result = manage("sendtestemail", "moderator@example.com", DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert "To: moderator@example.com" in result.stdout


def test_without_email_url_production_keeps_mail_in_files(tmp_path):
    result = manage(
        "sendtestemail", "moderator@example.com", DEBUG="0", NEWSROOM_DATA_DIR=str(tmp_path)
    )

    assert result.returncode == 0, result.stderr
    (message,) = (tmp_path / "mail").iterdir()
    assert "To: moderator@example.com" in message.read_text()
    check = manage("check", "--deploy", DEBUG="0", NEWSROOM_DATA_DIR=str(tmp_path))
    assert "publishing.W001" in check.stderr + check.stdout


def test_email_url_configures_the_mailer(tmp_path):
    assert mailer_from_url("smtp://desk%40news.example:s%2Fecret@mail.example:2525") == {
        "BACKEND": f"{BACKENDS}.smtp.EmailBackend",
        "OPTIONS": {
            "host": "mail.example",
            "port": 2525,
            "username": "desk@news.example",
            "password": "s/ecret",
            "use_ssl": False,
            "use_tls": True,
            "timeout": 20,
        },
    }
    assert mailer_from_url("smtps://mail.example")["OPTIONS"]["port"] == 465
    assert mailer_from_url("smtp://localhost:25?tls=0")["OPTIONS"]["use_tls"] is False
    assert mailer_from_url(f"file://{tmp_path}")["OPTIONS"] == {"file_path": str(tmp_path)}
    with pytest.raises(ValueError, match="unknown scheme"):
        mailer_from_url("smpt://typo")


def test_a_bad_email_url_stops_the_start_with_a_clear_message():
    result = manage("check", EMAIL_URL="smpt://mail.example")

    assert result.returncode != 0
    assert "EMAIL_URL: unknown scheme 'smpt'" in result.stderr


@pytest.mark.django_db
def test_submitting_for_review_mails_the_moderators(
    interview_section, django_user_model, django_capture_on_commit_callbacks
):
    editor = django_user_model.objects.create_user("editor", "editor@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Редакторы"))
    moderator = django_user_model.objects.create_user("moderator", "moderator@example.com", "pw")
    moderator.groups.add(Group.objects.get(name="Модераторы"))
    page = make_interview(interview_section, title="На согласование")
    page.save_revision(user=editor)

    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, editor)

    to_moderator = [message for message in mail.outbox if "moderator@example.com" in message.to]
    assert len(to_moderator) == 1
    assert "На согласование" in to_moderator[0].subject
