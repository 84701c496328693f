"""Replace Wagtail's placeholder welcome page with the Newsroom home page as the site root."""

from django.db import migrations

HOME_PATH = "00010001"


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("newsroom.HomePage")

    Page.objects.filter(depth=2, path=HOME_PATH, content_type__app_label="wagtailcore").delete()
    home = HomePage.objects.create(
        title="Newsroom",
        draft_title="Newsroom",
        slug="home",
        content_type=ContentType.objects.get_for_model(HomePage),
        locale=Locale.objects.order_by("pk").first(),
        path=HOME_PATH,
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )


def remove_home_page(apps, schema_editor):
    apps.get_model("newsroom.HomePage").objects.filter(path=HOME_PATH).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_home_page"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
