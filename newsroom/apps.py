from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom site"

    def ready(self):
        from newsroom import (
            checks,  # noqa: F401  (registers the system checks)
            front_page,
        )
        from publishing import pipeline

        pipeline.register(front_page.REBUILD)
