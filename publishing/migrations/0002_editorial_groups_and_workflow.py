"""Editors write and submit; Moderators approve, schedule, publish and unpublish.

Interviews go through the "Interview review" workflow: one approval task for the
Moderators group, attached to the /interviews/ section.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS, MODERATORS = "Editors", "Moderators"
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
PERSON_PERMISSIONS = {
    EDITORS: ["add_person", "change_person", "view_person"],
    MODERATORS: ["add_person", "change_person", "delete_person", "view_person"],
}
SITE_ROOT_PATH = "0001"
INTERVIEW_SECTION_PATH = "000100010001"


def create_groups_and_workflow(apps, schema_editor):
    # Permissions of new models are normally created after all migrations have run;
    # the stub app config needs models_module set for create_permissions to look at it.
    interviews_config = apps.get_app_config("interviews")
    interviews_config.models_module = True
    create_permissions(interviews_config, verbosity=0, apps=apps)
    interviews_config.models_module = None

    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    root = Page.objects.get(path=SITE_ROOT_PATH)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    groups = {}
    for name in (EDITORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="interviews", codename__in=PERSON_PERMISSIONS[name]
            )
        )
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    # Editors may not publish, even if an earlier setup allowed it.
    GroupPagePermission.objects.filter(
        group=groups[EDITORS], permission__codename="publish_page"
    ).delete()

    section = Page.objects.filter(path=INTERVIEW_SECTION_PATH).first()
    if section is None:
        return
    approval = GroupApprovalTask.objects.create(
        name="Desk approval",
        content_type=ContentType.objects.get_for_model(GroupApprovalTask),
        active=True,
    )
    approval.groups.add(groups[MODERATORS])
    workflow = Workflow.objects.create(name="Interview review", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=approval, sort_order=0)
    WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name="Interview review").delete()
    apps.get_model("wagtailcore.Task").objects.filter(name="Desk approval").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_publishing_jobs"),
        ("interviews", "0002_create_interview_index"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, remove_workflow)]
