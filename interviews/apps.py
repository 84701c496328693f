from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interviews"

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from interviews import (
            listing_counts,
            publishing_steps,
            signals,  # noqa: F401  (connects the receivers)
        )
        from interviews.slug_widget import LatinSlugInput
        from publishing import pipeline

        # Every slug an editor sees in the admin (pages, people) follows the one scheme.
        register_form_field_override(models.SlugField, override={"widget": LatinSlugInput})
        pipeline.register(publishing_steps.RELATED_LINKS)
        pipeline.register(listing_counts.RECOUNT)
        pipeline.register(publishing_steps.IMAGE_RENDITIONS)
