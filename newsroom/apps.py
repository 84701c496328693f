from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom site"

    def ready(self):
        from newsroom import checks  # noqa: F401  (registers the system checks)
