"""People are shown on live pages, in JSON-LD and the API as soon as they are saved, without
a revision or a review. So only Moderators (who approve pages anyway) change or delete a
person; Editors still add new people (a new person appears only on a page that goes
through review) and pick existing ones. Issue 9, finding 6.
"""

from django.db import migrations

EDITORS = "Editors"
TAKEN_FROM_EDITORS = ["change_person", "delete_person"]


def editors_may_not_change_people(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    editors.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="interviews", codename__in=TAKEN_FROM_EDITORS
        )
    )


def editors_may_change_people(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="interviews", codename="change_person"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("publishing", "0003_job_retry_backoff")]

    operations = [migrations.RunPython(editors_may_not_change_people, editors_may_change_people)]
