from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom site"

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from newsroom import checks  # noqa: F401  (registers the system checks)
        from newsroom.admin_slugs import LatinSlugInput

        # Every slug an editor sees in the admin (pages, people) follows the one scheme.
        register_form_field_override(models.SlugField, override={"widget": LatinSlugInput})
