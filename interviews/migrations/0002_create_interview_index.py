"""Create /interviews/, the section every imported interview is filed under by default."""

from django.db import migrations

HOME_PATH = "00010001"
INDEX_PATH = HOME_PATH + "0001"


def create_interview_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    InterviewIndexPage = apps.get_model("interviews.InterviewIndexPage")

    home = Page.objects.get(path=HOME_PATH)
    if Page.objects.filter(path=INDEX_PATH).exists():
        return
    InterviewIndexPage.objects.create(
        title="Интервью",
        draft_title="Интервью",
        slug="interviews",
        content_type=ContentType.objects.get_for_model(InterviewIndexPage),
        locale_id=home.locale_id,
        path=INDEX_PATH,
        depth=3,
        numchild=0,
        url_path=f"{home.url_path}interviews/",
        live=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


def remove_interview_index(apps, schema_editor):
    apps.get_model("interviews.InterviewIndexPage").objects.filter(path=INDEX_PATH).delete()
    apps.get_model("wagtailcore.Page").objects.filter(path=HOME_PATH).update(numchild=0)


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0001_interview_content_model"),
        ("newsroom", "0002_create_home_page"),
    ]

    operations = [migrations.RunPython(create_interview_index, remove_interview_index)]
