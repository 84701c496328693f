"""Russian throughout: every string our code marks for translation has a Russian one.

The committed catalogue is checked against what `makemessages` extracts from the code
now (run on a copy, so the committed files are never touched), and the committed `.mo`
against the `.po` (the `.mo` is what Django reads: a forgotten compile shows English).
"""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

BASE_DIR = Path(settings.BASE_DIR)
SOURCE_DIRS = ["interviews", "publishing", "newsroom", "templates"]
RU_PO = BASE_DIR / "locale/ru/LC_MESSAGES/django.po"
RU_MO = BASE_DIR / "locale/ru/LC_MESSAGES/django.mo"


@pytest.fixture(scope="module")
def extracted_catalogue(tmp_path_factory):
    """The Russian catalogue as makemessages would leave it after extracting today's code."""
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext is not installed (apt-get install gettext)")
    root = tmp_path_factory.mktemp("messages")
    for name in SOURCE_DIRS:
        shutil.copytree(
            BASE_DIR / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "static")
        )
    shutil.copytree(BASE_DIR / "locale", root / "locale")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        with override_settings(LOCALE_PATHS=[root / "locale"]):
            call_command("makemessages", locale=["ru"], verbosity=0, no_obsolete=True)
    finally:
        os.chdir(cwd)
    return polib.pofile(str(root / "locale/ru/LC_MESSAGES/django.po"))


def entry_name(entry) -> str:
    where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"{context}{entry.msgid!r} ({where})"


def test_every_string_in_our_code_has_a_russian_translation(extracted_catalogue):
    missing = [
        entry_name(entry)
        for entry in extracted_catalogue
        if not entry.obsolete and (not entry.translated() or entry.fuzzy)
    ]
    assert missing == [], "untranslated or fuzzy in locale/ru: " + "; ".join(missing)


def test_the_compiled_catalogue_matches_the_po_file():
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(RU_MO))}
    stale = []
    for entry in polib.pofile(str(RU_PO)).translated_entries():
        if entry.fuzzy:
            continue
        found = compiled.get((entry.msgctxt, entry.msgid))
        if found is None or (found.msgstr, found.msgstr_plural) != (
            entry.msgstr,
            {int(key): value for key, value in entry.msgstr_plural.items()},
        ):
            stale.append(entry.msgid)
    assert stale == [], "run compilemessages: django.mo lacks " + "; ".join(stale[:10])


@pytest.mark.parametrize(
    "english, russian",
    [
        # Wagtail's own strings that its Russian catalogue lacks, provided by ours.
        ("Meta description is empty", "Описание для поисковиков не заполнено"),
        ("%(model_name)s scheduled for publishing", "%(model_name)s: публикация запланирована"),
        ("Locked by", "Заблокировано:"),
    ],
)
def test_wagtail_strings_missing_in_its_catalogue_are_russian(english, russian):
    with translation.override("ru"):
        assert translation.gettext(english) == russian


def test_the_editor_adds_people_and_articles_in_russian(admin_client, interview_section):
    from tests.factories import make_interview

    page = make_interview(interview_section)
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Добавить участника" in html
    assert "Добавить статью" in html
    assert "Добавить Участник" not in html and "Добавить Персона" not in html


def test_the_people_list_offers_to_add_a_person_grammatically(admin_client):
    html = admin_client.get("/admin/snippets/interviews/person/").content.decode()
    assert "Добавить: персона" in html
    assert "Добавить персона" not in html


def test_the_desk_groups_and_workflow_have_russian_names(interview_section):
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {"Редакторы", "Модераторы"} <= names
    assert not names & {"Editors", "Moderators"}
    assert interview_section.get_workflow().name == "Проверка интервью"
    task = interview_section.get_workflow().tasks.get()
    assert task.name == "Одобрение модератора"


def test_the_publishing_report_shows_outcomes_in_russian(admin_client):
    from django.utils import timezone

    from publishing.models import PublishingJob

    for outcome in [
        "published",
        "related links recomputed; caches, feeds and sitemaps purged",
        "skipped: rescheduled to 2026-12-01 09:00:00+00:00",
    ]:
        PublishingJob.objects.create(
            kind=PublishingJob.Kind.AFTER_PUBLISH,
            page_title="Порт Актау",
            due_at=timezone.now(),
            status=PublishingJob.Status.DONE,
            outcome=outcome,
            finished_at=timezone.now(),
        )
    html = admin_client.get("/admin/publishing/").content.decode()
    assert "опубликовано" in html
    assert "связанные статьи пересчитаны; кэш, ленты и карты сайта обновлены" in html
    assert "пропущено: перенесено на 2026-12-01 09:00:00+00:00" in html
    assert "related links recomputed" not in html
