"""The editorial groups, the workflow and its task get Russian names.

Wagtail shows these names as they are stored (group lists, the page's workflow status,
its history), never through gettext, so the desk's language has to be in the data.
Nothing looks them up by name: renaming them in the admin later is safe.
"""

from django.db import migrations

GROUPS = {"Editors": "Редакторы", "Moderators": "Модераторы"}
WORKFLOWS = {"Interview review": "Проверка интервью"}
TASKS = {"Desk approval": "Одобрение модератора"}


def rename(apps, to_russian: bool):
    for model, names in (
        ("auth.Group", GROUPS),
        ("wagtailcore.Workflow", WORKFLOWS),
        ("wagtailcore.Task", TASKS),
    ):
        for english, russian in names.items():
            old, new = (english, russian) if to_russian else (russian, english)
            apps.get_model(model).objects.filter(name=old).update(name=new)


def to_russian(apps, schema_editor):
    rename(apps, to_russian=True)


def to_english(apps, schema_editor):
    rename(apps, to_russian=False)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0004_people_changed_by_moderators_only")]

    operations = [migrations.RunPython(to_russian, to_english)]
